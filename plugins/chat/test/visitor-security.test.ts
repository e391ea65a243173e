import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { MessageDto, VisitorState } from '../shared/chat.protocol.js';
import { connectChat, type TestSocket } from './chat-client.js';

const SITE = 'https://guarded-shop.example';
const page = { url: `${SITE}/`, title: 'Shop', referrer: '' };

let core: TestCore;
let acc: SeededAccount;
let siteKey: string;
let siteId: string;
const opened: TestSocket[] = [];

async function session(): Promise<{ visitorToken: string; visitorId: string }> {
  const res = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
  return res.body;
}

async function connect(token: string, origin = SITE): Promise<TestSocket> {
  const socket = await connectChat(core.url, token, origin);
  opened.push(socket);
  return socket;
}

/** A visitor token as the core signs it, with the claims and lifetime the test chooses. */
function visitorToken(secret: string, visitorId: string, expiresAt: number): Promise<string> {
  return new SignJWT({ site: siteId })
    .setProtectedHeader({ alg: 'HS256', typ: 'callpy-visitor+jwt' })
    .setSubject(visitorId)
    .setIssuedAt(expiresAt - 3600)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  acc = await seedAccount(core);
  const token = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  const site = (await core.api.call<{ publicKey: string; id: string }>('POST', '/api/sites', { token, body: { name: 'Guarded shop', url: SITE } })).body;
  siteKey = site.publicKey;
  siteId = site.id;
});
afterAll(async () => {
  for (const s of opened) s.close();
  await core?.stop();
});

describe('a visitor socket is only what its token and origin say', () => {
  it('refuses an expired token and a token signed with another key', async () => {
    const { visitorId } = await session();
    const now = Math.floor(Date.now() / 1000);
    const expired = await visitorToken(core.config.secrets.visitor, visitorId, now - 60);
    await expect(connect(expired)).rejects.toThrow(/unauthorized/);
    const forged = await visitorToken('not-the-core-secret-but-long-enough-0123456789', visitorId, now + 3600);
    await expect(connect(forged)).rejects.toThrow(/unauthorized/);
    // The same claims signed by the core's key do connect: the refusals above were about the token.
    await expect(connect(await visitorToken(core.config.secrets.visitor, visitorId, now + 3600))).resolves.toBeTruthy();
  });

  it('refuses a page whose origin is not one of the site\'s addresses', async () => {
    const { visitorToken: token } = await session();
    await expect(connect(token, 'https://evil.example')).rejects.toThrow('websocket error');
  });

  it('a visitor cannot rate, or learn anything of, another visitor\'s dialog', async () => {
    const alice = await session();
    const aliceSocket = await connect(alice.visitorToken);
    await aliceSocket.call<VisitorState>('visitor.hello', { page, activity: 'active' });
    const mine = await aliceSocket.call<MessageDto>('message.send', { clientId: crypto.randomUUID(), text: 'my private order #123' });

    const mallory = await session();
    const malSocket = await connect(mallory.visitorToken);
    const state = await malSocket.call<VisitorState>('visitor.hello', { page, activity: 'active' });
    expect(state.dialog).toBeNull();
    expect(state.messages).toEqual([]);
    expect(await malSocket.raw('rating.submit', { dialogId: mine.dialogId, rating: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await malSocket.raw('dialog.open', { dialogId: mine.dialogId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Mallory's own message opens Mallory's own dialog; Alice's stays Alice's and unseen by Mallory.
    const hers = await malSocket.call<MessageDto>('message.send', { clientId: crypto.randomUUID(), text: 'hello' });
    expect(hers.dialogId).not.toBe(mine.dialogId);
    await Promise.all([aliceSocket.settled(), malSocket.settled()]);
    const seen = (malSocket.received.get('message.created') ?? []) as MessageDto[];
    expect(seen.map((m) => m.text)).not.toContain('my private order #123');
  });
});
