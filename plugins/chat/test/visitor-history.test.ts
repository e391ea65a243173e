import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { CHAT_LIMITS, type EarlierDialogDto, type MessageDto, type VisitorState } from '../shared/chat.protocol.js';
import { connectChat, type TestSocket } from './chat-client.js';
import { ChatFixture } from './chat-fixture.js';

const SITE = 'https://history-shop.example';
const page = { url: `${SITE}/`, title: 'Shop', referrer: '' };
const cid = () => crypto.randomUUID();
type History = { dialogs: EarlierDialogDto[]; more: boolean };

let core: TestCore;
let acc: SeededAccount;
let chat: ChatFixture;
let siteKey: string;
let op: TestSocket;

/** A conversation the visitor starts and an operator closes. */
async function closedDialog(v: TestSocket, text: string): Promise<string> {
  const m = await v.call<MessageDto>('message.send', { clientId: cid(), text });
  await op.call('message.send', { dialogId: m.dialogId, clientId: cid(), text: `answer to ${text}` });
  await op.call('dialog.close', { dialogId: m.dialogId });
  return m.dialogId;
}

/** The visitor's widget again, on another page load (the same token). */
async function reload(token: string): Promise<{ socket: TestSocket; state: VisitorState }> {
  const socket = await connectChat(core.url, token, SITE);
  chat.opened.push(socket);
  return { socket, state: await socket.call<VisitorState>('visitor.hello', { page, activity: 'active' }) };
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  acc = await seedAccount(core);
  chat = new ChatFixture(core, SITE);
  siteKey = await chat.addSite((await core.api.login(acc.admin.email, acc.admin.password)).accessToken, 'History shop');
  op = await chat.operator(acc.operator);
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

describe('a returning visitor sees their earlier conversations (issue 9)', () => {
  it('pages back through their own closed dialogs, newest first, a bounded page at a time', async () => {
    const session = await core.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
    const first = await reload(session.body.visitorToken);
    expect(first.state.earlier).toBe(false);
    const texts = ['one', 'two', 'three', 'four'];
    const ids: string[] = [];
    for (const t of texts) ids.push(await closedDialog(first.socket, t));
    await first.socket.call('message.send', { clientId: cid(), text: 'current' });

    const back = await reload(session.body.visitorToken);
    expect(back.state.messages.map((m) => m.text)).toEqual(['current']);
    expect(back.state.earlier).toBe(true);
    const page1 = await back.socket.call<History>('visitor.history', {});
    expect(page1.dialogs).toHaveLength(CHAT_LIMITS.historyDialogs);
    expect(page1.dialogs.map((d) => d.messages.map((m) => m.text))).toEqual([
      ['four', 'answer to four'],
      ['three', 'answer to three'],
      ['two', 'answer to two'],
    ]);
    expect(page1.dialogs.map((d) => d.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(page1.more).toBe(true);
    const page2 = await back.socket.call<History>('visitor.history', { before: page1.dialogs.at(-1)!.id });
    expect(page2).toMatchObject({ more: false, dialogs: [{ id: ids[0], messages: [{ text: 'one' }, { text: 'answer to one' }] }] });
    // The operators' own fields stay theirs.
    expect(Object.keys(page2.dialogs[0]!).sort()).toEqual(['closedAt', 'createdAt', 'id', 'messages']);
  });

  it('refuses paging through another visitor\'s history, and shows nobody else\'s dialogs', async () => {
    const alice = await chat.visitor(siteKey);
    const hers = await closedDialog(alice.socket, 'alice private order');
    const mallory = await chat.visitor(siteKey);
    expect(await mallory.socket.call<History>('visitor.history', {})).toEqual({ dialogs: [], more: false });
    expect(await mallory.socket.raw('visitor.history', { before: hers })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await mallory.socket.raw('visitor.history', { before: 'x'.repeat(65) })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await op.raw('visitor.history', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
