import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { DialogDto, VisitorDto } from '../shared/chat.protocol.js';
import { connectChat, type TestSocket } from './chat-client.js';
import { ChatFixture } from './chat-fixture.js';

const SITE = 'https://blocking-shop.example';
const cid = () => crypto.randomUUID();

let core: TestCore;
let acc: SeededAccount;
let chat: ChatFixture;
let siteKey: string;
let op: TestSocket;

/** A greeted widget whose page load comes through the local proxy from `ip`; a new session is a visitor who dropped their token. */
async function visitor(ip: string, key = siteKey, origin = SITE): Promise<{ socket: TestSocket; id: string }> {
  const session = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey: key }, headers: { origin } });
  const socket = await connectChat(core.url, session.body.visitorToken, origin, undefined, { 'x-forwarded-for': ip });
  chat.opened.push(socket);
  await socket.call('visitor.hello', { page: { url: `${origin}/`, title: 'Shop', referrer: '' }, activity: 'active' });
  return { socket, id: session.body.visitorId };
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  acc = await seedAccount(core);
  chat = new ChatFixture(core, SITE);
  const adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  siteKey = await chat.addSite(adminToken, 'Blocking shop');
  op = await chat.operator(acc.operator);
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

describe('a block holds against a dropped token (C13)', () => {
  it('a newcomer from a blocked visitor\'s address starts blocked; unblocking frees the address', async () => {
    const spammer = await visitor('203.0.113.50');
    await spammer.socket.call('message.send', { clientId: cid(), text: 'buy cheap pills' });
    await op.call('visitor.block', { visitorId: spammer.id, blocked: true });

    // Cookies cleared, same address: recognised.
    const returning = await visitor('203.0.113.50');
    expect(await returning.socket.raw('message.send', { clientId: cid(), text: 'pills again' })).toMatchObject({ ok: false, error: { code: 'blocked' } });
    expect((await op.call<VisitorDto>('visitor.update', { visitorId: returning.id, notes: 'seen' })).blocked).toBe(true);
    expect((await op.call<DialogDto[]>('dialogs.list', { section: 'blocked' })).map((d) => d.visitorId)).toContain(spammer.id);

    // Nor may they leave an offline request instead.
    expect(await returning.socket.raw('offline.submit', { clientId: cid(), name: 'Spam', email: 'spam@example.test', text: 'pills by mail' })).toMatchObject({ ok: false, error: { code: 'blocked' } });

    // Another address is another person.
    const neighbour = await visitor('203.0.113.51');
    expect(await neighbour.socket.raw('message.send', { clientId: cid(), text: 'hello' })).toMatchObject({ ok: true });

    // The operator changes their mind: the next newcomer from that address may write.
    await op.call('visitor.block', { visitorId: spammer.id, blocked: false });
    const forgiven = await visitor('203.0.113.50');
    expect(await forgiven.socket.raw('message.send', { clientId: cid(), text: 'sorry' })).toMatchObject({ ok: true });
  });

  it('counts an IPv6 subscriber by its /64, and only on the blocked visitor\'s site', async () => {
    const spammer = await visitor('2001:db8:1:2::10');
    await op.call('visitor.block', { visitorId: spammer.id, blocked: true });
    const rotated = await visitor('2001:db8:1:2:abcd::99');
    expect(await rotated.socket.raw('message.send', { clientId: cid(), text: 'rotated' })).toMatchObject({ ok: false, error: { code: 'blocked' } });
    const adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
    const otherAddress = 'https://other.blocking-shop.example';
    const otherSite = await chat.addSite(adminToken, 'Other shop', otherAddress);
    const elsewhere = await visitor('2001:db8:1:2::10', otherSite, otherAddress);
    expect(await elsewhere.socket.raw('message.send', { clientId: cid(), text: 'other shop' })).toMatchObject({ ok: true });
  });

  it('does not block everyone behind a shared address (a proxy on this machine, a LAN)', async () => {
    const local = await visitor('10.0.0.5');
    await op.call('visitor.block', { visitorId: local.id, blocked: true });
    const colleague = await visitor('10.0.0.5');
    expect(await colleague.socket.raw('message.send', { clientId: cid(), text: 'from the office' })).toMatchObject({ ok: true });
  });
});
