import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsClient, seedAgency, startTestCore, uniqueEmail, type TestCore } from '../../../core/test/support/harness.js';
import type { Ack, DialogDto, MessageDto } from '../shared/chat.protocol.js';
import { ChatFixture, PANEL } from './chat-fixture.js';
import { connectChat, type TestSocket } from './chat-client.js';

/** Issue 15: a support visit reads the chat's dialogs and cannot write a thing on /chat. */
const SITE = 'https://support-shop.example';
const cid = () => crypto.randomUUID();
const code = (ack: Ack<unknown>) => (ack.ok ? 'ok' : ack.error.code);

let core: TestCore;
let chat: ChatFixture;
let support: TestSocket;
let question: MessageDto;
let visitor: { socket: TestSocket; id: string };

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  chat = new ChatFixture(core, SITE);
  const agency = await seedAgency(core, 'Support agency');
  const admin = await cmsClient().createUser({ email: uniqueEmail('admin'), password: 'correct horse battery', account: agency.clientId, role: 'account-admin', confirmed: true, firstName: 'Anna', lastName: 'Admin' });
  await core.content.refresh();
  const siteKey = await chat.addSite((await core.api.login(admin.email, 'correct horse battery')).accessToken, 'Support shop');
  visitor = await chat.visitor(siteKey);
  question = await visitor.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Is the kettle in stock?' });
  const staffToken = (await core.api.login(agency.staff.email, agency.staff.password)).accessToken;
  const visit = await core.api.call<{ accessToken: string }>('POST', `/api/agency/clients/${agency.clientId}/support`, { token: staffToken });
  support = await connectChat(core.url, visit.body.accessToken, PANEL);
  chat.opened.push(support);
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

describe('a support visit on /chat', () => {
  it('loads what the panel shows: counters, lists, the team, and a dialog opened to read', async () => {
    const mine = await support.call<DialogDto[]>('dialogs.list', { section: 'mine' });
    const common = await support.call<DialogDto[]>('dialogs.list', { section: 'common' });
    expect([...mine, ...common].map((d) => d.id)).toContain(question.dialogId);
    const opened = await support.call<{ messages: MessageDto[] }>('dialog.open', { dialogId: question.dialogId });
    expect(opened.messages.map((m) => m.text)).toEqual(['Is the kettle in stock?']);
    for (const event of ['dialogs.counts', 'visitors.list', 'operators.list', 'departments.list', 'replies.list', 'templates.list', 'preferences.get', 'sites.list']) {
      expect(code(await support.raw(event, {})), event).toBe('ok');
    }
  });

  it('is refused every write with read_only, and nothing reaches the visitor', async () => {
    const writes: [string, unknown][] = [
      ['message.send', { dialogId: question.dialogId, clientId: cid(), text: 'Hello from support' }],
      ['operator.status', { status: 'online' }],
      ['operator.typing', { dialogId: question.dialogId, typing: true }],
      ['dialog.close', { dialogId: question.dialogId }],
      ['dialog.important', { dialogId: question.dialogId, important: true }],
      ['dialog.start', { visitorId: visitor.id }],
      ['messages.read', { messageId: question.id }],
      ['visitor.block', { visitorId: visitor.id, blocked: true }],
      ['replies.create', { text: 'Saved by support' }],
      ['templates.save', { name: 'Support', text: 'Saved by support' }],
      ['preferences.save', { notify: {} }],
    ];
    for (const [event, payload] of writes) expect(code(await support.raw(event, payload)), event).toBe('read_only');
    await visitor.socket.settled();
    expect(visitor.socket.received.get('message.created') ?? []).toEqual([]);
    const opened = await support.call<{ dialog: DialogDto; messages: MessageDto[] }>('dialog.open', { dialogId: question.dialogId });
    expect(opened.messages.map((m) => m.text)).toEqual(['Is the kettle in stock?']);
    expect(opened.dialog).toMatchObject({ status: 'open', important: false });
  });
});
