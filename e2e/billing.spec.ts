import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { apiAs } from './support/api.js';
import { cms } from './support/cms.js';
import { shotsInBothLanguages } from './support/layout.js';
import { signIn } from './support/panel.js';
import { mailTo, screenshotDir, stack } from './support/stack.js';

// A9: licences on the client admin's «Оплата» page, bought as a company and as a person.
fs.mkdirSync(screenshotDir, { recursive: true });

const COMPANY = { name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', address: 'Москва, ул. Вавилова, 19' };

const shots = (page: Page, name: string) => shotsInBothLanguages(page, screenshotDir, `billing-${name}`);

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

  // Near the end, then past it (agency staff move the date; the clock-driven expiry is the integration test's).
  const staff = await apiAs(stack().staff);
  await staff.call('PUT', `/api/billing/agency/clients/${account.documentId}/licence`, { plan: 'pro', seats: 3, paidUntil: new Date(Date.now() + 3.5 * 24 * 3600 * 1000).toISOString() });
  await page.reload();
  await expect(page.getByTestId('billing-notice-soon')).toBeVisible();
  await shots(page, 'soon');
  await staff.call('PUT', `/api/billing/agency/clients/${account.documentId}/licence`, { plan: 'pro', seats: 3, paidUntil: new Date(Date.now() - 3600 * 1000).toISOString() });
  await page.reload();
  await expect(page.getByTestId('billing-notice-expired')).toBeVisible();
  await expect(page.getByTestId('billing-plan')).toHaveText('Free');
  await shots(page, 'expired');
  // The agency's list shows the licence and its end.
  const clients = await staff.call<{ id: string; licence: { plan: string; expired: boolean } }[]>('GET', '/api/agency/clients');
  expect(clients.find((c) => c.id === account.documentId)?.licence).toMatchObject({ plan: 'pro', expired: true });
  expect(errors).toEqual([]);
  await context.close();
});
