import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreTables } from '../../../core/src/store/core.schema.js';
import { probe } from '../../../core/test/fixtures/plugins/chat-probe/probe.js';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { CHAT_DURABLE_EVENTS, type ChatEventName } from '../shared/chat.events.js';
import type { DepartmentDto, MessageDto } from '../shared/chat.protocol.js';
import type { TestSocket } from './chat-client.js';
import { ChatFixture } from './chat-fixture.js';

const cid = () => crypto.randomUUID();
const at = expect.any(Number) as unknown as number;

let core: TestCore;
let chat: ChatFixture;
let acc: SeededAccount;
let other: SeededAccount;
let siteKey: string;
let otherKey: string;
let op: TestSocket;
let rival: TestSocket;

/** The events of one dialog or visitor, by name: what a subscriber got about it. */
const about = (id: string, name?: ChatEventName) =>
  probe.seen.filter((s) => (name === undefined || s.name === name) && ('dialogId' in s.payload && s.payload.dialogId === id || 'visitorId' in s.payload && s.payload.visitorId === id));

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {}, 'chat-probe': {} } });
  chat = new ChatFixture(core, 'https://events-shop.example');
  acc = await seedAccount(core);
  other = await seedAccount(core, 'Other account');
  const token = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  siteKey = await chat.addSite(token, 'Events shop');
  otherKey = await chat.addSite((await core.api.login(other.admin.email, other.admin.password)).accessToken, 'Other shop', 'https://other-events-shop.example');
  op = await chat.operator(acc.operator);
  rival = await chat.operator(other.operator);
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

describe('the chat publishes its domain events after commit (issue 10)', () => {
  it('a conversation from the first message to the rating, each event once with its tenant', async () => {
    const v = await chat.visitor(siteKey);
    const site = (await probe.next('chat.visitor.arrived', (p) => p.visitorId === v.id)).siteId;
    const scope = { accountId: acc.accountId, siteId: site, visitorId: v.id, at };

    const first = await v.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Do you ship to Kazan?' });
    const dialogId = first.dialogId;
    const inDialog = { ...scope, dialogId };
    expect(about(dialogId, 'chat.dialog.opened').map((s) => s.payload)).toEqual([{ ...inDialog, initiator: { kind: 'visitor', visitorId: v.id }, channel: 'widget' }]);
    const visitorMessage = { ...inDialog, author: { kind: 'visitor', visitorId: v.id }, channel: 'widget', attachments: 0, kind: null, firstOperatorAnswer: false };
    // The second goes the hot path (group commit): published after its batch committed.
    await v.socket.call('message.send', { clientId: cid(), text: 'And to Tver?' });
    expect(probe.all('chat.message.created', (p) => p.dialogId === dialogId)).toEqual([
      { ...visitorMessage, messageId: first.id, text: 'Do you ship to Kazan?' },
      { ...visitorMessage, messageId: expect.any(String), text: 'And to Tver?' },
    ]);

    // The first answer claims the dialog and is the first operator answer; the second is not.
    const answer = await op.call<MessageDto>('message.send', { dialogId, clientId: cid(), text: 'Yes, we do' });
    const again = await op.call<MessageDto>('message.send', { dialogId, clientId: cid(), text: 'In two days' });
    expect(about(dialogId, 'chat.dialog.assigned').map((s) => s.payload)).toEqual([{ ...inDialog, userId: acc.operator.id, reason: 'firstAnswer' }]);
    const byOleg = { kind: 'operator', userId: acc.operator.id };
    const operatorMessage = { ...inDialog, author: byOleg, channel: 'widget', attachments: 0, kind: null };
    expect(probe.all('chat.message.created', (p) => p.dialogId === dialogId && p.author.kind === 'operator')).toEqual([
      { ...operatorMessage, messageId: answer.id, text: 'Yes, we do', firstOperatorAnswer: true },
      { ...operatorMessage, messageId: again.id, text: 'In two days', firstOperatorAnswer: false },
    ]);

    await op.call('message.edit', { messageId: again.id, text: 'In two or three days' });
    expect(about(dialogId, 'chat.message.edited').map((s) => s.payload)).toEqual([{ ...inDialog, messageId: again.id, text: 'In two or three days', by: byOleg }]);

    const adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
    const sales = (await core.api.call<DepartmentDto>('POST', '/api/chat/departments', { token: adminToken, body: { name: 'Sales', memberIds: [acc.operator.id] } })).body;
    await op.call('dialog.transfer', { dialogId, toDepartmentId: sales.id });
    expect(about(dialogId, 'chat.dialog.transferred').map((s) => s.payload)).toEqual([
      { ...inDialog, from: { userId: acc.operator.id, departmentId: null }, to: { userId: null, departmentId: sales.id }, by: byOleg },
    ]);
    // The transfer's note is a system message.
    expect(probe.all('chat.message.created', (p) => p.dialogId === dialogId && p.author.kind === 'system')).toHaveLength(1);

    await op.call('dialog.classify', { dialogId, leadClass: 'target' });
    await op.call('dialog.important', { dialogId, important: true });
    // Two closes at once (two tabs, two core processes): one closes it, one event.
    await Promise.all([op.call('dialog.close', { dialogId }), op.call('dialog.close', { dialogId })]);
    // Closing a closed dialog changes nothing: no second event.
    await op.call('dialog.close', { dialogId });
    await v.socket.call('rating.submit', { dialogId, rating: 5, comment: 'Fast!' });
    expect(about(dialogId, 'chat.dialog.classified').map((s) => s.payload)).toEqual([{ ...inDialog, leadClass: 'target', by: byOleg }]);
    expect(about(dialogId, 'chat.dialog.markedImportant').map((s) => s.payload)).toEqual([{ ...inDialog, important: true, by: byOleg }]);
    expect(about(dialogId, 'chat.dialog.closed').map((s) => s.payload)).toEqual([{ ...inDialog, by: byOleg }]);
    expect(about(dialogId, 'chat.dialog.rated').map((s) => s.payload)).toEqual([{ ...inDialog, rating: 5, comment: 'Fast!' }]);
    // The ones statistics and webhooks must not miss are in the durable log too, once each, the
    // visitor's hot-path message (group commit, `writeRecorded`) with the payload subscribers got.
    const logged = await (core.db as Kysely<CoreTables>).selectFrom('core_event_log').select(['name', 'payload']).where('name', 'like', 'chat.%').orderBy('position').execute();
    const ofDialog = logged.filter((e) => (JSON.parse(e.payload) as { dialogId?: string }).dialogId === dialogId);
    const durableNames = ofDialog.map((e) => e.name);
    expect(ofDialog.filter((e) => e.name === 'chat.message.created').map((e) => JSON.parse(e.payload) as unknown)).toEqual(probe.all('chat.message.created', (p) => p.dialogId === dialogId));
    expect(new Set(durableNames)).toEqual(new Set(['chat.dialog.opened', 'chat.dialog.assigned', 'chat.message.created', 'chat.dialog.closed', 'chat.dialog.rated']));
    expect(durableNames.filter((n) => n === 'chat.dialog.closed')).toHaveLength(1);
    expect(durableNames.every((n) => (CHAT_DURABLE_EVENTS as readonly string[]).includes(n))).toBe(true);

    v.socket.close();
    expect(await probe.next('chat.visitor.left', (p) => p.visitorId === v.id)).toEqual(scope);
  });

  it('a blocked visitor\'s refused message publishes nothing; block and unblock do', async () => {
    const v = await chat.visitor(siteKey);
    await v.socket.call('message.send', { clientId: cid(), text: 'spam' });
    await op.call('visitor.block', { visitorId: v.id, blocked: true });
    const before = about(v.id).length;
    expect(await v.socket.raw('message.send', { clientId: cid(), text: 'more spam' })).toMatchObject({ ok: false, error: { code: 'blocked' } });
    expect(await v.socket.raw('offline.submit', { clientId: cid(), name: 'Spam', email: 'spam@example.test', text: 'spam by mail' })).toMatchObject({ ok: false });
    expect(about(v.id).slice(before)).toEqual([]);
    await op.call('visitor.block', { visitorId: v.id, blocked: false });
    const by = { kind: 'operator', userId: acc.operator.id };
    expect(about(v.id, 'chat.visitor.blocked').map((s) => s.payload)).toEqual([expect.objectContaining({ accountId: acc.accountId, visitorId: v.id, by })]);
    expect(about(v.id, 'chat.visitor.unblocked').map((s) => s.payload)).toEqual([expect.objectContaining({ accountId: acc.accountId, visitorId: v.id, by })]);
  });

  it('an offline request, once stored and mailed', async () => {
    const v = await chat.visitor(siteKey);
    await v.socket.call('offline.submit', { clientId: cid(), name: 'Ivan', email: 'ivan@example.test', text: 'Call me back' });
    const [request] = about(v.id, 'chat.offlineRequest.created').map((s) => s.payload);
    expect(request).toMatchObject({ accountId: acc.accountId, visitorId: v.id, requestId: expect.any(Number), name: 'Ivan', email: 'ivan@example.test', phone: '', text: 'Call me back' });
    const dialogId = (request as { dialogId: string }).dialogId;
    expect(about(dialogId, 'chat.dialog.opened').map((s) => s.payload)).toEqual([expect.objectContaining({ channel: 'offline-form', initiator: { kind: 'visitor', visitorId: v.id } })]);
    expect(probe.all('chat.message.created', (p) => p.dialogId === dialogId).map((p) => [p.author.kind, p.channel])).toEqual([
      ['system', 'offline-form'],
      ['visitor', 'offline-form'],
    ]);
  });

  it('another account\'s conversation is that account\'s alone', async () => {
    const theirs = await chat.visitor(otherKey);
    const message = await theirs.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Hi from elsewhere' });
    await rival.call('message.send', { dialogId: message.dialogId, clientId: cid(), text: 'Hello' });
    const mine = new Set(probe.seen.filter((s) => s.payload.accountId === acc.accountId).flatMap((s) => ['dialogId' in s.payload ? s.payload.dialogId : '', 'visitorId' in s.payload ? s.payload.visitorId : '']));
    expect(mine.has(theirs.id) || mine.has(message.dialogId)).toBe(false);
    const theirEvents = [...about(theirs.id), ...about(message.dialogId)];
    expect(new Set(theirEvents.map((s) => s.name))).toEqual(new Set(['chat.visitor.arrived', 'chat.dialog.opened', 'chat.message.created', 'chat.dialog.assigned']));
    expect(theirEvents.every((s) => s.payload.accountId === other.accountId)).toBe(true);
  });
});
