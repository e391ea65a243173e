import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { seedAgency, seedUser, startTestCore, uniqueEmail, type TestCore } from '../../../core/test/support/harness.js';
import { startTestSmtp, type TestSmtp } from '../../../core/test/support/smtp-server.js';
import type { BillingState, LicenceView, OrderView, PlanSet, PurchaseResult, Quote } from '../shared/billing.protocol.js';
import { startYooKassaStandIn } from './yookassa-standin.js';

/** A9 on the server: plans, quotes, purchases by invoice and online, limits where they bite, expiry. */

type Refusal = { error: { code: string; message: string; fields?: Record<string, string> } };
const DAY = 24 * 3600 * 1000;
const AUTH = { shopId: '123456', secretKey: 'test_secret_key' };
// A real organisation's INN and KPP shape (check digits valid): ПАО «Сбербанк».
const COMPANY = { type: 'company', name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', address: 'Москва, ул. Вавилова, 19' } as const;
const PERSON = { type: 'person', name: 'Иван Петров', email: 'ivan@example.test' } as const;

let core: TestCore;
let smtp: TestSmtp;
let yoo: Awaited<ReturnType<typeof startYooKassaStandIn>>;
const clock = new FakeClock(Date.parse('2026-12-03T10:00:00Z'));
let ours: Awaited<ReturnType<typeof seedAgency>>;
let theirs: Awaited<ReturnType<typeof seedAgency>>;
const tokens = { admin: '', operator: '', staff: '', otherStaff: '', personAdmin: '', otherAdmin: '' };
let personClient: string;
let otherClient: string;

const call = <T = Record<string, unknown>>(method: string, url: string, token: string, body?: unknown, lang = 'en') =>
  core.api.call<T & Refusal>(method, url, { token, body, headers: { 'accept-language': lang } });

const plugins = async (token: string) => (await call<{ id: string }[]>('GET', '/api/plugins', token)).body.map((p) => p.id);

beforeAll(async () => {
  smtp = await startTestSmtp();
  yoo = await startYooKassaStandIn(AUTH);
  core = await startTestCore({ smtpUrl: smtp.url, clock, plugins: { chat: {}, goals: {}, billing: { options: { payments: { apiUrl: yoo.apiUrl, ...AUTH } } } } });
  yoo.webhookUrl = `${core.url}/api/billing/public/payments/webhook`;
  ours = await seedAgency(core, 'Billing agency');
  theirs = await seedAgency(core, 'Other agency');
  const admin = await seedUser(core, ours.clientId, { firstName: 'Anna', lastName: 'Admin', role: 'account-admin' });
  const operator = await seedUser(core, ours.clientId, { firstName: 'Oleg', lastName: 'Operator' });
  // A second client of ours who pays as a person, and a client of another agency.
  const second = await core.content.client.accounts.create({ name: 'Person client', language: 'ru', agency: ours.agencyId });
  personClient = second.documentId;
  const personAdmin = await seedUser(core, personClient, { firstName: 'Ivan', lastName: 'Petrov', role: 'account-admin' });
  otherClient = theirs.clientId;
  const otherAdmin = await seedUser(core, otherClient, { firstName: 'Other', lastName: 'Admin', role: 'account-admin' });
  const login = async (who: { email: string; password: string }) => (await core.api.login(who.email, who.password)).accessToken;
  Object.assign(tokens, {
    admin: await login(admin),
    operator: await login(operator),
    staff: await login(ours.staff),
    otherStaff: await login(theirs.staff),
    personAdmin: await login(personAdmin),
    otherAdmin: await login(otherAdmin),
  });
});
afterAll(async () => {
  await core?.stop();
  await smtp?.stop();
  await yoo?.close();
});

describe('plans and the licence', () => {
  it('an account without a licence is on Free: its seats, its plugins', async () => {
    const res = await call<BillingState>('GET', '/api/billing', tokens.admin);
    expect(res.status).toBe(200);
    expect(res.body.licence).toMatchObject({ plan: 'free', paidPlan: null, seats: { used: 2, allowed: 2 }, paidUntil: null, expired: false, payerType: null });
    expect(res.body.plans.periods).toEqual([{ months: 1, discount: 0 }, { months: 6, discount: 10 }, { months: 12, discount: 20 }, { months: 24, discount: 30 }]);
    expect(res.body).not.toHaveProperty('plans.requisites');
    // Free has the chat only: goals is held off (the billing page itself never is).
    expect((await plugins(tokens.admin)).sort()).toEqual(['billing', 'chat']);
    expect((await call('GET', '/api/goals/hits?since=2026-12-01T00:00:00Z', tokens.admin)).status).toBe(403);
  });

  it('is for the account\'s admins: an operator and agency staff are refused', async () => {
    expect((await call('GET', '/api/billing', tokens.operator)).status).toBe(403);
    expect((await call('GET', '/api/billing', tokens.staff)).status).toBe(401);
  });

  it('agency staff set their plans and requisites (validated); another agency keeps its own', async () => {
    const current = await call<PlanSet>('GET', '/api/billing/agency/plans', tokens.staff);
    expect(current.status).toBe(200);
    const set: PlanSet = {
      ...current.body,
      requisites: { name: 'ООО «Агентство»', inn: '7707083893', kpp: '773601001', address: 'Москва', bank: 'ПАО Сбербанк', bik: '044525225', account: '40702810900000000001', correspondentAccount: '30101810400000000225' },
    };
    expect((await call('PUT', '/api/billing/agency/plans', tokens.staff, set)).status).toBe(200);
    const bad = await call('PUT', '/api/billing/agency/plans', tokens.staff, { ...set, requisites: { ...set.requisites, inn: '7707083890' } }, 'ru');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.['requisites.inn']).toMatch(/ИНН/);
    expect((await call<PlanSet>('GET', '/api/billing/agency/plans', tokens.otherStaff)).body.requisites.name).toBe('');
    // Each rule at its field, in the request's language (the console places them; planSetProblems is shared).
    const [free, pro, ent] = set.plans;
    const wrong = {
      ...set,
      plans: [{ ...free!, plugins: ['Chat!'] }, { ...pro!, pricePerSeatMonth: 9.999 }, { ...ent!, maxSeats: pro!.maxSeats }],
      periods: [{ months: 1, discount: 0 }, { months: 1, discount: 95 }],
      requisites: { ...set.requisites, bik: '1234', account: '4070' },
      noticeDays: 61,
    };
    const fields = (await call('PUT', '/api/billing/agency/plans', tokens.staff, wrong, 'ru')).body.error.fields;
    expect(fields).toEqual({
      'plans.0.plugins': 'Выберите плагины из списка',
      'plans.1.pricePerSeatMonth': 'Цена — от 0 до 1 000 000 ₽, не точнее копейки',
      'plans.2.maxSeats': 'В Enterprise операторов должно быть больше, чем в PRO',
      'periods.1.months': 'Такой период уже есть',
      'periods.1.discount': 'Скидка — целое число от 0 до 90 %',
      noticeDays: 'Дней — целое число от 0 до 60',
      'requisites.bik': 'БИК — 9 цифр',
      'requisites.account': 'Номер счёта — 20 цифр',
    });
    const typed = await call('PUT', '/api/billing/agency/plans', tokens.staff, { ...set, plans: [{ ...free!, maxSeats: 'two' }, pro, ent] }, 'en');
    expect(typed.body.error.fields).toEqual({ 'plans.0.maxSeats': 'Operators: a whole number from 1 to 10,000' });
    expect((await call('PUT', '/api/billing/agency/plans', tokens.staff, { ...set, plans: [free, pro] }, 'en')).body.error.fields).toEqual({ plans: 'The plans are not filled in correctly' });
    expect((await call<PlanSet>('GET', '/api/billing/agency/plans', tokens.staff)).body).toEqual(set);
    expect((await call('GET', '/api/billing/agency/plans', tokens.admin)).status).toBe(403);
  });
});

describe('a quote', () => {
  it('is computed on the server: seats × price × months less the period discount', async () => {
    const res = await call<Quote>('POST', '/api/billing/quote', tokens.admin, { plan: 'pro', seats: 3, months: 24 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pricePerSeatMonth: 990, discount: 30, full: 3 * 990 * 24 * 100, total: Math.round(3 * 990 * 24 * 100 * 0.7) });
  });

  it('refuses a plan outside the list, a period not offered and seats outside the plan, in the request\'s language', async () => {
    const plan = await call('POST', '/api/billing/quote', tokens.admin, { plan: 'platinum', seats: 3, months: 1 }, 'ru');
    expect(plan.status).toBe(400);
    expect(plan.body.error.fields?.plan).toBe('Выберите тариф из списка');
    const free = await call('POST', '/api/billing/quote', tokens.admin, { plan: 'free', seats: 1, months: 1 });
    expect(free.status).toBe(400);
    const period = await call('POST', '/api/billing/quote', tokens.admin, { plan: 'pro', seats: 3, months: 7 });
    expect([period.status, period.body.error.code]).toEqual([400, 'period_not_offered']);
    const seats = await call('POST', '/api/billing/quote', tokens.admin, { plan: 'pro', seats: 6, months: 1 });
    expect([seats.status, seats.body.error.code]).toEqual([400, 'seats_out_of_plan']);
    const few = await call('POST', '/api/billing/quote', tokens.admin, { plan: 'enterprise', seats: 5, months: 1 });
    expect(few.body.error.code).toBe('seats_out_of_plan');
    expect((await call('POST', '/api/billing/quote', tokens.admin, { plan: 'enterprise', seats: 6, months: 1 })).status).toBe(200);
  });
});

describe('limits where they bite', () => {
  it('inviting past the plan\'s seats is refused; a pending invitee re-invited is not a new seat', async () => {
    const res = await call('POST', '/api/team/invitations', tokens.admin, { email: uniqueEmail('third'), role: 'operator' });
    expect([res.status, res.body.error.code]).toEqual([409, 'seat_limit']);
  });

  it('agency staff cannot switch on a plugin outside the plan; the list shows licence and seats', async () => {
    const on = await call('PUT', `/api/agency/clients/${ours.clientId}/plugins/goals`, tokens.staff, { enabled: true });
    expect([on.status, on.body.error.code]).toEqual([409, 'plugin_not_in_plan']);
    const list = await call<{ id: string; operators: { used: number; allowed: number | null }; licence: { plan: string } | null }[]>('GET', '/api/agency/clients', tokens.staff);
    const mine = list.body.find((c) => c.id === ours.clientId)!;
    expect(mine.operators).toEqual({ used: 2, allowed: 2 });
    expect(mine.licence).toMatchObject({ plan: 'free', paidUntil: null, expired: false });
  });
});

describe('a company buys by invoice', () => {
  let order: OrderView;

  it('validates the company (INN, KPP) and answers field by field', async () => {
    const bad = await call('POST', '/api/billing/orders', tokens.admin, { plan: 'pro', seats: 5, months: 12, payer: { ...COMPANY, inn: '1234567890', kpp: '' } }, 'ru');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields ?? {})).toContain('payer.inn');
    const noKpp = await call('POST', '/api/billing/orders', tokens.admin, { plan: 'pro', seats: 5, months: 12, payer: { ...COMPANY, kpp: undefined } });
    expect(noKpp.body.error.fields?.['payer.kpp']).toMatch(/KPP/);
  });

  it('gets a numbered invoice as a PDF, also mailed; the licence waits for the payment', async () => {
    const res = await call<PurchaseResult>('POST', '/api/billing/orders', tokens.admin, { plan: 'pro', seats: 5, months: 12, payer: COMPANY });
    expect(res.status).toBe(201);
    order = res.body.order;
    expect(order).toMatchObject({ payerType: 'company', plan: 'pro', seats: 5, months: 12, discount: 20, total: 5 * 990 * 12 * 80, status: 'pending' });
    expect(order.number).toMatch(/^2026-\d{5}$/);
    const pdf = await fetch(`${core.url}/api/billing/orders/${order.id}/invoice.pdf`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
    expect(bytes.toString('latin1')).toContain(`Invoice ${order.number}`);
    // The Cyrillic font is embedded (DejaVu), so the Russian text renders.
    expect(bytes.toString('latin1')).toMatch(/DejaVuSans/);
    const mail = await smtp.waitFor((m) => m.subject?.includes(order.number) ?? false);
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect((await call<BillingState>('GET', '/api/billing', tokens.admin)).body.licence).toMatchObject({ plan: 'free', payerType: 'company' });
  });

  it('another account\'s admin and agency get no invoice and cannot mark it paid', async () => {
    expect((await fetch(`${core.url}/api/billing/orders/${order.id}/invoice.pdf`, { headers: { authorization: `Bearer ${tokens.otherAdmin}` } })).status).toBe(404);
    expect((await call('POST', `/api/billing/agency/orders/${order.id}/paid`, tokens.otherStaff)).status).toBe(404);
    expect((await call('POST', `/api/billing/agency/orders/${order.id}/paid`, tokens.admin)).status).toBe(403);
    expect((await call('GET', `/api/billing/agency/clients/${ours.clientId}/licence`, tokens.otherStaff)).status).toBe(404);
  });

  it('the payer type is fixed: paying as a person afterwards is refused', async () => {
    const res = await call('POST', '/api/billing/orders', tokens.admin, { plan: 'pro', seats: 5, months: 1, payer: PERSON });
    expect([res.status, res.body.error.code]).toEqual([409, 'payer_type_fixed']);
  });

  it('marked paid by agency staff, once: the licence is PRO for 12 months, limits lift', async () => {
    const paid = await call<{ licence: LicenceView }>('POST', `/api/billing/agency/orders/${order.id}/paid`, tokens.staff);
    expect(paid.status).toBe(200);
    expect(paid.body.licence).toMatchObject({ plan: 'pro', paidPlan: 'pro', seats: { used: 2, allowed: 5 }, paidUntil: '2027-12-03T10:00:00.000Z', expired: false });
    const again = await call('POST', `/api/billing/agency/orders/${order.id}/paid`, tokens.staff);
    expect([again.status, again.body.error.code]).toEqual([409, 'order_not_pending']);
    expect((await call('POST', '/api/team/invitations', tokens.admin, { email: uniqueEmail('third'), role: 'operator' })).status).toBe(201);
    expect((await call('PUT', `/api/agency/clients/${ours.clientId}/plugins/goals`, tokens.staff, { enabled: true })).status).toBe(200);
    const orders = await call<(OrderView & { accountName: string })[]>('GET', '/api/billing/agency/orders', tokens.staff);
    expect(orders.body.find((o) => o.id === order.id)?.status).toBe('paid');
  });
});

describe('a person pays online', () => {
  let result: PurchaseResult;

  it('creates the payment with an Idempotence-Key and sends the payer to the confirmation page', async () => {
    const res = await call<PurchaseResult>('POST', '/api/billing/orders', tokens.personAdmin, { plan: 'pro', seats: 2, months: 6, payer: PERSON });
    expect(res.status).toBe(201);
    result = res.body;
    expect(result.confirmationUrl).toMatch(new RegExp(`^${yoo.url}/checkout/`));
    expect([...yoo.idempotenceKeys.keys()]).toContain(`order-${result.order.id}`);
    const payment = [...yoo.payments.values()].find((p) => p.metadata.orderId === String(result.order.id))!;
    expect(payment.amount).toEqual({ value: (2 * 990 * 6 * 0.9).toFixed(2), currency: 'RUB' });
  });

  it('refuses a forged notification: an unknown payment, or one the provider says is not paid', async () => {
    const payment = [...yoo.payments.values()].find((p) => p.metadata.orderId === String(result.order.id))!;
    const forged = (object: unknown) => core.api.call<Refusal>('POST', '/api/billing/public/payments/webhook', { body: { type: 'notification', event: 'payment.succeeded', object } });
    const unknown = await forged({ ...payment, id: 'forged-0000', status: 'succeeded', paid: true });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'webhook_refused']);
    // The body claims success; the provider's API says pending: not believed.
    const claimed = await forged({ ...payment, status: 'succeeded', paid: true });
    expect([claimed.status, claimed.body.error.code]).toEqual([400, 'webhook_refused']);
    expect((await call<BillingState>('GET', '/api/billing', tokens.personAdmin)).body.licence.plan).toBe('free');
  });

  it('a notification delivered twice pays once', async () => {
    const payment = [...yoo.payments.values()].find((p) => p.metadata.orderId === String(result.order.id))!;
    yoo.succeed(payment.id);
    expect(await yoo.notify(payment.id, 2)).toEqual([200, 200]);
    const state = await call<BillingState>('GET', '/api/billing', tokens.personAdmin);
    expect(state.body.licence).toMatchObject({ plan: 'pro', seats: { allowed: 2 }, paidUntil: '2027-06-03T10:00:00.000Z', payerType: 'person' });
    expect(state.body.orders[0]).toMatchObject({ status: 'paid', confirmationUrl: null });
    // Replayed later: still paid once.
    expect(await yoo.notify(payment.id, 1)).toEqual([200]);
    expect((await call<BillingState>('GET', '/api/billing', tokens.personAdmin)).body.licence.paidUntil).toBe('2027-06-03T10:00:00.000Z');
  });
});

describe('expiry with the clock', () => {
  it('warns some days before; at the end the Free limits apply and nothing is lost', async () => {
    const grant = await call<LicenceView>('PUT', `/api/billing/agency/clients/${ours.clientId}/licence`, tokens.staff, { plan: 'pro', seats: 5, paidUntil: new Date(clock.now() + 10 * DAY).toISOString() });
    expect(grant.body).toMatchObject({ plan: 'pro', daysLeft: 10, expiresSoon: false });
    clock.advance(4 * DAY);
    expect((await call<BillingState>('GET', '/api/billing', tokens.admin)).body.licence).toMatchObject({ daysLeft: 6, expiresSoon: true });
    clock.advance(6 * DAY);
    const after = (await call<BillingState>('GET', '/api/billing', tokens.admin)).body.licence;
    expect(after).toMatchObject({ plan: 'free', paidPlan: 'pro', expired: true, seats: { used: 3, allowed: 2 } });
    // Members stay; a new one is refused; goals are held off but its switch and data are kept.
    expect((await call<unknown[]>('GET', '/api/team', tokens.admin)).body).toHaveLength(3);
    expect((await call('POST', '/api/team/invitations', tokens.admin, { email: uniqueEmail('fourth'), role: 'operator' })).body.error.code).toBe('seat_limit');
    expect(await plugins(tokens.admin)).not.toContain('goals');
    const list = await call<{ id: string; licence: { expired: boolean } }[]>('GET', '/api/agency/clients', tokens.staff);
    expect(list.body.find((c) => c.id === ours.clientId)?.licence).toMatchObject({ plan: 'pro', expired: true });
    // Paid again: goals come back as switched.
    const licence = (days: number) => ({ plan: 'pro', seats: 5, paidUntil: new Date(clock.now() + days * DAY).toISOString() });
    await call('PUT', `/api/billing/agency/clients/${ours.clientId}/licence`, tokens.staff, licence(30));
    expect(await plugins(tokens.admin)).toContain('goals');
    // A licence the agency changes reaches the admin's open panel at once: ended, then paid again.
    const panel = connect(`${core.url}/panel`, { auth: { token: tokens.admin }, transports: ['websocket'], extraHeaders: { origin: 'http://panel.test' } });
    const told = () => new Promise((resolve) => panel.once('plugins.changed', resolve));
    try {
      await new Promise<void>((resolve, reject) => panel.once('connect', () => resolve()).once('connect_error', reject));
      let notice = told();
      await call('PUT', `/api/billing/agency/clients/${ours.clientId}/licence`, tokens.staff, licence(-1));
      await notice;
      expect(await plugins(tokens.admin)).not.toContain('goals');
      notice = told();
      await call('PUT', `/api/billing/agency/clients/${ours.clientId}/licence`, tokens.staff, licence(30));
      await notice;
    } finally {
      panel.close();
    }
    expect(await plugins(tokens.admin)).toContain('goals');
  });
});
