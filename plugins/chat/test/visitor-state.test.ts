import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { startTestSmtp, type TestSmtp } from '../../../core/test/support/smtp-server.js';
import type { ChatTables } from '../server/chat.tables.js';
import { clientIp, generatedName, placeOf } from '../server/visitor-profile.js';
import type { DialogDto, MessageDto, VisitorArrival, VisitorBrief, VisitorState } from '../shared/chat.protocol.js';
import { connectChat, type TestSocket } from './chat-client.js';

const SITE = 'https://state-shop.example';
const PANEL = 'http://panel.test';
/** MaxMind's own test address: St Albans, United Kingdom, in the database geoip-lite ships. */
const ST_ALBANS = '81.2.69.142';
/** Known to the database only by its country. */
const US_ONLY = '8.8.8.8';

let core: TestCore;
let db: Kysely<ChatTables>;
let smtp: TestSmtp;
let acc: SeededAccount;
let siteKey: string;
let op: TestSocket;
const opened: TestSocket[] = [];

const page = { url: `${SITE}/`, title: 'Shop', referrer: '' };
const cid = () => crypto.randomUUID();

async function session(): Promise<{ token: string; id: string }> {
  const res = await core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
  return { token: res.body.visitorToken, id: res.body.visitorId };
}

/** The widget connecting, optionally through a reverse proxy on this machine that names the visitor's address. */
/** The visitor as the next `visitor.hello` of theirs (matching `match`) announces them to operators. */
const arrivalOf = async (id: string, match: (v: VisitorBrief) => boolean = () => true): Promise<VisitorBrief> =>
  (await op.next<VisitorArrival>('visitor.arrived', (a) => a.visitor.id === id && match(a.visitor))).visitor;

async function connect(token: string, forwardedFor?: string): Promise<TestSocket> {
  const socket = await connectChat(core.url, token, SITE, undefined, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});
  opened.push(socket);
  return socket;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  core = await startTestCore({ plugins: { chat: {} }, smtpUrl: smtp.url });
  db = core.db as unknown as Kysely<ChatTables>;
  acc = await seedAccount(core);
  const adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  siteKey = (await core.api.call<{ publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'State shop', url: SITE } })).body.publicKey;
  op = await connectChat(core.url, (await core.api.login(acc.operator.email, acc.operator.password)).accessToken, PANEL);
  opened.push(op);
});
afterAll(async () => {
  for (const s of opened) s.close();
  await core?.stop();
  await smtp?.stop();
});

describe('where a visitor is (C3)', () => {
  it('names a visitor after their city and shows "City, Country", in the site\'s language', async () => {
    const { token, id } = await session();
    const seen = arrivalOf(id);
    await (await connect(token, ST_ALBANS)).call('visitor.hello', { page, activity: 'active' });
    const visitor = await seen;
    expect(visitor.location).toBe('St Albans, United Kingdom');
    expect(visitor.name).toMatch(/^\S+ \S+ · St Albans$/);

    // Later from elsewhere: the card shows the new place, the name operators know stays.
    const moved = arrivalOf(id, (x) => x.location !== visitor.location);
    await (await connect(token, US_ONLY)).call('visitor.hello', { page, activity: 'active' });
    expect(await moved).toMatchObject({ location: 'United States', name: visitor.name });
  });

  it('keeps the random, stable name when the address says nothing (loopback, private networks)', async () => {
    const { token, id } = await session();
    const seen = arrivalOf(id);
    await (await connect(token)).call('visitor.hello', { page, activity: 'active' });
    const visitor = await seen;
    expect(visitor).toMatchObject({ location: '', name: expect.stringMatching(/^\S+ \S+$/) });
    expect(visitor.name).toBe(generatedName(id, 'en'));
    const again = arrivalOf(id);
    await (await connect(token, '10.1.2.3')).call('visitor.hello', { page, activity: 'active' });
    expect(await again).toMatchObject({ location: '', name: visitor.name });
  });

  it('trusts X-Forwarded-For only from the proxies the core trusts, and names countries in Russian for Russian sites', () => {
    expect(clientIp({ address: '127.0.0.1', headers: { 'x-forwarded-for': ST_ALBANS } })).toBe(ST_ALBANS);
    expect(clientIp({ address: '203.0.113.7', headers: { 'x-forwarded-for': ST_ALBANS } })).toBe('203.0.113.7');
    expect(placeOf(ST_ALBANS, 'ru')).toEqual({ city: 'St Albans', country: 'Великобритания' });
    expect(placeOf(`::ffff:${ST_ALBANS}`, 'en')).toEqual({ city: 'St Albans', country: 'United Kingdom' });
    expect(placeOf('192.168.0.10', 'ru')).toBeUndefined();
    const place = placeOf(US_ONLY, 'ru');
    expect(generatedName('visitor-1', 'ru', place)).toMatch(/^\S+ \S+ · Соединенные Штаты$/);
    expect(generatedName('visitor-1', 'ru', place)).toBe(generatedName('visitor-1', 'ru', place));
  });
});

describe('the widget\'s state after a reload', () => {
  it('stores whether the chat window is open from the first hello of a page on', async () => {
    const { token, id } = await session();
    const socket = await connect(token);
    const open = arrivalOf(id);
    await socket.call('visitor.hello', { page, activity: 'active', chatOpen: true });
    expect((await open).chatOpen).toBe(true);
    // A hello that does not say leaves it; one that does changes it.
    const unsaid = arrivalOf(id);
    await socket.call('visitor.hello', { page, activity: 'active' });
    expect((await unsaid).chatOpen).toBe(true);
    const closed = arrivalOf(id, (x) => !x.chatOpen);
    await socket.call('visitor.hello', { page, activity: 'active', chatOpen: false });
    await closed;
    expect(await socket.raw('visitor.hello', { page, activity: 'active', chatOpen: 'yes' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('asks for the rating again after a reload until it is given (C15)', async () => {
    const { token } = await session();
    const hello = async () => (await connect(token)).call<VisitorState>('visitor.hello', { page, activity: 'active' });
    const first = await connect(token);
    const { dialogId } = await first.call<MessageDto>('message.send', { clientId: cid(), text: 'Thanks for the help' });
    expect((await hello()).ratingRequestedFor).toBeNull();

    await op.call('dialog.requestRating', { dialogId });
    expect((await hello()).ratingRequestedFor).toBe(dialogId);
    await op.call<DialogDto>('dialog.close', { dialogId });
    const afterClose = await hello();
    expect(afterClose).toMatchObject({ dialog: null, ratingRequestedFor: dialogId });

    const last = await connect(token);
    await last.call('rating.submit', { dialogId, rating: 4 });
    expect((await hello()).ratingRequestedFor).toBeNull();
    expect(await op.raw('dialog.requestRating', { dialogId })).toMatchObject({ ok: false, error: { code: 'already_rated' } });
  });

  it('forgets an unanswered rating request once the visitor starts a new dialog', async () => {
    const { token } = await session();
    const socket = await connect(token);
    const { dialogId } = await socket.call<MessageDto>('message.send', { clientId: cid(), text: 'first question' });
    await op.call('dialog.requestRating', { dialogId });
    await op.call('dialog.close', { dialogId });
    const next = await socket.call<MessageDto>('message.send', { clientId: cid(), text: 'another question' });
    expect(next.dialogId).not.toBe(dialogId);
    expect((await socket.call<VisitorState>('visitor.hello', { page, activity: 'active' })).ratingRequestedFor).toBeNull();
  });
});

describe('the offline form (H6)', () => {
  it('stores and mails a submission once however often it is retried', async () => {
    const { token, id } = await session();
    const socket = await connect(token);
    // The widget greets first: the request goes into the visitor's card and dialog.
    await socket.call('visitor.hello', { page, activity: 'active' });
    const name = `Retry ${id.slice(0, 8)}`;
    const form = { clientId: cid(), name, email: 'retry@example.test', text: 'Please call me' };
    await socket.call('offline.submit', form);
    await socket.call('offline.submit', form);
    await smtp.waitFor((m) => (m.subject ?? '').includes(name));
    expect(await db.selectFrom('chat_offline_requests').select('id').where('visitor_id', '=', id).execute()).toHaveLength(1);

    // A new submission (new clientId) is a new request. Its mail is sent after any the retry could
    // have caused, so once it is here the count of the first request's mails is final.
    await socket.call('offline.submit', { ...form, clientId: cid(), text: 'Still waiting' });
    await smtp.waitFor((m) => (m.subject ?? '').includes(name) && (m.text ?? '').includes('Still waiting'));
    const mails = smtp.messages.filter((m) => (m.subject ?? '').includes(name));
    expect(mails.map((m) => (m.text ?? '').includes('Still waiting'))).toEqual([false, true]);
    expect(await db.selectFrom('chat_offline_requests').select('id').where('visitor_id', '=', id).execute()).toHaveLength(2);
  });

  it('requires the submission\'s clientId', async () => {
    const { token, id } = await session();
    const socket = await connect(token);
    const form = { name: 'Ivan', email: 'ivan@example.test', text: 'hello' };
    expect(await socket.raw('offline.submit', form)).toMatchObject({ ok: false, error: { code: 'validation_failed', message: expect.stringContaining('clientId') } });
    expect(await socket.raw('offline.submit', { ...form, clientId: 'short' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await socket.raw('offline.submit', { ...form, clientId: 'x'.repeat(65) })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await db.selectFrom('chat_offline_requests').select('id').where('visitor_id', '=', id).execute()).toEqual([]);
  });
});
