import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsClient, seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { startTestSmtp, type TestSmtp } from '../../../core/test/support/smtp-server.js';
import type { DialogDto, MessageDto, VisitorDto } from '../shared/chat.protocol.js';
import { connectChat, type TestSocket } from './chat-client.js';
import { PANEL } from './chat-fixture.js';

const SITE = 'https://offline-shop.example';
const cid = () => crypto.randomUUID();
const form = (text: string, name = 'Ivan') => ({ clientId: cid(), name, email: `${name.toLowerCase()}@example.test`, phone: '+7 999 123-45-67', text });

let core: TestCore;
let smtp: TestSmtp;
let acc: SeededAccount;
let adminToken: string;
let op: TestSocket;
const opened: TestSocket[] = [];
let nextAddress = 1;
/** Each site's address by its key: an address belongs to one site only. */
const addressOf = new Map<string, string>();

/** A site of its own per test: the per-site limit of one test does not spend another's. */
async function site(name: string): Promise<string> {
  const url = `https://s${addressOf.size + 1}.${new URL(SITE).host}`;
  const res = await core.api.call<{ publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name, url } });
  if (res.status !== 201) throw new Error(`site not created: ${res.status} ${JSON.stringify(res.body)}`);
  addressOf.set(res.body.publicKey, url);
  return res.body.publicKey;
}

/** A greeted widget whose page load comes through the local proxy from `ip` (a fresh address unless given). */
async function visitor(siteKey: string, ip = `203.0.113.${nextAddress++}`): Promise<{ socket: TestSocket; id: string }> {
  const origin = addressOf.get(siteKey) ?? SITE;
  const session = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin } });
  const socket = await connectChat(core.url, session.body.visitorToken, origin, undefined, { 'x-forwarded-for': ip });
  opened.push(socket);
  await socket.call('visitor.hello', { page: { url: `${origin}/`, title: 'Shop', referrer: '' }, activity: 'active' });
  return { socket, id: session.body.visitorId };
}

const mailsAbout = (text: string) => smtp.messages.filter((m) => (m.text ?? '').includes(text));

/** "02.12.2026 14:05" of an instant in a zone, as the mail writes it. */
function stamp(at: number, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  core = await startTestCore({ plugins: { chat: { options: { offlinePerHour: { visitor: 2, address: 3, site: 6 } } } }, smtpUrl: smtp.url });
  acc = await seedAccount(core);
  // Moscow keeps UTC+3 all year: the zone's label is the same whenever the test runs.
  await cmsClient().accounts.update(acc.accountId, { timezone: 'Europe/Moscow' });
  await core.content.refresh();
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  const { accessToken } = await core.api.login(acc.operator.email, acc.operator.password);
  op = await connectChat(core.url, accessToken, PANEL);
  opened.push(op);
});
afterAll(async () => {
  for (const s of opened) s.close();
  await core?.stop();
  await smtp?.stop();
});

describe('an offline request is a conversation in the panel (H6, C4)', () => {
  it('fills the visitor card and opens a dialog in My messages with a note and the text', async () => {
    const v = await visitor(await site('Card shop'));
    const card = op.next<VisitorDto>('visitor.updated', (u) => u.id === v.id && u.email !== '');
    const created = op.next<MessageDto>('message.created', (m) => m.text === 'Do you deliver to Tver?');
    await v.socket.call('offline.submit', form('Do you deliver to Tver?'));
    expect(await card).toMatchObject({ name: 'Ivan', email: 'ivan@example.test', phone: '+7 999 123-45-67' });
    const dialogId = (await created).dialogId;
    const mine = await op.call<DialogDto[]>('dialogs.list', { section: 'mine' });
    expect(mine.find((d) => d.id === dialogId)).toMatchObject({ visitorId: v.id, status: 'open' });
    const { messages, visitor: shown } = await op.call<{ messages: MessageDto[]; visitor: VisitorDto }>('dialog.open', { dialogId });
    expect(messages.map((m) => [m.author.kind, m.text])).toEqual([
      ['system', 'Offline form request: Ivan · ivan@example.test · +7 999 123-45-67'],
      ['visitor', 'Do you deliver to Tver?'],
    ]);
    expect(shown.email).toBe('ivan@example.test');

    // A second request joins the same open dialog; what an operator typed into the card stays.
    await op.call('visitor.update', { visitorId: v.id, name: 'Ivan Petrov (wholesale)' });
    await v.socket.call('offline.submit', form('And to Pskov?', 'Vanya'));
    const after = await op.call<{ messages: MessageDto[]; visitor: VisitorDto }>('dialog.open', { dialogId });
    expect(after.messages.filter((m) => m.author.kind === 'visitor').map((m) => m.text)).toEqual(['Do you deliver to Tver?', 'And to Pskov?']);
    expect(after.visitor).toMatchObject({ name: 'Ivan Petrov (wholesale)', email: 'ivan@example.test' });
  });

  it('a retried submission posts and mails once', async () => {
    const v = await visitor(await site('Retry shop'));
    const once = form('Retried request');
    await Promise.all([v.socket.call('offline.submit', once), v.socket.call('offline.submit', once)]);
    await smtp.waitFor((m) => (m.text ?? '').includes('Retried request'));
    const [dialog] = (await op.call<DialogDto[]>('dialogs.list', { section: 'mine' })).filter((d) => d.visitorId === v.id);
    const { messages } = await op.call<{ messages: MessageDto[] }>('dialog.open', { dialogId: dialog!.id });
    expect(messages.filter((m) => m.text === 'Retried request')).toHaveLength(1);
    expect(mailsAbout('Retried request')).toHaveLength(1);
  });
});

describe('mail times are the account\'s (C16, H6)', () => {
  it('the offline mail says when it was sent, in the account\'s zone, naming the zone', async () => {
    const v = await visitor(await site('Clock shop'));
    const before = Date.now();
    await v.socket.call('offline.submit', form('What time is it?'));
    const after = Date.now();
    const mail = await smtp.waitFor((m) => (m.text ?? '').includes('What time is it?'));
    const sent = /Sent: (.+)/.exec(mail.text ?? '')?.[1];
    expect([`${stamp(before, 'Europe/Moscow')} (Europe/Moscow, UTC+3)`, `${stamp(after, 'Europe/Moscow')} (Europe/Moscow, UTC+3)`]).toContain(sent);
  });

  it('the transcript\'s times are in the account\'s zone, the zone named above them (in the operator\'s language)', async () => {
    const v = await visitor(await site('Transcript shop'));
    const m = await v.socket.call<MessageDto>('message.send', { clientId: cid(), text: 'Transcript me' });
    await op.call('dialog.transcript', { dialogId: m.dialogId, email: 'boss@example.test' });
    const mail = await smtp.waitFor((x) => (x.text ?? '').includes('Transcript me'));
    const [zone, line] = (mail.text ?? '').split('\n');
    expect(zone).toBe('Время указано в поясе: Europe/Moscow, UTC+3');
    expect(line).toBe(`[${stamp(Date.parse(m.createdAt), 'Europe/Moscow')}] ${m.author.name}: Transcript me`);
  });
});

describe('the offline form cannot flood a mailbox (issue 9)', () => {
  it('limits one visitor, also when their submissions race', async () => {
    const key = await site('Flood shop');
    const v = await visitor(key);
    await v.socket.call('offline.submit', form('flood 1'));
    await v.socket.call('offline.submit', form('flood 2'));
    expect(await v.socket.raw('offline.submit', form('flood 3'))).toMatchObject({ ok: false, error: { code: 'offline_limit' } });
    const racer = await visitor(key);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => racer.socket.raw('offline.submit', form(`race ${i}`))));
    expect(answers.filter((a) => a.ok)).toHaveLength(2);
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'offline_limit')).toBe(true);
    await smtp.waitFor(() => mailsAbout('race ').length >= 2 && mailsAbout('flood ').length >= 2);
    expect([mailsAbout('race ').length, mailsAbout('flood ').length]).toEqual([2, 2]);
  });

  it('limits one address across visitors (a dropped token is a new visitor)', async () => {
    const key = await site('Address shop');
    const first = await visitor(key, '198.51.100.7');
    await first.socket.call('offline.submit', form('address 1'));
    await first.socket.call('offline.submit', form('address 2'));
    const again = await visitor(key, '198.51.100.7');
    await again.socket.call('offline.submit', form('address 3'));
    expect(await again.socket.raw('offline.submit', form('address 4'))).toMatchObject({ ok: false, error: { code: 'offline_limit' } });
    // Another address is another person.
    const neighbour = await visitor(key, '198.51.100.8');
    expect(await neighbour.socket.raw('offline.submit', form('address 5'))).toMatchObject({ ok: true });
  });

  it('limits one site whatever the addresses', async () => {
    const key = await site('Busy shop');
    for (let i = 1; i <= 6; i++) await (await visitor(key)).socket.call('offline.submit', form(`site ${i}`));
    expect(await (await visitor(key)).socket.raw('offline.submit', form('site 7'))).toMatchObject({ ok: false, error: { code: 'offline_limit' } });
    // Another site of the account has its own budget.
    expect(await (await visitor(await site('Quiet shop'))).socket.raw('offline.submit', form('quiet 1'))).toMatchObject({ ok: true });
  });

  it('refuses the offline form while an operator is online, and takes it again when nobody is', async () => {
    const v = await visitor(await site('Online shop'));
    await op.call('operator.status', { status: 'online' });
    expect(await v.socket.raw('offline.submit', form('while online'))).toMatchObject({ ok: false, error: { code: 'chat_online' } });
    await op.call('operator.status', { status: 'offline' });
    expect(await v.socket.raw('offline.submit', form('while offline'))).toMatchObject({ ok: true });
    expect(mailsAbout('while online')).toHaveLength(0);
  });

  it('refuses bad input', async () => {
    const v = await visitor(await site('Input shop'));
    expect(await v.socket.raw('offline.submit', { ...form('x'), email: 'not-an-address' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await v.socket.raw('offline.submit', { ...form('x'), text: 'y'.repeat(5001) })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await v.socket.raw('offline.submit', { ...form('x'), clientId: 'short' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});
