import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { Ack, DialogDto, DialogRead, MessageDto, VisitorState } from '../shared/chat.protocol.js';
import { ChatFixture } from './chat-fixture.js';
import { connectChat, type TestSocket } from './chat-client.js';

const SITE = 'https://read-shop.example';
const OTHER_SITE = 'https://other-read-shop.example';
const page = { url: `${SITE}/`, title: 'Shop', referrer: '' };
const cid = () => crypto.randomUUID();

let core: TestCore;
let chat: ChatFixture;
/** Another account's site (a site's address belongs to one account). */
let otherChat: ChatFixture;
let acc: SeededAccount;
let other: SeededAccount;
let siteKey: string;
let otherSiteKey: string;
let op: TestSocket;

const code = (ack: Ack<unknown>) => (ack.ok ? 'ok' : ack.error.code);

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  chat = new ChatFixture(core, SITE);
  otherChat = new ChatFixture(core, OTHER_SITE);
  acc = await seedAccount(core);
  other = await seedAccount(core, 'Other account');
  siteKey = await chat.addSite((await core.api.login(acc.admin.email, acc.admin.password)).accessToken, 'Read shop');
  otherSiteKey = await otherChat.addSite((await core.api.login(other.admin.email, other.admin.password)).accessToken, 'Other shop');
  op = await chat.operator(acc.operator);
  await op.call('operator.status', { status: 'online' });
});
afterAll(async () => {
  chat?.closeAll();
  otherChat?.closeAll();
  await core?.stop();
});

/** A visitor who wrote once and got one answer. */
async function talk(fixture = chat, key = siteKey, operator = op) {
  const session = await core.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey: key }, headers: { origin: fixture === chat ? SITE : OTHER_SITE } });
  const socket = await connectChat(core.url, session.body.visitorToken, fixture === chat ? SITE : OTHER_SITE);
  fixture.opened.push(socket);
  await socket.call('visitor.hello', { page, activity: 'active' });
  const v = { socket, token: session.body.visitorToken };
  const question = await v.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Is the red kettle in stock?' });
  const answer = await operator.call<MessageDto>('message.send', { dialogId: question.dialogId, clientId: cid(), text: 'Yes, two left.' });
  return { v, question, answer, dialogId: question.dialogId };
}

describe('read receipts', () => {
  it('moves each side\'s mark, tells both sides live, and keeps it for the next connection', async () => {
    const { v, question, answer, dialogId } = await talk();

    const panelSees = op.next<DialogRead>('dialog.read', (r) => r.dialogId === dialogId && r.side === 'visitor');
    await v.socket.call('messages.read', { messageId: answer.id });
    expect(await panelSees).toEqual({ dialogId, side: 'visitor', readAt: answer.createdAt });

    const widgetSees = v.socket.next<DialogRead>('dialog.read', (r) => r.dialogId === dialogId && r.side === 'operator');
    await op.call('messages.read', { messageId: question.id });
    expect(await widgetSees).toEqual({ dialogId, side: 'operator', readAt: question.createdAt });

    // Reading an older message again does not move the mark back, and is not news.
    await v.socket.call('messages.read', { messageId: question.id });
    // A reconnected widget and a reopened dialog get both marks back from the database.
    v.socket.close();
    const again = await connectChat(core.url, v.token, SITE);
    chat.opened.push(again);
    const state = await again.call<VisitorState>('visitor.hello', { page, activity: 'active' });
    expect(state.dialog).toMatchObject({ id: dialogId, visitorReadAt: answer.createdAt, operatorReadAt: question.createdAt });
    const opened = await op.call<{ dialog: DialogDto }>('dialog.open', { dialogId });
    expect(opened.dialog).toMatchObject({ visitorReadAt: answer.createdAt, operatorReadAt: question.createdAt });
    // The visitor's repeat of an older message was not news: one visitor-side push in all.
    const visitorSide = op.received.get('dialog.read')?.filter((r) => (r as DialogRead).dialogId === dialogId && (r as DialogRead).side === 'visitor');
    expect(visitorSide).toHaveLength(1);
  });

  it('refuses bad input', async () => {
    const v = await chat.visitor(siteKey);
    for (const bad of [{}, { messageId: '' }, { messageId: 42 }, { messageId: 'x'.repeat(65) }, { messageId: 'm', dialogId: 'd' }, null]) {
      expect(code(await v.socket.raw('messages.read', bad)), JSON.stringify(bad)).toBe('validation_failed');
      expect(code(await op.raw('messages.read', bad)), JSON.stringify(bad)).toBe('validation_failed');
    }
    expect(code(await v.socket.raw('messages.read', { messageId: cid() }))).toBe('not_found');
  });

  it('a visitor marks only their own dialog, an operator only their account\'s', async () => {
    const mine = await talk();
    const stranger = await chat.visitor(siteKey);
    expect(code(await stranger.socket.raw('messages.read', { messageId: mine.answer.id }))).toBe('not_found');

    const otherOp = await otherChat.operator(other.operator);
    await otherOp.call('operator.status', { status: 'online' });
    const foreign = await talk(otherChat, otherSiteKey, otherOp);
    expect(code(await op.raw('messages.read', { messageId: foreign.question.id }))).toBe('not_found');
    expect(code(await otherOp.raw('messages.read', { messageId: mine.question.id }))).toBe('not_found');

    const reopened = await op.call<{ dialog: DialogDto }>('dialog.open', { dialogId: mine.dialogId });
    expect(reopened.dialog).toMatchObject({ visitorReadAt: null, operatorReadAt: null });
    const foreignState = await otherOp.call<{ dialog: DialogDto }>('dialog.open', { dialogId: foreign.dialogId });
    expect(foreignState.dialog).toMatchObject({ visitorReadAt: null, operatorReadAt: null });
  });
});
