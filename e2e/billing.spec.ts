import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { apiAs } from './support/api.js';
import { cms } from './support/cms.js';
import { shotsInBothLanguages } from './support/layout.js';
import { signIn } from './support/panel.js';
import { mailTo, moveClock, screenshotDir, stack } from './support/stack.js';

// A9: licences on the client admin's «Оплата» page, bought as a company and as a person.
fs.mkdirSync(screenshotDir, { recursive: true });

const COMPANY = { name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', address: 'Москва, ул. Вавилова, 19' };

const shots = (page: Page, name: string, ready?: () => Promise<void>) => shotsInBothLanguages(page, screenshotDir, `billing-${name}`, ready);

/**
 * A client of its own, made in the CMS (an admin and an operator), so no other spec's account changes:
 * the demo account's seats are what the other specs' members use.
 */
async function newClient(label: string) {
  const tag = randomBytes(3).toString('hex');
  const password = `${label} client secret 1`;
  const account = (await cms('POST', '/accounts', { data: { name: `${label} ${tag}`, language: 'ru', timezone: 'Europe/Moscow' } })).data as { documentId: string };
  const admin = { email: `${label}-admin-${tag}@e2e.test`, password };
  await cms('POST', '/users', { ...admin, role: 'account-admin', account: account.documentId, firstName: 'Иван', lastName: 'Петров', confirmed: true, blocked: false });
  await cms('POST', '/users', { email: `${label}-op-${tag}@e2e.test`, password, role: 'operator', account: account.documentId, firstName: 'Пётр', lastName: 'Иванов', confirmed: true, blocked: false });
  // The CMS's webhook reaches the core's cache in a moment.
  await expect.poll(async () => (await fetch(`${stack().coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) })).status).toBe(200);
  return { tag, account, admin };
}

test('an admin on PRO buys PRO as a company: the server\'s total, a numbered invoice as a PDF, paid by agency staff', async ({ browser }) => {
  const { account, admin } = await newClient('company');
  const staff = await apiAs(stack().staff);
  await staff.call('PUT', `/api/billing/agency/clients/${account.documentId}/licence`, { plan: 'pro', seats: 5, paidUntil: new Date(Date.now() + 122 * 24 * 3600 * 1000).toISOString() });
  const { page, context, errors } = await signIn(browser, stack().coreUrl, admin);
  await page.getByTestId('nav-billing').click();
  await expect(page).toHaveURL(/\/billing$/);
  await expect(page.getByTestId('billing-plan')).toHaveText('PRO');
  await expect(page.getByTestId('billing-seats')).toContainText('из 5');
  await shots(page, 'card');

  await page.getByTestId('billing-buy').click();
  await page.getByTestId('billing-plan-pro').click();
  await page.getByTestId('billing-seats-input').fill('4');
  await page.getByTestId('billing-period-24').click();
  // 4 × 990 ₽ × 24 months less 30 %: computed on the server.
  await expect(page.getByTestId('billing-total')).toContainText('66 528');
  await page.getByTestId('billing-payer-company').click();
  await page.getByTestId('billing-name').fill(COMPANY.name);
  await page.getByTestId('billing-inn').fill('7707083890');
  await page.getByTestId('billing-address').fill(COMPANY.address);
  await page.getByTestId('billing-pay').click();
  await expect(page.getByTestId('billing-inn-error')).toBeVisible();
  await page.getByTestId('billing-inn').fill(COMPANY.inn);
  await page.getByTestId('billing-kpp').fill(COMPANY.kpp);
  await shots(page, 'buy-company');
  await page.getByTestId('billing-pay').click();
  await expect(page.getByTestId('billing-invoice-ready')).toBeVisible();
  const order = page.getByTestId('billing-order').first();
  await expect(order).toHaveAttribute('data-status', 'pending');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('billing-invoice-download').click()]);
  const number = /invoice-(\d{4}-\d{5})\.pdf/.exec(download.suggestedFilename())?.[1];
  expect(number).toBeTruthy();
  const pdf = fs.readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(5000);
  expect(pdf.toString('latin1')).toContain(`Invoice ${number}`);
  expect(pdf.toString('latin1')).toMatch(/DejaVuSans/);
  const mail = await mailTo(admin.email);
  expect(mail.attachments.map((a) => a.filename)).toEqual([`invoice-${number}.pdf`]);
  await shots(page, 'invoice');

  // Agency staff mark it paid: the licence runs 24 months more.
  const orders = await staff.call<{ id: number; number: string }[]>('GET', '/api/billing/agency/orders');
  const paid = await staff.call<{ licence: { paidUntil: string } }>('POST', `/api/billing/agency/orders/${orders.find((o) => o.number === number)!.id}/paid`);
  expect(Date.parse(paid.licence.paidUntil)).toBeGreaterThan(Date.now() + 700 * 24 * 3600 * 1000);
  await page.reload();
  await expect(page.getByTestId('billing-order').first()).toHaveAttribute('data-status', 'paid');
  await expect(page.getByTestId('billing-seats')).toContainText('из 4');
  expect(errors).toEqual([]);
  await context.close();
});

test('a client on Free pays online as a person (the notification twice, paid once), hits the seat limit, and reaches expiry', async ({ browser }) => {
  const { tag, account, admin } = await newClient('person');

  const { page, context, errors } = await signIn(browser, stack().coreUrl, admin);
  // Free: two seats, both taken; a third member is refused with the plan's words.
  await page.goto(`${stack().coreUrl}/team`);
  await page.getByTestId('invite-email').fill(`third-${tag}@e2e.test`);
  await page.getByTestId('invite-submit').click();
  await expect(page.getByText('Тариф не позволяет подключить больше консультантов')).toBeVisible();

  await page.getByTestId('nav-billing').click();
  await expect(page.getByTestId('billing-plan')).toHaveText('Free');
  await expect(page.getByTestId('billing-seats')).toContainText('2 из 2');
  await page.getByTestId('billing-buy').click();
  await page.getByTestId('billing-seats-input').fill('3');
  await page.getByTestId('billing-period-6').click();
  await expect(page.getByTestId('billing-total')).toContainText('16 038');
  await page.getByTestId('billing-payer-person').click();
  await page.getByTestId('billing-name').fill('Иван Петров');
  await page.getByTestId('billing-email').fill(`ivan-${tag}@e2e.test`);
  await shots(page, 'buy-person');
  await page.getByTestId('billing-pay').click();
  // The stand-in's confirmation page; «Оплатить» there notifies the core twice, then returns here.
  await expect(page.getByTestId('standin-pay')).toBeVisible();
  await page.getByTestId('standin-pay').click();
  await expect(page).toHaveURL(new RegExp(`^${stack().coreUrl}/billing$`));
  await expect(page.getByTestId('billing-plan')).toHaveText('PRO');
  await expect(page.getByTestId('billing-order')).toHaveCount(1);
  await expect(page.getByTestId('billing-order').first()).toHaveAttribute('data-status', 'paid');
  const api = await apiAs(admin);
  const state = await api.call<{ licence: { paidUntil: string; payerType: string } }>('GET', '/api/billing');
  const sixMonths = new Date();
  sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
  // Paid once: six months, not twelve.
  expect(Math.abs(Date.parse(state.licence.paidUntil) - sixMonths.getTime())).toBeLessThan(3600 * 1000);
  expect(state.licence.payerType).toBe('person');

  // The payer type is fixed now.
  await page.getByTestId('billing-buy').click();
  await expect(page.getByTestId('billing-payer-fixed')).toBeVisible();
  await page.getByText(/Отмена|Cancel/).click();

  // The licence's last days, then its end, on the core's movable clock (test-only, TEST_CLOCK_TOKEN).
  const paidUntil = Date.parse(state.licence.paidUntil);
  const team = async () => (await api.call<{ id: number }[]>('GET', '/api/team')).length;
  const plugins = async () => (await api.call<{ id: string }[]>('GET', '/api/plugins')).map((p) => p.id);
  // PRO for three: the third member fits; goals (not on Free) is on.
  await page.goto(`${stack().coreUrl}/team`);
  await page.getByTestId('invite-email').fill(`third-${tag}@e2e.test`);
  await page.getByTestId('invite-submit').click();
  await expect(page.getByTestId('member-row')).toHaveCount(3);
  expect(await plugins()).toContain('goals');
  try {
    await moveClock(new Date(paidUntil - 3.5 * 24 * 3600 * 1000));
    await page.goto(`${stack().coreUrl}/billing`);
    await expect(page.getByTestId('billing-notice-soon')).toContainText('осталось дней: 3');
    await expect(page.getByTestId('billing-plan')).toHaveText('PRO');
    await shots(page, 'soon');

    await moveClock(new Date(paidUntil + 3600 * 1000));
    await page.reload();
    // Free's limits, said in the client's language; nothing is lost.
    await expect(page.getByTestId('billing-notice-expired')).toContainText('действуют ограничения тарифа «Free»');
    await expect(page.getByTestId('billing-notice-expired')).toContainText('Данные сохранены');
    await expect(page.getByTestId('billing-plan')).toHaveText('Free');
    await expect(page.getByTestId('billing-seats')).toContainText('3 из 2');
    await shots(page, 'expired');
    expect(await plugins()).not.toContain('goals');
    expect(await plugins()).toContain('billing');
    expect(await team()).toBe(3);
    await page.goto(`${stack().coreUrl}/team`);
    await expect(page.getByTestId('member-row')).toHaveCount(3);
    await page.getByTestId('invite-email').fill(`fourth-${tag}@e2e.test`);
    await page.getByTestId('invite-submit').click();
    await expect(page.getByText('Тариф не позволяет подключить больше консультантов')).toBeVisible();
    // The agency's list shows the licence and its end.
    const clients = await apiAs(stack().staff).then((staff) => staff.call<{ id: string; licence: { plan: string; expired: boolean } }[]>('GET', '/api/agency/clients'));
    expect(clients.find((c) => c.id === account.documentId)?.licence).toMatchObject({ plan: 'pro', expired: true });
  } finally {
    await moveClock(null);
  }
  // Back in the real days of the paid period: PRO's limits again, goals on.
  expect(await plugins()).toContain('goals');
  expect(errors).toEqual([]);
  await context.close();
});

test("agency staff in the console: a price edited, an invoice marked paid (the client's «Оплата» shows the licence extended), a client site's chat settings", async ({ browser }) => {
  const { tag, admin } = await newClient('console');
  const client = await apiAs(admin);
  const { order } = await client.call<{ order: { id: number; number: string } }>('POST', '/api/billing/orders', { plan: 'pro', seats: 2, months: 12, payer: { type: 'company', ...COMPANY } });
  const staffApi = await apiAs(stack().staff);
  const before = await staffApi.call<{ plans: { id: string; pricePerSeatMonth: number }[] }>('GET', '/api/billing/agency/plans');
  const { page, context, errors } = await signIn(browser, stack().coreUrl, stack().staff);
  try {
    // «Тарифы»: the server's rules beside the fields, then saved.
    await page.getByTestId('nav-plans').click();
    await expect(page).toHaveURL(/\/agency\/plans$/);
    await expect(page.getByTestId('plan-pro-price')).toHaveValue('990');
    await expect(page.getByTestId('plan-free-plugin-chat').locator('input')).toBeChecked();
    await page.getByTestId('plan-pro-price').fill('9.999');
    await page.getByTestId('period-1-discount').fill('95');
    await page.getByTestId('billing-agency-save').click();
    await expect(page.getByTestId('plan-pro-price-error')).toHaveText('Цена — от 0 до 1 000 000 ₽, не точнее копейки');
    await expect(page.getByTestId('period-1-discount-error')).toHaveText('Скидка — целое число от 0 до 90 %');
    await shots(page, 'console-plans-errors');
    await page.getByTestId('plan-pro-price').fill('1090');
    await page.getByTestId('period-1-discount').fill('10');
    await page.getByTestId('billing-agency-save').click();
    await expect(page.getByText('Сохранено')).toBeVisible();
    await expect(page.getByTestId('billing-agency-save')).toBeDisabled();
    expect((await staffApi.call<typeof before>('GET', '/api/billing/agency/plans')).plans.find((p) => p.id === 'pro')?.pricePerSeatMonth).toBe(1090);
    // The client's quote follows the agency's price.
    expect((await client.call<{ total: number }>('POST', '/api/billing/quote', { plan: 'pro', seats: 1, months: 1 })).total).toBe(109_000);
    await shots(page, 'console-plans');

    // «Реквизиты»: a BIK of four digits is refused beside its field.
    await page.getByTestId('nav-requisites').click();
    await page.getByTestId('req-bik').fill('0445');
    await page.getByTestId('billing-agency-save').click();
    await expect(page.getByTestId('req-bik-error')).toHaveText('БИК — 9 цифр');
    await shots(page, 'console-requisites');
    await page.getByTestId('req-bik').fill('044525225');
    await page.getByTestId('billing-agency-save').click();
    await expect(page.getByTestId('billing-agency-save')).toBeDisabled();

    // «Счета»: the client's invoice awaits payment; marked paid after a question.
    await page.getByTestId('nav-invoices').click();
    const row = page.locator(`[data-testid="agency-order"][data-number="${order.number}"]`);
    await expect(row.getByTestId('agency-order-client')).toHaveText(`console ${tag}`);
    await expect(row.getByTestId('agency-order-status')).toHaveText('Ожидает оплаты');
    await shots(page, 'console-invoices', async () => expect(row).toBeVisible());
    await row.getByTestId('agency-order-mark-paid').click();
    await expect(page.getByTestId('mark-paid-dialog')).toBeVisible();
    await page.getByTestId('mark-paid-confirm').click();
    await expect(page.getByTestId('toast').filter({ hasText: `Счёт № ${order.number} оплачен: лицензия` })).toBeVisible();
    await expect(row).toHaveCount(0);
    await page.getByTestId('invoices-filter-all').click();
    await expect(row.getByTestId('agency-order-status')).toHaveText('Оплачен');

    // A7 per site: the demo client's chat settings of its site, through the chat's own form.
    await page.getByTestId('nav-clients').click();
    const demo = page.getByTestId('client-row').filter({ has: page.getByTestId('client-name').getByText('Demo', { exact: true }) });
    await demo.getByTestId('client-plugins').click();
    await page.getByTestId('plugin-sites-chat').getByTestId('plugin-site-settings-chat').first().click();
    await expect(page).toHaveURL(/\/agency\/clients\/[a-z0-9]+\/sites\/[a-z0-9]+\/settings\/chat\/chat$/);
    await expect(page.getByTestId('client-site-settings-title')).toContainText('Чат: Demo site');
    await expect(page.getByTestId('chat-settings-form')).toBeVisible();
    await expect(page.getByTestId('chat-settings-offline-enabled')).toBeEnabled();
    await shots(page, 'console-site-settings', async () => expect(page.getByTestId('chat-settings-form')).toBeVisible());
  } finally {
    // The other specs' quotes are on the agency's prices as they were.
    const current = await staffApi.call<Record<string, unknown>>('GET', '/api/billing/agency/plans');
    await staffApi.call('PUT', '/api/billing/agency/plans', { ...current, plans: before.plans });
  }

  // The client's «Оплата»: paid, PRO for two, a year from now.
  const admins = await signIn(browser, stack().coreUrl, admin);
  await admins.page.getByTestId('nav-billing').click();
  await expect(admins.page.getByTestId('billing-order').first()).toHaveAttribute('data-status', 'paid');
  await expect(admins.page.getByTestId('billing-plan')).toHaveText('PRO');
  await expect(admins.page.getByTestId('billing-seats')).toContainText('из 2');
  const year = new Date();
  year.setUTCFullYear(year.getUTCFullYear() + 1);
  await expect(admins.page.getByTestId('billing-paid-until')).toContainText(String(year.getUTCFullYear()));
  const { licence } = await client.call<{ licence: { paidUntil: string } }>('GET', '/api/billing');
  expect(Math.abs(Date.parse(licence.paidUntil) - year.getTime())).toBeLessThan(3600 * 1000);
  expect(errors).toEqual([]);
  expect(admins.errors).toEqual([]);
  await admins.context.close();
  await context.close();
});
