import { randomBytes } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteView } from '../../../core/src/sites/site-settings.contract.js';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { cmsClient, seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { startTestSmtp, type TestSmtp } from '../../../core/test/support/smtp-server.js';
import type { ChatSiteSettings } from '../shared/chat-site-settings.js';
import type { OperatorCard, SiteBriefDto, VisitorState } from '../shared/chat.protocol.js';
import { connectChat, type TestSocket } from './chat-client.js';
import { ChatFixture } from './chat-fixture.js';

const SITE = 'https://site-settings-shop.example';
const SECOND_SITE = 'https://second-settings-shop.example';
// Monday 2 June 2025, 08:58 in Vladivostok (UTC+10).
const START = '2025-06-02T08:58:00+10:00';
const vvo = (time: string) => `2025-06-02T${time}:00+10:00`;
const MONDAY = [{ day: 1, from: '09:00', to: '18:00' }];

type Gate = { online: boolean; operators: OperatorCard[] };

let clock: FakeClock;
let smtp: TestSmtp;
let core: TestCore;
let chat: ChatFixture;
let acc: SeededAccount;
let other: SeededAccount;
let adminToken: string;
let site: SiteView;
let panel: TestSocket;
let widget: TestSocket;

type Refusal = { error: { code: string; message: string; fields?: Record<string, string> } };
type ChatValue = { value: ChatSiteSettings };
const settingsUrl = (id: string) => `/api/plugins/chat/settings/sites/${id}`;
/** Saves the chat's settings of a site (H6, C20) as the panel's «Чат» tab does. */
const put = (value: unknown, options: { id?: string; token?: string; lang?: 'ru' | 'en' } = {}) =>
  core.api.call<ChatValue & Refusal>('PUT', settingsUrl(options.id ?? site.id), { token: options.token ?? adminToken, body: { value }, headers: options.lang ? { 'accept-language': options.lang } : {} });
const save = async (value: unknown) => {
  const res = await put(value);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.value;
};

const patch = async (body: unknown, id = site.id) => {
  const res = await core.api.call<SiteView>('PATCH', `/api/sites/${id}`, { token: adminToken, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

/** A widget on a page of the site, greeted; its state as the hello answered it. */
async function openWidget(siteKey = site.publicKey, origin = SITE): Promise<{ socket: TestSocket; state: VisitorState }> {
  const session = await core.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin } });
  const socket = await connectChat(core.url, session.body.visitorToken, origin);
  chat.opened.push(socket);
  const state = await socket.call<VisitorState>('visitor.hello', { page: { url: `${origin}/`, title: 'Shop', referrer: '' }, activity: 'active' });
  return { socket, state };
}

/** Lets timers, socket frames and writes settle, when a test expects nothing to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

beforeAll(async () => {
  clock = new FakeClock(Date.parse(START));
  smtp = await startTestSmtp();
  core = await startTestCore({ plugins: { chat: {} }, smtpUrl: smtp.url, clock });
  chat = new ChatFixture(core, SITE);
  acc = await seedAccount(core);
  other = await seedAccount(core, 'Other');
  await cmsClient().accounts.update(acc.accountId, { timezone: 'Asia/Vladivostok' });
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  site = (await core.api.call<SiteView>('POST', '/api/sites', { token: adminToken, body: { name: 'Settings shop', url: SITE } })).body;
  await core.content.refresh();
  panel = await chat.operator(acc.operator);
  await panel.call('operator.status', { status: 'online' });
  ({ socket: widget } = await openWidget());
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
  await smtp?.stop();
});

describe('chat language per site (A8)', () => {
  it('reaches open widgets of the site without a reload, and new sessions', async () => {
    const secondSite = await chat.addSite(adminToken, 'Second shop', SECOND_SITE);
    const { socket: elsewhere } = await openWidget(secondSite, SECOND_SITE);
    const switched = widget.next<{ locale: string }>('site.updated');
    await patch({ chatLanguage: 'ru' });
    expect(await switched).toEqual({ locale: 'ru' });
    const session = await core.api.call<{ locale: string }>('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin: SITE } });
    expect(session.body.locale).toBe('ru');
    // Another site's widgets are not told.
    await settle();
    expect(elsewhere.received.get('site.updated')).toBeUndefined();
  });
});

describe('site notification settings for the panels (C20)', () => {
  it('operators load the sites with what each allows, and hear of a change', async () => {
    const sites = await panel.call<SiteBriefDto[]>('sites.list', {});
    expect(sites.find((s) => s.id === site.id)).toEqual({ id: site.id, name: 'Settings shop', notifications: { visitor: true, dialog: true, message: true } });
    const otherPanel = await chat.operator(other.operator);
    expect(await otherPanel.call<SiteBriefDto[]>('sites.list', {})).toEqual([]);

    const told = panel.next<SiteBriefDto>('site.updated', (s) => s.id === site.id && !s.notifications.visitor);
    expect(await save({ notifications: { visitor: false } })).toEqual({ offlineForm: { enabled: true, emails: [] }, notifications: { visitor: false, dialog: true, message: true } });
    expect(await told).toEqual({ id: site.id, name: 'Settings shop', notifications: { visitor: false, dialog: true, message: true } });
    expect((await panel.call<SiteBriefDto[]>('sites.list', {})).find((s) => s.id === site.id)?.notifications.visitor).toBe(false);
    // A new name reaches the panels with the chat's switches as they are.
    const renamed = panel.next<SiteBriefDto>('site.updated', (s) => s.id === site.id && s.name === 'Renamed shop');
    await patch({ name: 'Renamed shop' });
    expect(await renamed).toEqual({ id: site.id, name: 'Renamed shop', notifications: { visitor: false, dialog: true, message: true } });
    await patch({ name: 'Settings shop' });
    await settle();
    // Another account's panels hear nothing of it.
    expect(otherPanel.received.get('site.updated')).toBeUndefined();
  });

  it("another account's admin and the site's operator can neither read nor change them", async () => {
    const otherToken = (await core.api.login(other.admin.email, other.admin.password)).accessToken;
    const operatorToken = (await core.api.login(acc.operator.email, acc.operator.password)).accessToken;
    const before = (await core.api.call<ChatValue>('GET', settingsUrl(site.id), { token: adminToken })).body.value;
    expect((await core.api.call('GET', settingsUrl(site.id), { token: otherToken })).status).toBe(404);
    expect((await put({ notifications: { visitor: true } }, { token: otherToken })).status).toBe(404);
    expect((await put({ notifications: { visitor: true } }, { token: operatorToken })).status).toBe(403);
    expect((await core.api.call<ChatValue>('GET', settingsUrl(site.id), { token: adminToken })).body.value).toEqual(before);
  });
});

describe('refuses bad chat settings with a message per field, in the request\'s language, and changes nothing', () => {
  const bad: [string, unknown, string, RegExp, RegExp][] = [
    ['a bad address among good ones', { offlineForm: { enabled: true, emails: ['ok@shop.example', 'bob@'] } }, 'offlineForm.emails.1', /Not a valid e-mail address/, /Проверьте адрес/],
    ['too many addresses', { offlineForm: { enabled: true, emails: Array.from({ length: 21 }, (_, i) => `p${i}@shop.example`) } }, 'offlineForm.emails', /At most 20 addresses/, /Не больше 20 адресов/],
    ['addresses as one string', { offlineForm: { enabled: true, emails: 'a@shop.example, b@shop.example' } }, 'offlineForm.emails', /list of e-mail addresses/, /Список адресов/],
    ['a notification kind that does not exist', { notifications: { call: true } }, 'notifications', /visitor, dialog and message/, /visitor, dialog и message/],
    ['a notification switch that is not one', { notifications: { dialog: 'yes' } }, 'notifications.dialog', /true \(on\) or false \(off\)/, /true \(вкл\.\)/],
  ];
  it.each(bad)('%s', async (_what, value, field, english, russian) => {
    const before = (await core.api.call<ChatValue>('GET', settingsUrl(site.id), { token: adminToken })).body.value;
    for (const [lang, message] of [['en', english], ['ru', russian]] as const) {
      const res = await put(value, { lang });
      expect(res.status).toBe(400);
      expect(res.body.error.fields?.[field], JSON.stringify(res.body.error)).toMatch(message);
    }
    expect((await core.api.call<ChatValue>('GET', settingsUrl(site.id), { token: adminToken })).body.value).toEqual(before);
  });

  it('the same address twice is kept once', async () => {
    const value = await save({ offlineForm: { enabled: true, emails: [' sales@shop.example', 'Boss@shop.example', 'sales@SHOP.example'] } });
    expect(value.offlineForm.emails).toEqual(['sales@shop.example', 'Boss@shop.example']);
    await save({});
  });
});

describe('offline form addresses (H6)', () => {
  // The form is for when nobody could answer in the chat.
  beforeAll(() => panel.call('operator.status', { status: 'offline' }));
  afterAll(() => panel.call('operator.status', { status: 'online' }));
  const to = (mail: ParsedMail): string[] => [mail.to].flat().flatMap((a) => a?.value.flatMap((v) => (v.address ? [v.address] : [])) ?? []);
  /** Leaves a message and answers who got it by mail. */
  async function leaveMessage(expected: number): Promise<string[]> {
    const name = `Visitor ${randomBytes(3).toString('hex')}`;
    await widget.call('offline.submit', { clientId: randomBytes(8).toString('hex'), name, email: 'visitor@example.test', text: 'Call me back, please' });
    const mine = (m: ParsedMail) => (m.subject ?? '').includes(name);
    await smtp.waitFor(mine);
    await settle();
    const sent = smtp.messages.filter(mine);
    expect(sent).toHaveLength(expected);
    return sent.flatMap(to).sort();
  }

  it('without addresses the account administrators get the messages', async () => {
    expect(await leaveMessage(1)).toEqual([acc.admin.email]);
  });

  it('switched on with addresses, each of them gets every message and the administrators do not', async () => {
    await save({ offlineForm: { enabled: true, emails: ['sales@settings-shop.example', 'boss@settings-shop.example'] } });
    expect(await leaveMessage(2)).toEqual(['boss@settings-shop.example', 'sales@settings-shop.example']);
  });

  it('switched off, the addresses are kept but the administrators get the messages', async () => {
    const saved = await save({ offlineForm: { enabled: false, emails: ['sales@settings-shop.example'] } });
    expect(saved.offlineForm).toEqual({ enabled: false, emails: ['sales@settings-shop.example'] });
    expect(await leaveMessage(1)).toEqual([acc.admin.email]);
  });
});

describe('site working hours (I2): outside them the widget is automatic', () => {
  it('an operator is online: inside no hours the widget offers the chat', async () => {
    const { state } = await openWidget();
    expect(state.online).toBe(true);
    expect(state.operators.map((o) => o.id)).toEqual([acc.operator.id]);
  });

  it('saving hours that leave the site outside them switches open widgets to the offline form at once', async () => {
    const automatic = widget.next<Gate>('operators.changed', (p) => !p.online);
    await patch({ workingHours: { always: false, intervals: MONDAY } });
    expect(await automatic).toEqual({ online: false, operators: [] });
    const { socket: newcomer, state } = await openWidget();
    expect(state).toMatchObject({ online: false, operators: [] });
    // An operator's status change does not open the site before its hours.
    const told = widget.next<Gate>('operators.changed');
    await panel.call('operator.status', { status: 'online' });
    expect(await told).toEqual({ online: false, operators: [] });
    // The offline form is the way in: it is taken (from a visitor who has not yet used up their hourly requests above).
    expect(await newcomer.raw('offline.submit', { clientId: randomBytes(8).toString('hex'), name: 'Early bird', email: 'early@example.test', text: 'Before nine' })).toMatchObject({ ok: true });
  });

  it('flips live at the edges, in the account time zone', async () => {
    const opened = widget.next<Gate>('operators.changed', (p) => p.online);
    clock.advanceTo(vvo('09:00'));
    expect((await opened).operators.map((o) => o.id)).toEqual([acc.operator.id]);
    expect((await openWidget()).state.online).toBe(true);

    const before = widget.received.get('operators.changed')?.length ?? 0;
    clock.advanceTo(vvo('17:59'));
    await settle();
    expect(widget.received.get('operators.changed')?.length ?? 0).toBe(before);

    const closed = widget.next<Gate>('operators.changed', (p) => !p.online);
    clock.advanceTo(vvo('18:00'));
    expect(await closed).toEqual({ online: false, operators: [] });
    expect((await openWidget()).state.online).toBe(false);
  });

  it('"always" hands the site back to people at once', async () => {
    const back = widget.next<Gate>('operators.changed', (p) => p.online);
    await patch({ workingHours: { always: true, intervals: MONDAY } });
    expect((await back).operators.map((o) => o.id)).toEqual([acc.operator.id]);
  });
});
