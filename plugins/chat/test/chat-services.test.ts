import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../../core/test/fixtures/plugins/chat-probe/probe.js';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { DepartmentDto, DialogDto, MessageDto, VisitorDto } from '../shared/chat.protocol.js';
import type { ChatService } from '../shared/chat.services.js';
import type { TestSocket } from './chat-client.js';
import { ChatFixture } from './chat-fixture.js';

let core: TestCore;
let chat: ChatFixture;
let acc: SeededAccount;
let other: SeededAccount;
let siteKey: string;
let otherKey: string;
let op: TestSocket;
let rival: TestSocket;
let service: ChatService;

const cid = () => crypto.randomUUID();
const code = (call: Promise<unknown>) => call.then(() => 'posted', (err: { code?: string }) => err.code);

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {}, 'chat-probe': {} } });
  chat = new ChatFixture(core, 'https://services-shop.example');
  acc = await seedAccount(core);
  other = await seedAccount(core, 'Other account');
  siteKey = await chat.addSite((await core.api.login(acc.admin.email, acc.admin.password)).accessToken, 'Services shop');
  otherKey = await chat.addSite((await core.api.login(other.admin.email, other.admin.password)).accessToken, 'Other shop', 'https://other-services-shop.example');
  op = await chat.operator(acc.operator);
  rival = await chat.operator(other.operator);
  service = probe.chat!;
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

describe('other plugins post through the chat service (issue 10)', () => {
  it('system, bot and plugin messages reach the operator and the visitor live, like typed ones', async () => {
    const v = await chat.visitor(siteKey);
    const opened = op.next<DialogDto>('dialog.updated', (d) => d.visitorId === v.id);
    const atOperator = op.next<MessageDto>('message.created', (m) => m.text === 'Welcome!');
    const atVisitor = v.socket.next<MessageDto>('message.created', (m) => m.text === 'Welcome!');
    const posted = await service.postMessage({ accountId: acc.accountId, visitorId: v.id, author: { kind: 'system' }, text: 'Welcome!' });
    expect(posted).toMatchObject({ author: { kind: 'system', userId: null }, text: 'Welcome!' });
    expect(await atOperator).toEqual(posted);
    expect(await atVisitor).toEqual(posted);
    // It opened the visitor's dialog, unassigned, for everyone's My messages.
    expect(await opened).toMatchObject({ id: posted.dialogId, initiator: 'system', assigneeId: null, status: 'open' });
    expect(probe.all('chat.dialog.opened', (p) => p.dialogId === posted.dialogId)).toEqual([expect.objectContaining({ initiator: { kind: 'system' }, accountId: acc.accountId })]);

    const botAtVisitor = v.socket.next<MessageDto>('message.created', (m) => m.author.kind === 'bot');
    const bot = await service.postMessage({ accountId: acc.accountId, visitorId: v.id, author: { kind: 'bot', name: 'Helper' }, text: 'How can I help?' });
    expect(bot).toMatchObject({ dialogId: posted.dialogId, author: { kind: 'bot', name: 'Helper' }, text: 'How can I help?' });
    expect(await botAtVisitor).toEqual(bot);

    const cardAtOperator = op.next<MessageDto>('message.created', (m) => m.kind === 'chat-probe.card');
    const cardAtVisitor = v.socket.next<MessageDto>('message.created', (m) => m.kind === 'chat-probe.card');
    const card = await service.postMessage({
      accountId: acc.accountId,
      visitorId: v.id,
      author: { kind: 'plugin', pluginId: 'chat-probe' },
      text: 'Sofa, 300 €',
      kind: 'chat-probe.card',
      payload: { title: 'Sofa', price: 300 },
    });
    expect(card).toMatchObject({ author: { kind: 'plugin', name: 'chat-probe' }, text: 'Sofa, 300 €', kind: 'chat-probe.card', payload: { title: 'Sofa', price: 300 } });
    expect(await cardAtOperator).toEqual(card);
    expect(await cardAtVisitor).toEqual(card);
    expect(probe.all('chat.message.created', (p) => p.messageId === card.id)).toEqual([
      expect.objectContaining({ author: { kind: 'plugin', pluginId: 'chat-probe' }, kind: 'chat-probe.card', firstOperatorAnswer: false, accountId: acc.accountId }),
    ]);

    // Stored: a reloaded widget and the panel's dialog both have them, in order.
    const { messages } = await op.call<{ messages: MessageDto[] }>('dialog.open', { dialogId: posted.dialogId });
    expect(messages.map((m) => m.author.kind)).toEqual(['system', 'bot', 'plugin']);
    expect(messages[2]).toEqual(card);

    // The visitor answers in the same dialog.
    expect((await v.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'A sofa, please' })).dialogId).toBe(posted.dialogId);
  });

  it('a retried post with the same clientId posts once', async () => {
    const v = await chat.visitor(siteKey);
    const post = { accountId: acc.accountId, visitorId: v.id, author: { kind: 'plugin' as const, pluginId: 'chat-probe' }, text: 'Once', clientId: cid() };
    const [a, b] = await Promise.all([service.postMessage(post), service.postMessage(post)]);
    expect(a.id).toBe(b.id);
    expect(probe.all('chat.message.created', (p) => p.visitorId === v.id)).toHaveLength(1);
  });

  it('refuses a plugin kind with an invalid payload, an unknown kind, an empty message — and posts nothing', async () => {
    const v = await chat.visitor(siteKey);
    const base = { accountId: acc.accountId, visitorId: v.id, author: { kind: 'plugin' as const, pluginId: 'chat-probe' } };
    expect(await code(service.postMessage({ ...base, text: 'Bad card', kind: 'chat-probe.card', payload: { title: '', price: -1 } }))).toBe('message_payload_invalid');
    expect(await code(service.postMessage({ ...base, text: 'Extra', kind: 'chat-probe.card', payload: { title: 'Sofa', price: 1, script: '<x>' } }))).toBe('message_payload_invalid');
    expect(await code(service.postMessage({ ...base, text: 'Nobody knows', kind: 'nobody.card', payload: {} }))).toBe('message_kind_unknown');
    expect(await code(service.postMessage({ ...base, text: '  ' }))).toBe('message_empty');
    expect(await code(service.postMessage({ ...base, author: { kind: 'bot', name: '' }, text: 'Nameless' }))).toBe('validation_failed');
    await v.socket.settled();
    expect(v.socket.received.get('message.created')).toBeUndefined();
    expect(probe.all('chat.dialog.opened', (p) => p.visitorId === v.id)).toEqual([]);
  });

  it("reads a dialog's messages, answers in it as an operator on the panel's rules, and tells listeners of every stored message", async () => {
    const v = await chat.visitor(siteKey);
    const heard: { text: string; accountId: string }[] = [];
    const stop = service.onMessage((m, d) => heard.push({ text: m.text, accountId: d.accountId }));
    try {
      const first = await v.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Is it in stock?' });
      const atVisitor = v.socket.next<MessageDto>('message.created', (m) => m.text === 'Yes, two left');
      const claimed = op.next<DialogDto>('dialog.updated', (d) => d.id === first.dialogId && d.assigneeId === acc.operator.id);
      const answer = await service.sendAsOperator({ accountId: acc.accountId, userId: acc.operator.id, dialogId: first.dialogId, clientId: cid(), text: ' Yes, two left ' });
      expect(answer).toMatchObject({ dialogId: first.dialogId, author: { kind: 'operator', userId: acc.operator.id }, text: 'Yes, two left' });
      expect(await atVisitor).toEqual(answer);
      // The first answer claims the unassigned dialog, as in the panel.
      await claimed;
      expect((await service.dialogMessages(acc.accountId, first.dialogId)).map((m) => m.text)).toEqual(['Is it in stock?', 'Yes, two left']);
      expect(heard).toEqual([
        { text: 'Is it in stock?', accountId: acc.accountId },
        { text: 'Yes, two left', accountId: acc.accountId },
      ]);

      const send = (text: string, dialogId = first.dialogId, accountId = acc.accountId) => code(service.sendAsOperator({ accountId, userId: acc.operator.id, dialogId, clientId: cid(), text }));
      expect(await send('   ')).toBe('validation_failed');
      expect(await send('x'.repeat(5001))).toBe('validation_failed');
      expect(await send('Hi', first.dialogId, other.accountId)).toBe('not_found');
      expect(await code(service.dialogMessages(other.accountId, first.dialogId))).toBe('not_found');
      await op.call('dialog.close', { dialogId: first.dialogId });
      expect(await send('Still there?')).toBe('dialog_closed');
    } finally {
      stop();
    }
    // A removed listener hears nothing more.
    await v.socket.call('message.send', { clientId: cid(), text: 'Unheard' });
    expect(heard.map((h) => h.text)).not.toContain('Unheard');
  });

  it('refuses another account\'s visitor and a blocked one', async () => {
    const theirs = await chat.visitor(otherKey);
    expect(await code(service.postMessage({ accountId: acc.accountId, visitorId: theirs.id, author: { kind: 'system' }, text: 'Hi' }))).toBe('not_found');
    expect(await code(service.openDialog({ accountId: acc.accountId, visitorId: theirs.id }))).toBe('not_found');
    expect(await code(service.setVisitorFields(acc.accountId, theirs.id, { name: 'Taken' }))).toBe('not_found');
    await Promise.all([theirs.socket.settled(), rival.settled()]);
    expect(theirs.socket.received.get('message.created')).toBeUndefined();
    expect(await service.getVisitor(other.accountId, theirs.id)).toMatchObject({ id: theirs.id, name: expect.not.stringMatching('Taken') });

    const blocked = await chat.visitor(siteKey);
    await op.call('visitor.block', { visitorId: blocked.id, blocked: true });
    expect(await code(service.postMessage({ accountId: acc.accountId, visitorId: blocked.id, author: { kind: 'system' }, text: 'Hi' }))).toBe('visitor_blocked');
  });

  it('reads visitors, dialogs and who is online, each of the asking account only', async () => {
    const v = await chat.visitor(siteKey);
    expect(await service.getVisitor(acc.accountId, v.id)).toMatchObject({ id: v.id, blocked: false, pages: [expect.objectContaining({ url: 'https://services-shop.example/' })] });
    expect(await service.getVisitor(other.accountId, v.id)).toBeNull();

    const dialog = await service.openDialog({ accountId: acc.accountId, visitorId: v.id, initiator: { kind: 'plugin', pluginId: 'chat-probe' } });
    expect(dialog).toMatchObject({ visitorId: v.id, status: 'open', initiator: 'system' });
    expect(probe.all('chat.dialog.opened', (p) => p.dialogId === dialog.id)).toEqual([expect.objectContaining({ initiator: { kind: 'plugin', pluginId: 'chat-probe' } })]);
    // The open one again, not a second.
    expect((await service.openDialog({ accountId: acc.accountId, visitorId: v.id })).id).toBe(dialog.id);
    expect(await service.getDialog(acc.accountId, dialog.id)).toMatchObject({ id: dialog.id, visitorId: v.id });
    expect(await service.getDialog(other.accountId, dialog.id)).toBeNull();

    const { siteId } = (await service.getVisitor(acc.accountId, v.id))!;
    await op.call('operator.status', { status: 'online' });
    expect((await service.onlineOperators(acc.accountId)).map((o) => o.id)).toEqual([acc.operator.id]);
    expect((await service.onlineOperators(acc.accountId, siteId)).map((o) => o.id)).toEqual([acc.operator.id]);
    expect(await service.onlineOperators(other.accountId)).toEqual([]);
    expect(await code(service.onlineOperators(other.accountId, siteId))).toBe('not_found');
    await op.call('operator.status', { status: 'offline' });
  });

  it('fills the visitor card; the panels are told', async () => {
    const v = await chat.visitor(siteKey);
    const told = op.next<VisitorDto>('visitor.updated', (u) => u.id === v.id);
    const card = await service.setVisitorFields(acc.accountId, v.id, { name: 'Maria', email: 'maria@example.test', phone: '+7 900 000-00-00', notes: 'From the CRM' });
    expect(card).toMatchObject({ name: 'Maria', email: 'maria@example.test', phone: '+7 900 000-00-00', notes: 'From the CRM' });
    expect(await told).toEqual(card);
    expect(await code(service.setVisitorFields(acc.accountId, v.id, { email: 'not an address' }))).toBe('validation_failed');
    expect(await code(service.setVisitorFields(acc.accountId, v.id, { blocked: true } as never))).toBe('validation_failed');
  });
});

describe('routing hooks pick where a new dialog goes (issue 10, item 4)', () => {
  const department = async (name: string, account = acc) => {
    const token = (await core.api.login(account.admin.email, account.admin.password)).accessToken;
    return (await core.api.call<DepartmentDto>('POST', '/api/chat/departments', { token, body: { name, memberIds: [] } })).body;
  };
  const firstMessage = async () => {
    const v = await chat.visitor(siteKey);
    const opened = op.next<DialogDto>('dialog.updated', (d) => d.visitorId === v.id);
    await v.socket.call('message.send', { clientId: cid(), text: 'Hello' });
    return { v, dialog: await opened };
  };
  afterEach(() => {
    probe.route = undefined;
  });

  it('a hook sends a visitor\'s dialog to a department, or assigns it; later hooks refine earlier ones', async () => {
    const sales = await department('Sales');
    const seen: unknown[] = [];
    probe.route = (request, route) => {
      seen.push({ request, route });
      return { departmentId: sales.id };
    };
    const { v, dialog } = await firstMessage();
    expect(dialog).toMatchObject({ departmentId: sales.id, assigneeId: null });
    // It got the chat's own route (the first hook) and what the dialog is.
    expect(seen).toEqual([{ request: { accountId: acc.accountId, siteId: dialog.siteId, visitorId: v.id, initiator: { kind: 'visitor', visitorId: v.id }, channel: 'widget' }, route: { userId: null, departmentId: null } }]);

    const remove = probe.routing!.add((_request, route) => (route.departmentId === sales.id ? { ...route, userId: acc.operator.id } : undefined), { order: 200 });
    try {
      const assigned = await firstMessage();
      expect(assigned.dialog).toMatchObject({ departmentId: sales.id, assigneeId: acc.operator.id });
      expect(probe.all('chat.dialog.assigned', (p) => p.dialogId === assigned.dialog.id)).toEqual([expect.objectContaining({ userId: acc.operator.id, reason: 'routing' })]);
    } finally {
      remove();
    }
  });

  it('ignores a route outside the account and a failing hook: the message still arrives', async () => {
    const theirs = await department('Their sales', other);
    probe.route = () => ({ departmentId: theirs.id, userId: other.operator.id });
    expect((await firstMessage()).dialog).toMatchObject({ departmentId: null, assigneeId: null });
    probe.route = () => {
      throw new Error('the CRM is down');
    };
    expect((await firstMessage()).dialog).toMatchObject({ departmentId: null, assigneeId: null });
  });

  it('leaves a dialog an operator starts to that operator', async () => {
    probe.route = () => ({ userId: null, departmentId: null });
    const v = await chat.visitor(siteKey);
    expect(await op.call<DialogDto>('dialog.start', { visitorId: v.id })).toMatchObject({ assigneeId: acc.operator.id });
  });
});
