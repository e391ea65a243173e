import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { startTestSmtp, type TestSmtp } from '../../../core/test/support/smtp-server.js';
import type { DialogDto, MessageDto, OperatorCard, PageView, VisitorArrival, VisitorDto, VisitorPresence, VisitorState } from '../shared/chat.protocol.js';
import { connectChat, type TestSocket } from './chat-client.js';

const SITE = 'https://chat-shop.example';
const PANEL = 'http://panel.test';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

let core: TestCore;
let smtp: TestSmtp;
let acc: SeededAccount;
let siteKey: string;
let op: TestSocket;
const opened: TestSocket[] = [];

async function visitor(ua = IPHONE): Promise<{ socket: TestSocket; token: string; id: string }> {
  const session = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
  const socket = await connectChat(core.url, session.body.visitorToken, SITE, ua);
  opened.push(socket);
  return { socket, token: session.body.visitorToken, id: session.body.visitorId };
}

async function operator(email: string, password: string): Promise<TestSocket> {
  const { accessToken } = await core.api.login(email, password);
  const socket = await connectChat(core.url, accessToken, PANEL);
  opened.push(socket);
  return socket;
}

const page = (url: string, title = 'Shop') => ({ url: `${SITE}${url}`, title, referrer: 'https://search.example/?q=kettle' });
const cid = () => crypto.randomUUID();

beforeAll(async () => {
  smtp = await startTestSmtp();
  core = await startTestCore({ plugins: { chat: {} }, smtpUrl: smtp.url });
  acc = await seedAccount(core);
  const token = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  siteKey = (await core.api.call<{ publicKey: string }>('POST', '/api/sites', { token, body: { name: 'Chat shop', url: SITE } })).body.publicKey;
  op = await operator(acc.operator.email, acc.operator.password);
});
afterAll(async () => {
  for (const s of opened) s.close();
  await core?.stop();
  await smtp?.stop();
});

describe('presence and the online gate (B2, C3, A6)', () => {
  it('a widget learns when an operator goes online and offline', async () => {
    const v = await visitor();
    const state = await v.socket.call<VisitorState>('visitor.hello', { page: page('/'), activity: 'active' });
    expect(state.online).toBe(false);
    const online = v.socket.next<{ online: boolean; operators: OperatorCard[] }>('operators.changed', (p) => p.online);
    await op.call('operator.status', { status: 'online' });
    expect((await online).operators).toEqual([{ id: acc.operator.id, name: 'Oleg Operator', avatarUrl: null }]);
    const away = v.socket.next<{ online: boolean }>('operators.changed', (p) => !p.online);
    await op.call('operator.status', { status: 'away' });
    await away;
    await op.call('operator.status', { status: 'online' });
  });

  it('operators see a visitor arrive, move between pages, hide the tab and leave', async () => {
    const arrived = op.next<VisitorArrival>('visitor.arrived');
    const v = await visitor();
    await v.socket.call('visitor.hello', { page: page('/catalog', 'Catalog'), activity: 'active' });
    const { visitor: seen, view } = await arrived;
    expect(view).toMatchObject({ url: `${SITE}/catalog`, title: 'Catalog', leftAt: null });
    expect(seen).toMatchObject({ id: v.id, device: 'mobile', os: expect.stringContaining('iOS'), browser: expect.stringContaining('Safari'), activity: 'active', engaged: false, openDialogId: null });
    expect(seen.name).toMatch(/^\S+ \S+$/);

    // A move sends the new page alone; the visitor's history has both.
    const moved = op.next<{ visitorId: string; view: PageView }>('visitor.pageViewed', (x) => x.visitorId === v.id);
    await v.socket.call('visitor.page', page('/kettles', 'Kettles'));
    expect((await moved).view).toMatchObject({ url: `${SITE}/kettles`, title: 'Kettles', leftAt: null });
    const listed = (await op.call<VisitorDto[]>('visitors.list', {})).find((x) => x.id === v.id);
    expect(listed?.pages.map((p) => p.url)).toEqual([`${SITE}/catalog`, `${SITE}/kettles`]);

    const hidden = op.next<VisitorPresence>('visitor.presence', (x) => x.visitorId === v.id && x.activity === 'hidden');
    await v.socket.call('visitor.activity', { state: 'hidden' });
    expect((await hidden).chatOpen).toBe(false);

    const left = op.next<VisitorPresence>('visitor.presence', (x) => x.visitorId === v.id && x.activity === 'left');
    v.socket.close();
    const { lastSeenAt } = await left;
    const list = await op.call<VisitorDto[]>('visitors.list', {});
    const gone = list.find((x) => x.id === v.id);
    expect(gone).toMatchObject({ activity: 'left', lastSeenAt });
    expect(gone?.pages.at(-1)?.leftAt).toBe(lastSeenAt);
    expect(gone?.pages.every((p) => p.leftAt !== null)).toBe(true);
  });
});

describe('a conversation (C5–C10, C13–C16)', () => {
  let v: Awaited<ReturnType<typeof visitor>>;
  let dialog: DialogDto;
  let reply: MessageDto;

  it('shows the visitor\'s draft as it is typed (C6)', async () => {
    v = await visitor();
    await v.socket.call('visitor.hello', { page: page('/'), activity: 'active' });
    const typing = op.next<{ visitorId: string; draft: string }>('visitor.typing', (t) => t.visitorId === v.id);
    await v.socket.call('typing', { draft: 'Do you have a red kett' });
    expect((await typing).draft).toBe('Do you have a red kett');
  });

  it('stores a visitor message once however often it is retried (C8)', async () => {
    const clientId = cid();
    const created = op.next<MessageDto>('message.created', (m) => m.clientId === clientId);
    const first = await v.socket.call<MessageDto>('message.send', { clientId, text: 'Do you have a red kettle? <script>alert(1)</script>' });
    const again = await v.socket.call<MessageDto>('message.send', { clientId, text: 'Do you have a red kettle? <script>alert(1)</script>' });
    expect(again.id).toBe(first.id);
    expect((await created).text).toBe('Do you have a red kettle? <script>alert(1)</script>');
    await op.settled();
    expect((op.received.get('message.created') as MessageDto[]).filter((m) => m.clientId === clientId)).toHaveLength(1);

    // Unassigned, and the account has no departments: every operator's My messages (C2).
    const mine = await op.call<DialogDto[]>('dialogs.list', { section: 'mine' });
    dialog = mine.find((d) => d.visitorId === v.id)!;
    expect(dialog).toMatchObject({ status: 'open', initiator: 'visitor', assigneeId: null, lastMessage: { id: first.id } });
  });

  it('the operator answers; the visitor gets it; the dialog is now theirs', async () => {
    const got = v.socket.next<MessageDto>('message.created', (m) => m.author.kind === 'operator');
    reply = await op.call<MessageDto>('message.send', { dialogId: dialog.id, clientId: cid(), text: 'Yes, 2 490 ₽' });
    expect(await got).toMatchObject({ id: reply.id, text: 'Yes, 2 490 ₽', author: { kind: 'operator', name: 'Oleg Operator' } });
    const opened = await op.call<{ dialog: DialogDto; messages: MessageDto[]; visitor: VisitorDto }>('dialog.open', { dialogId: dialog.id });
    expect(opened.dialog.assigneeId).toBe(acc.operator.id);
    expect(opened.messages.map((m) => m.author.kind)).toEqual(['visitor', 'operator']);
    expect(opened.visitor.engaged).toBe(true);
    expect(opened.visitor.openDialogId).toBe(dialog.id);
  });

  it('each message reaches the operators as one frame; dialog.updated only when the dialog itself changes', async () => {
    const w = await visitor();
    await w.socket.call('visitor.hello', { page: page('/'), activity: 'active' });
    const otherTab = await connectChat(core.url, w.token, SITE, IPHONE);
    opened.push(otherTab);
    const frames: [string, { id?: string; dialogId?: string | null; visitorId?: string }][] = [];
    const record = (event: string, payload: { id?: string; dialogId?: string | null; visitorId?: string }) => void frames.push([event, payload]);
    op.socket.onAny(record);
    try {
      // A new dialog: its first message, then the dialog, which opens with that message.
      const announced = op.next<DialogDto>('dialog.updated', (d) => d.visitorId === w.id);
      const first = await w.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Hello?' });
      expect(await announced).toMatchObject({ id: first.dialogId, assigneeId: null, visitorName: first.author.name, lastMessage: { id: first.id, text: 'Hello?' } });
      // Later messages: message.created alone, no dialog.updated, no empty visitor.typing.
      const second = await w.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Anyone there?' });
      expect(second).toMatchObject({ dialogId: first.dialogId, author: { kind: 'visitor', name: first.author.name }, text: 'Anyone there?' });
      // The first answer assigns the dialog: that is a change of the dialog, announced as one.
      const claimed = op.next<DialogDto>('dialog.updated', (d) => d.id === first.dialogId && d.assigneeId === acc.operator.id);
      const reply = await op.call<MessageDto>('message.send', { dialogId: first.dialogId, clientId: cid(), text: 'Here!' });
      expect((await claimed).lastMessage?.id).toBe(reply.id);
      const againId = cid();
      const atVisitor = w.socket.next<MessageDto>('message.created', (m) => m.clientId === againId);
      const again = await op.call<MessageDto>('message.send', { dialogId: first.dialogId, clientId: againId, text: 'How can I help?' });
      await atVisitor;
      await Promise.all([op.settled(), w.socket.settled()]);
      // The operator's own messages come back in the acknowledgements, not as frames.
      const ours = frames.filter(([, p]) => p.dialogId === first.dialogId || p.id === first.dialogId || p.visitorId === w.id).filter(([e]) => e !== 'visitor.updated' && e !== 'visitor.presence');
      expect(ours.map(([event, p]) => `${event} ${p.id === first.dialogId ? 'dialog' : p.id}`)).toEqual([
        `message.created ${first.id}`,
        'dialog.updated dialog',
        `message.created ${second.id}`,
        'dialog.updated dialog',
      ]);
      // Likewise the visitor's tab that sent: it got the operator's messages only.
      expect((w.socket.received.get('message.created') as MessageDto[]).map((m) => m.author.kind)).toEqual(['operator', 'operator']);
      // The visitor's other tab got all four.
      expect((otherTab.received.get('message.created') as MessageDto[]).map((m) => m.id)).toEqual([first.id, second.id, reply.id, again.id]);
    } finally {
      op.socket.offAny(record);
    }
  });

  it('messages a visitor sends at once (an outbox flushed after a reconnect) open one dialog, not one each', async () => {
    const w = await visitor();
    await w.socket.call('visitor.hello', { page: page('/'), activity: 'active' });
    const sent = await Promise.all(['one', 'two', 'three', 'four', 'five'].map((text) => w.socket.call<MessageDto>('message.send', { clientId: cid(), text })));
    expect(new Set(sent.map((m) => m.dialogId)).size).toBe(1);
    const opened = await op.call<{ messages: MessageDto[] }>('dialog.open', { dialogId: sent[0]!.dialogId });
    expect(opened.messages.map((m) => m.text).sort()).toEqual(['five', 'four', 'one', 'three', 'two']);
    const mine = await op.call<DialogDto[]>('dialogs.list', { section: 'mine' });
    expect(mine.filter((d) => d.visitorId === w.id)).toHaveLength(1);
  });

  it('an operator edits their message within 10 minutes and the widget shows the edit (C10)', async () => {
    const updated = v.socket.next<MessageDto>('message.updated');
    await op.call('message.edit', { messageId: reply.id, text: 'Yes, 2 190 ₽ today' });
    expect(await updated).toMatchObject({ id: reply.id, text: 'Yes, 2 190 ₽ today', editedAt: expect.any(String) });
    // Ten minutes later (moved in the database rather than waited for): refused.
    const setCreated = (ms: number) => core.db.updateTable('chat_messages' as never).set({ created_at: ms } as never).where('id' as never, '=', reply.id as never).execute();
    const sentAt = Date.parse(reply.createdAt);
    await setCreated(sentAt - 10 * 60_000 - 1);
    expect(await op.raw('message.edit', { messageId: reply.id, text: 'late' })).toMatchObject({ ok: false, error: { code: 'edit_window_over', message: 'A message can be edited only within 10 minutes of sending' } });
    await setCreated(sentAt);
    const first = await v.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'one more' });
    expect(await op.raw('message.edit', { messageId: first.id, text: 'not mine' })).toMatchObject({ ok: false, error: { code: 'not_author' } });
  });

  it('a visitor reconnecting gets the dialog and every message back', async () => {
    v.socket.close();
    const again = await connectChat(core.url, v.token, SITE, IPHONE);
    opened.push(again);
    const state = await again.call<VisitorState>('visitor.hello', { page: page('/cart'), activity: 'active' });
    expect(state.dialog?.id).toBe(dialog.id);
    expect(state.messages.map((m) => m.text)).toEqual(['Do you have a red kettle? <script>alert(1)</script>', 'Yes, 2 190 ₽ today', 'one more']);
    v.socket = again;
  });

  it('transfers to another online operator only (C14)', async () => {
    const other = await operator(acc.admin.email, acc.admin.password);
    expect(await op.raw('dialog.transfer', { dialogId: dialog.id, toUserId: acc.admin.id })).toMatchObject({ ok: false, error: { code: 'operator_offline' } });
    await other.call('operator.status', { status: 'online' });
    const note = v.socket.next<MessageDto>('message.created', (m) => m.author.kind === 'system');
    const moved = await op.call<DialogDto>('dialog.transfer', { dialogId: dialog.id, toUserId: acc.admin.id });
    expect(moved.assigneeId).toBe(acc.admin.id);
    expect((await note).text).toContain('Anna Admin');
    expect((await op.call<DialogDto[]>('dialogs.list', { section: 'mine' })).map((d) => d.id)).not.toContain(dialog.id);
    expect((await op.call<DialogDto[]>('dialogs.list', { section: 'common' })).map((d) => d.id)).toContain(dialog.id);
    expect((await other.call<DialogDto[]>('dialogs.list', { section: 'mine' })).map((d) => d.id)).toContain(dialog.id);
    const answer = v.socket.next<MessageDto>('message.created', (m) => m.author.userId === acc.admin.id);
    await other.call('message.send', { dialogId: dialog.id, clientId: cid(), text: 'Anna here, I will help' });
    await answer;
  });

  it('marks important, classifies, renames the visitor (C13, C18, C4)', async () => {
    await op.call('dialog.important', { dialogId: dialog.id, important: true });
    expect((await op.call<DialogDto[]>('dialogs.list', { section: 'important' })).map((d) => d.id)).toContain(dialog.id);
    expect((await op.call<DialogDto>('dialog.classify', { dialogId: dialog.id, leadClass: 'target' })).leadClass).toBe('target');
    const renamed = await op.call<VisitorDto>('visitor.update', { visitorId: v.id, name: 'Maria', email: 'maria@example.test', phone: '+7 900 000-00-00', notes: 'wants red' });
    expect(renamed).toMatchObject({ name: 'Maria', email: 'maria@example.test' });
    // The visitor's next message carries the new name.
    const renamedAuthor = op.next<MessageDto>('message.created', (m) => m.text === 'Thanks, I am Maria');
    expect((await v.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Thanks, I am Maria' })).author.name).toBe('Maria');
    expect((await renamedAuthor).author.name).toBe('Maria');
    expect(await op.raw('visitor.update', { visitorId: v.id, email: 'not-mail' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('e-mails the transcript (C16), asks for a rating, closes; the dialog is in History with it (C13, C15)', async () => {
    await op.call('dialog.transcript', { dialogId: dialog.id, email: 'boss@example.test' });
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes('boss@example.test'));
    expect(mail.text).toContain('Maria: Do you have a red kettle?');
    expect(mail.html).toContain('&#60;script&#62;');

    const asked = v.socket.next<{ dialogId: string }>('rating.requested');
    await op.call('dialog.requestRating', { dialogId: dialog.id });
    expect((await asked).dialogId).toBe(dialog.id);
    await v.socket.call('rating.submit', { dialogId: dialog.id, rating: 5, comment: 'Thanks!' });
    expect(await v.socket.raw('rating.submit', { dialogId: dialog.id, rating: 9 })).toMatchObject({ ok: false });

    const closed = v.socket.next<{ dialogId: string }>('dialog.closed');
    await op.call('dialog.close', { dialogId: dialog.id });
    await closed;
    const history = await op.call<DialogDto[]>('dialogs.list', { section: 'archive' });
    expect(history.find((d) => d.id === dialog.id)).toMatchObject({ status: 'closed', rating: 5 });
    expect(await op.raw('message.send', { dialogId: dialog.id, clientId: cid(), text: 'late' })).toMatchObject({ ok: false, error: { code: 'dialog_closed' } });
  });

  it('an operator starts a chat with a visitor who has not written (C5)', async () => {
    const quiet = await visitor();
    await quiet.socket.call('visitor.hello', { page: page('/'), activity: 'active' });
    const started = await op.call<DialogDto>('dialog.start', { visitorId: quiet.id });
    expect(started).toMatchObject({ initiator: 'operator', assigneeId: acc.operator.id });
    const hi = quiet.socket.next<MessageDto>('message.created');
    await op.call('message.send', { dialogId: started.id, clientId: cid(), text: 'Hello! Can I help?' });
    expect((await hi).text).toBe('Hello! Can I help?');
  });
});

describe('blocking, offline form and bad input', () => {
  it('a blocked visitor cannot write; their dialog is in Blocked (C13)', async () => {
    const spammer = await visitor();
    await spammer.socket.call('visitor.hello', { page: page('/'), activity: 'active' });
    await spammer.socket.call('message.send', { clientId: cid(), text: 'buy cheap pills' });
    await op.call('visitor.block', { visitorId: spammer.id, blocked: true });
    expect(await spammer.socket.raw('message.send', { clientId: cid(), text: 'again' })).toMatchObject({ ok: false, error: { code: 'blocked' } });
    expect((await op.call<DialogDto[]>('dialogs.list', { section: 'blocked' })).map((d) => d.visitorId)).toContain(spammer.id);
    expect((await op.call<DialogDto[]>('dialogs.list', { section: 'mine' })).map((d) => d.visitorId)).not.toContain(spammer.id);
  });

  it('messages of many visitors at once (stored together) each reach their own dialog once; a blocked one is refused', async () => {
    const crowd = await Promise.all([1, 2, 3, 4, 5, 6].map(() => visitor()));
    for (const c of crowd) {
      await c.socket.call('visitor.hello', { page: page('/'), activity: 'active' });
      await c.socket.call('message.send', { clientId: cid(), text: 'first' });
    }
    const [blocked, retrier, ...others] = crowd;
    await op.call('visitor.block', { visitorId: blocked!.id, blocked: true });
    const retried = cid();
    const sends = [
      blocked!.socket.raw('message.send', { clientId: cid(), text: 'spam' }),
      retrier!.socket.raw('message.send', { clientId: retried, text: 'once' }),
      retrier!.socket.raw('message.send', { clientId: retried, text: 'once' }),
      ...others.flatMap((o, i) => [1, 2].map((n) => o.socket.raw('message.send', { clientId: cid(), text: `visitor ${i} says ${n}` }))),
    ];
    const [refused, once, again, ...replies] = await Promise.all(sends);
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked' } });
    expect(once).toMatchObject({ ok: true, data: { clientId: retried, text: 'once' } });
    expect(again).toMatchObject({ ok: true, data: { id: (once as { data: MessageDto }).data.id } });
    expect(replies.every((r) => r.ok)).toBe(true);
    for (const [i, o] of others.entries()) {
      const state = await o.socket.call<VisitorState>('visitor.hello', { page: page('/'), activity: 'active' });
      expect(state.messages.map((m) => m.text).sort()).toEqual(['first', `visitor ${i} says 1`, `visitor ${i} says 2`]);
      expect(state.messages.every((m) => m.dialogId === state.dialog!.id && m.author.name === state.messages[0]!.author.name)).toBe(true);
    }
    const retrierState = await retrier!.socket.call<VisitorState>('visitor.hello', { page: page('/'), activity: 'active' });
    expect(retrierState.messages.map((m) => m.text)).toEqual(['first', 'once']);
    const blockedState = await blocked!.socket.call<VisitorState>('visitor.hello', { page: page('/'), activity: 'active' });
    expect(blockedState.messages.map((m) => m.text)).toEqual(['first']);
  });

  it('the offline form mails the account administrators (H6)', async () => {
    // The form is for when nobody could answer in the chat (the admin went online in the transfer test).
    await op.call('operator.status', { status: 'offline' });
    await (await operator(acc.admin.email, acc.admin.password)).call('operator.status', { status: 'offline' });
    const v = await visitor();
    await v.socket.call('visitor.hello', { page: page('/'), activity: 'active' });
    await v.socket.call('offline.submit', { clientId: cid(), name: 'Ivan', email: 'ivan@example.test', phone: '+7 999', text: 'Call me back <b>please</b>' });
    const mail = await smtp.waitFor((m) => (m.subject ?? '').includes('Ivan'));
    expect(JSON.stringify(mail.to)).toContain(acc.admin.email);
    expect(mail.text).toContain('Call me back <b>please</b>');
    expect(mail.html).not.toContain('<b>please</b>');
    expect(await v.socket.raw('offline.submit', { name: '', email: 'x', text: '' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('refuses a message of invisible characters only like an empty one, from either side and in an edit', async () => {
    const v = await visitor();
    await v.socket.call('visitor.hello', { page: page('/'), activity: 'active' });
    const empty = { ok: false, error: { code: 'validation_failed', message: expect.stringContaining('The message is empty') } };
    for (const blank of ['\u200B', '\u200B\u200C\u200D', ' \uFEFF\u2060 ', '\u3164\u200E', '\u00AD\u2800']) {
      expect(await v.socket.raw('message.send', { clientId: cid(), text: blank }), JSON.stringify(blank)).toMatchObject(empty);
    }
    expect(await v.socket.raw('offline.submit', { clientId: cid(), name: 'Ann', email: 'ann@example.test', text: '\u200B\u200B' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    // Visible text joined by zero-width characters (an emoji sequence) stays as sent.
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const sent = await v.socket.call<MessageDto>('message.send', { clientId: cid(), text: family });
    expect(sent.text).toBe(family);
    const reply = await op.call<MessageDto>('message.send', { dialogId: sent.dialogId, clientId: cid(), text: 'Hello' });
    expect(await op.raw('message.send', { dialogId: sent.dialogId, clientId: cid(), text: '\u200B\uFEFF' })).toMatchObject(empty);
    expect(await op.raw('message.edit', { messageId: reply.id, text: '\u2060' })).toMatchObject(empty);
  });

  it('refuses oversize text, malformed payloads and the other side\'s events', async () => {
    const v = await visitor();
    expect(await v.socket.raw('message.send', { clientId: cid(), text: 'x'.repeat(5001) })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await v.socket.raw('message.send', 'hello')).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await v.socket.raw('dialog.close', { dialogId: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await op.raw('visitor.hello', { page: page('/'), activity: 'active' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('an operator of another account reaches none of this account\'s dialogs or visitors', async () => {
    const v = await visitor();
    await v.socket.call('visitor.hello', { page: page('/'), activity: 'active' });
    const msg = await v.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'private' });
    const other = await seedAccount(core, 'Other');
    const stranger = await operator(other.operator.email, other.operator.password);
    expect(await stranger.raw('dialog.open', { dialogId: msg.dialogId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await stranger.raw('message.send', { dialogId: msg.dialogId, clientId: cid(), text: 'hi' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await stranger.raw('dialog.start', { visitorId: v.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await stranger.call<VisitorDto[]>('visitors.list', {})).toEqual([]);
    expect(await stranger.call<DialogDto[]>('dialogs.list', { section: 'mine' })).toEqual([]);
    // The visitor's message was fanned out before the calls above were answered; one more round
    // trip on the stranger's socket proves nothing of it was on the way there.
    await stranger.settled();
    expect((stranger.received.get('message.created') ?? []).length).toBe(0);
    for (const event of ['visitor.updated', 'visitor.arrived', 'visitor.presence']) expect((stranger.received.get(event) ?? []).length).toBe(0);
  });
});
