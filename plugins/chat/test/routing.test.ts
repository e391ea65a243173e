import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsClient, seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { DepartmentDto, DialogCounts, DialogDto, DialogSection, MessageDto, OperatorDto } from '../shared/chat.protocol.js';
import type { TestSocket } from './chat-client.js';
import { ChatFixture } from './chat-fixture.js';

let core: TestCore;
let chat: ChatFixture;
let acc: SeededAccount;
let petr: { id: number; email: string; password: string };
let adminToken: string;
let siteKey: string;
let sales: DepartmentDto;
let support: DepartmentDto;
let oleg: TestSocket;
let petrSocket: TestSocket;
let admin: TestSocket;

const cid = () => crypto.randomUUID();
const ids = async (socket: TestSocket, section: DialogSection) => (await socket.call<DialogDto[]>('dialogs.list', { section })).map((d) => d.id);
const counts = (socket: TestSocket) => socket.call<DialogCounts>('dialogs.counts', {});
const department = async (token: string, name: string, memberIds: number[]) => (await core.api.call<DepartmentDto>('POST', '/api/chat/departments', { token, body: { name, memberIds } })).body;

/** A visitor writes; their new dialog's id. */
async function newDialog(key = siteKey): Promise<{ dialogId: string; visitor: Awaited<ReturnType<ChatFixture['visitor']>> }> {
  const visitor = await chat.visitor(key);
  const message = await visitor.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Hello, I need help' });
  return { dialogId: message.dialogId, visitor };
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  chat = new ChatFixture(core, 'https://routing-shop.example');
  acc = await seedAccount(core);
  petr = await seedUser(core, acc.accountId, { firstName: 'Petr', lastName: 'Second' });
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  siteKey = await chat.addSite(adminToken, 'Routing shop');
  sales = await department(adminToken, 'Sales', [acc.operator.id]);
  support = await department(adminToken, 'Support', [petr.id]);
  oleg = await chat.operator(acc.operator);
  petrSocket = await chat.operator(petr);
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

describe('the team on /chat (A5, A6)', () => {
  it('lists the departments with their members', async () => {
    expect(await oleg.call<DepartmentDto[]>('departments.list', {})).toEqual([
      { id: sales.id, name: 'Sales', memberIds: [acc.operator.id] },
      { id: support.id, name: 'Support', memberIds: [petr.id] },
    ]);
  });

  it('lists operators with status, connection and departments', async () => {
    let operators = await oleg.call<OperatorDto[]>('operators.list', {});
    expect(operators).toEqual([
      { id: acc.admin.id, name: 'Anna Admin', avatarUrl: null, status: 'offline', connected: false, departmentIds: [] },
      { id: acc.operator.id, name: 'Oleg Operator', avatarUrl: null, status: 'offline', connected: true, departmentIds: [sales.id] },
      { id: petr.id, name: 'Petr Second', avatarUrl: null, status: 'offline', connected: true, departmentIds: [support.id] },
    ]);
    admin = await chat.operator(acc.admin);
    await oleg.call('operator.status', { status: 'online' });
    operators = await petrSocket.call<OperatorDto[]>('operators.list', {});
    expect(operators.find((o) => o.id === acc.admin.id)?.connected).toBe(true);
    expect(operators.find((o) => o.id === acc.operator.id)?.status).toBe('online');
  });
});

describe('sections and transfer (C2, C14)', () => {
  let dialogId: string;
  let visitor: Awaited<ReturnType<ChatFixture['visitor']>>;

  it('a visitor\'s new dialog of no department waits in everyone\'s My messages; counters are pushed', async () => {
    const before = await counts(petrSocket);
    const pushed = petrSocket.next<DialogCounts>('dialogs.counts', (c) => c.mine === before.mine + 1);
    ({ dialogId, visitor } = await newDialog());
    await pushed;
    for (const socket of [oleg, petrSocket, admin]) {
      expect(await ids(socket, 'mine')).toContain(dialogId);
      expect(await ids(socket, 'common')).not.toContain(dialogId);
    }
  });

  it('transfer to a department: My messages of its members, Common messages of everyone else', async () => {
    const note = visitor.socket.next<MessageDto>('message.created', (m) => m.author.kind === 'system');
    const updated = petrSocket.next<DialogDto>('dialog.updated', (d) => d.id === dialogId && d.departmentId === sales.id);
    const before = await counts(petrSocket);
    const pushed = petrSocket.next<DialogCounts>('dialogs.counts', (c) => c.mine === before.mine - 1 && c.common === before.common + 1);
    const moved = await petrSocket.call<DialogDto>('dialog.transfer', { dialogId, toDepartmentId: sales.id });
    expect(moved).toMatchObject({ departmentId: sales.id, assigneeId: null });
    expect((await note).text).toBe('The dialog was transferred to the department "Sales"');
    await updated;
    await pushed;
    expect(await ids(oleg, 'mine')).toContain(dialogId);
    expect(await ids(oleg, 'common')).not.toContain(dialogId);
    expect(await ids(admin, 'common')).toContain(dialogId);
    expect(await ids(petrSocket, 'common')).toContain(dialogId);
    expect(await ids(petrSocket, 'mine')).not.toContain(dialogId);
    for (const socket of [oleg, petrSocket, admin]) {
      const c = await counts(socket);
      expect([c.mine, c.common]).toEqual([(await ids(socket, 'mine')).length, (await ids(socket, 'common')).length]);
    }
  });

  it('an answer makes it Mine; transfer to an online operator only', async () => {
    const mine = oleg.next<DialogCounts>('dialogs.counts', (c) => c.mine === 1);
    await oleg.call('message.send', { dialogId, clientId: cid(), text: 'Sales here' });
    await mine;
    expect(await ids(oleg, 'mine')).toEqual([dialogId]);
    // Assigned to another operator: in Common messages of everyone else.
    expect(await ids(admin, 'common')).toContain(dialogId);
    expect(await ids(admin, 'mine')).not.toContain(dialogId);

    expect(await oleg.raw('dialog.transfer', { dialogId, toUserId: petr.id })).toMatchObject({ ok: false, error: { code: 'operator_offline' } });
    await petrSocket.call('operator.status', { status: 'online' });
    const note = visitor.socket.next<MessageDto>('message.created', (m) => m.author.kind === 'system');
    const petrMine = petrSocket.next<DialogCounts>('dialogs.counts', (c) => c.mine === 1);
    const olegMine = oleg.next<DialogCounts>('dialogs.counts', (c) => c.mine === 0);
    expect(await oleg.call<DialogDto>('dialog.transfer', { dialogId, toUserId: petr.id })).toMatchObject({ assigneeId: petr.id, departmentId: sales.id });
    expect((await note).text).toBe('The dialog was transferred to Petr Second');
    await Promise.all([petrMine, olegMine]);
    expect(await ids(petrSocket, 'mine')).toEqual([dialogId]);
  });

  it('important and close move the counters of every operator', async () => {
    const before = await counts(oleg);
    const important = oleg.next<DialogCounts>('dialogs.counts', (c) => c.important === before.important + 1);
    await petrSocket.call('dialog.important', { dialogId, important: true });
    await important;
    const closed = petrSocket.next<DialogCounts>('dialogs.counts', (c) => c.mine === 0 && c.archive === before.archive + 1);
    await petrSocket.call('dialog.close', { dialogId });
    await closed;
    expect(await ids(petrSocket, 'archive')).toContain(dialogId);
    expect(await petrSocket.raw('dialog.transfer', { dialogId, toDepartmentId: support.id })).toMatchObject({ ok: false, error: { code: 'dialog_closed' } });
  });

  it('refuses a transfer without exactly one target, to nobody, or of nothing', async () => {
    const open = (await newDialog()).dialogId;
    for (const payload of [{ dialogId: open }, { dialogId: open, toUserId: petr.id, toDepartmentId: sales.id }]) {
      const ack = await oleg.raw('dialog.transfer', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      expect(!ack.ok && ack.error.message).toContain('exactly one of toUserId');
    }
    expect(await oleg.raw('dialog.transfer', { dialogId: open, toUserId: 'petr' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await oleg.raw('dialog.transfer', { dialogId: open, toDepartmentId: 'x'.repeat(65) })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await oleg.raw('dialog.transfer', { dialogId: open, toDepartmentId: 'nosuchdepartment' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No such department in this account' } });
    expect(await oleg.raw('dialog.transfer', { dialogId: 'no-such-dialog', toDepartmentId: sales.id })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No such dialog' } });
    expect((await oleg.call<DialogDto[]>('dialogs.list', { section: 'mine' })).find((d) => d.id === open)).toMatchObject({ departmentId: null, assigneeId: null });
  });

  it('a deleted department\'s dialogs wait for everyone again', async () => {
    const { dialogId: routed } = await newDialog();
    await petrSocket.call('dialog.transfer', { dialogId: routed, toDepartmentId: support.id });
    expect(await ids(oleg, 'common')).toContain(routed);
    expect(await ids(petrSocket, 'mine')).toContain(routed);
    expect((await core.api.call('DELETE', `/api/chat/departments/${support.id}`, { token: adminToken })).status).toBe(204);
    expect(await ids(oleg, 'mine')).toContain(routed);
    expect(await ids(oleg, 'common')).not.toContain(routed);
  });

  it('blocking a visitor moves their dialog to Blocked and pushes the counters', async () => {
    const { dialogId: spam, visitor: spammer } = await newDialog();
    const before = await counts(oleg);
    const pushed = oleg.next<DialogCounts>('dialogs.counts', (c) => c.blocked === before.blocked + 1 && c.mine === before.mine - 1);
    await admin.call('visitor.block', { visitorId: spammer.id, blocked: true });
    await pushed;
    expect(await ids(oleg, 'blocked')).toContain(spam);
    expect((await oleg.call<DialogDto[]>('dialogs.list', { section: 'blocked', status: 'closed' })).map((d) => d.id)).not.toContain(spam);
    expect(await oleg.raw('dialogs.list', { section: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});

describe('tenancy', () => {
  it('a visitor\'s token reads and changes no department or schedule (the chat\'s routes take any actor)', async () => {
    const session = await core.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: 'https://routing-shop.example' } });
    const token = session.body.visitorToken;
    for (const path of ['/api/chat/departments', '/api/chat/schedules', `/api/chat/schedules/${acc.operator.id}`]) {
      expect((await core.api.call('GET', path, { token })).status, path).toBe(403);
    }
    expect((await core.api.call('POST', '/api/chat/departments', { token, body: { name: 'Mine' } })).status).toBe(403);
    expect((await core.api.call('PUT', `/api/chat/schedules/${acc.operator.id}`, { token, body: { intervals: [] } })).status).toBe(403);
  });

  it('an operator of another account sees and moves nothing of this one; its notes are in its language', async () => {
    const other = await seedAccount(core, 'Other');
    await cmsClient().accounts.update(other.accountId, { language: 'ru' });
    await core.content.refresh();
    const otherAdminToken = (await core.api.login(other.admin.email, other.admin.password)).accessToken;
    const otherKey = await chat.addSite(otherAdminToken, 'Other shop', 'https://other-routing-shop.example');
    const otherSales = await department(otherAdminToken, 'Отдел продаж', [other.operator.id]);
    const stranger = await chat.operator(other.operator);

    const ours = (await newDialog()).dialogId;
    expect(await stranger.raw('dialog.transfer', { dialogId: ours, toDepartmentId: otherSales.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await oleg.raw('dialog.transfer', { dialogId: ours, toDepartmentId: otherSales.id })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No such department in this account' } });
    expect(await oleg.raw('dialog.transfer', { dialogId: ours, toUserId: other.operator.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const { dialogId: theirs, visitor } = await newDialog(otherKey);
    expect(await stranger.raw('dialog.transfer', { dialogId: theirs, toDepartmentId: sales.id })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No such department in this account' } });
    const note = visitor.socket.next<MessageDto>('message.created', (m) => m.author.kind === 'system');
    await stranger.call('dialog.transfer', { dialogId: theirs, toDepartmentId: otherSales.id });
    expect((await note).text).toBe('Диалог передан в отдел «Отдел продаж»');

    expect(await stranger.call<DepartmentDto[]>('departments.list', {})).toEqual([otherSales]);
    expect((await stranger.call<OperatorDto[]>('operators.list', {})).map((o) => o.id).sort()).toEqual([other.admin.id, other.operator.id].sort());
    expect(await stranger.call<DialogCounts>('dialogs.counts', {})).toEqual({ mine: 1, common: 0, archive: 0, important: 0, blocked: 0 });
    expect(await ids(stranger, 'mine')).toEqual([theirs]);
    for (const c of (stranger.received.get('dialogs.counts') ?? []) as DialogCounts[]) expect(c.mine + c.common).toBeLessThanOrEqual(1);
  });
});
