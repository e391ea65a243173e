import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { cms } from './support/cms.js';
import { startPageServer } from './support/page-server.js';
import { linkIn, mailTo, screenshotDir, stack } from './support/stack.js';

fs.mkdirSync(screenshotDir, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${stack().coreUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

test('admin adds a site, installs the widget, invites an operator who accepts and signs in', async ({ browser }) => {
  const { coreUrl, admin } = stack();
  const adminContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await adminContext.newPage();
  const panelErrors: string[] = [];
  page.on('pageerror', (e) => panelErrors.push(e.message));

  await page.goto(`${coreUrl}/login`);
  await shot(page, 'panel-login');
  await signIn(page, admin.email, 'wrong password');
  await expect(page.getByRole('alert')).toBeVisible();
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/sites$/);

  // Add a site and copy its install code (B1).
  const shop = await startPageServer();
  await page.getByTestId('site-name').fill('E2E shop');
  await page.getByTestId('site-url').fill(shop.url);
  await page.getByTestId('site-add').click();
  await expect(page.getByTestId('install-code-after-body')).toBeVisible();
  await expect(page.getByTestId('install-code-anywhere')).toBeVisible();
  await page.getByTestId('copy-after-body').click();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toContain('/widget/loader.js');
  await shot(page, 'panel-sites-install-code');

  // A page of that site carrying the code loads the loader and gets a visitor session, quietly.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const consoleProblems: string[] = [];
  visitor.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(m.text());
  });
  visitor.on('pageerror', (e) => consoleProblems.push(e.message));
  shop.setBody(`<!doctype html><html><body>${code}<h1>Shop</h1></body></html>`);
  const loaderLoaded = visitor.waitForResponse((r) => r.url().endsWith('/widget/loader.js') && r.ok());
  await visitor.goto(shop.url);
  await loaderLoaded;
  const session = await visitor.evaluate(() => window.Callpy!.ready);
  expect(session.visitorToken).toBeTruthy();
  // One global, nothing else: compare the window with the same page without the code.
  const globalsWith = await visitor.evaluate(() => Object.getOwnPropertyNames(window));
  shop.setBody('<!doctype html><html><body><h1>Shop</h1></body></html>');
  await visitor.goto(shop.url);
  const globalsWithout = new Set(await visitor.evaluate(() => Object.getOwnPropertyNames(window)));
  expect(globalsWith.filter((k) => !globalsWithout.has(k))).toEqual(['Callpy']);
  expect(consoleProblems).toEqual([]);

  // Invite an operator; the mail arrives over SMTP (A3).
  await page.getByTestId('nav-team').click();
  const email = `operator-${Date.now()}@e2e.test`;
  await page.getByTestId('invite-email').fill(email);
  await page.getByTestId('invite-submit').click();
  await expect(page.getByTestId('member-row').filter({ hasText: email })).toBeVisible();
  await shot(page, 'panel-team');
  const link = linkIn(await mailTo(email), '/accept-invitation');

  const opContext = await browser.newContext();
  const op = await opContext.newPage();
  await op.goto(link);
  await expect(op.getByTestId('accept-email')).toHaveValue(email);
  await op.getByTestId('accept-first-name').fill('Ivan');
  await op.getByTestId('accept-last-name').fill('Petrov');
  await op.getByTestId('accept-password').fill('operator secret 1');
  await op.getByTestId('accept-password-confirm').fill('operator secret 1');
  await shot(op, 'panel-accept-invitation');
  await op.getByTestId('accept-submit').click();
  await expect(op.getByTestId('user-name')).toHaveText(/Ivan Petrov/);
  await expect(op.getByTestId('nav-team')).toHaveCount(0);

  // Signs out and in again with the new password.
  await op.getByTestId('logout').click();
  await signIn(op, email, 'operator secret 1');
  await expect(op.getByTestId('user-name')).toHaveText(/Ivan Petrov/);

  // The admin disconnects them: the open panel notices at once and goes to sign-in.
  await page.reload();
  await page.getByTestId('member-row').filter({ hasText: email }).getByTestId('disconnect').click();
  const confirm = page.getByTestId('disconnect-confirm');
  if (await confirm.count()) await confirm.click();
  await expect(op).toHaveURL(/\/login/, { timeout: 10_000 });
  expect(panelErrors).toEqual([]);
  await Promise.all([adminContext.close(), visitorContext.close(), opContext.close(), shop.close()]);
});

test('forgot password: the e-mailed link sets a new password (A1)', async ({ page }) => {
  const { coreUrl, operator } = stack();
  await page.goto(`${coreUrl}/forgot-password`);
  await page.getByTestId('forgot-email').fill(operator.email);
  await page.getByTestId('forgot-submit').click();
  const link = linkIn(await mailTo(operator.email), '/reset-password');
  await page.goto(link);
  await page.getByTestId('reset-password').fill('a new operator secret');
  const confirm = page.getByTestId('reset-password-confirm');
  if (await confirm.count()) await confirm.fill('a new operator secret');
  await page.getByTestId('reset-submit').click();
  await signIn(page, operator.email, 'a new operator secret');
  await expect(page).not.toHaveURL(/\/login/);
  // Later specs sign in as the demo operator with the stack's password: put it back, as agency staff would in the CMS.
  const { users } = (await cms('GET', '/snapshot')) as { users: { id: number; email: string }[] };
  await cms('PUT', `/users/${users.find((u) => u.email === operator.email)!.id}`, { password: operator.password });
});

test('the panel speaks Russian and English and remembers the choice per user (A8)', async ({ page }) => {
  const { admin } = stack();
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/sites$/);
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('nav-sites')).toHaveText(/Sites/);
  await shot(page, 'panel-sites-en');
  await page.getByTestId('lang-ru').click();
  await expect(page.getByTestId('nav-sites')).toHaveText(/Сайты/);
  await page.getByTestId('lang-en').click();
  await page.evaluate(() => localStorage.clear());
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/sites$/);
  await expect(page.getByTestId('nav-sites')).toHaveText(/Sites/);
  await page.getByTestId('lang-ru').click();
  await shot(page, 'panel-sites-ru');
});

test('the demo site of `npm start` carries the widget, which loads without a console error', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(stack().demoSite.url);
  await expect(page.getByRole('heading', { name: 'Демо-магазин' })).toBeVisible();
  const session = await page.evaluate(() => window.Callpy!.ready);
  expect(session.locale).toBe('ru');
  await shot(page, 'demo-site');
  expect(problems).toEqual([]);
});
