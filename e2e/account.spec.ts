import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { apiAs } from './support/api.js';
import { cms } from './support/cms.js';
import { startPageServer } from './support/page-server.js';
import { SCREEN_SIZES as SIZES } from './support/layout.js';
import { panelAs, signIn } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';

// Issue 9, item 13: account basics as a person does them in the panel.
fs.mkdirSync(screenshotDir, { recursive: true });
async function shots(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(screenshotDir, `account-${name}-${size.name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** A fresh member of the demo account, made in the CMS, so the demo logins other specs use stay as they are. */
async function newMember(role: 'operator' | 'account-admin' = 'operator') {
  const email = `e2e-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'member password 1';
  const user = await cms('POST', '/users', { email, password, account: stack().demoSite.account, role, confirmed: true, firstName: 'Эмма', lastName: 'Тестова' });
  // The core reads users from its content cache; the CMS webhook refreshes it.
  const admin = await apiAs(stack().admin);
  await expect.poll(async () => (await admin.call<{ email: string }[]>('GET', '/api/team')).some((m) => m.email === email)).toBe(true);
  return { id: user['id'] as number, email, password };
}

test('a member changes their password in the profile and signs in with the new one', async ({ browser }) => {
  const member = await newMember();
  const { page, context, errors } = await signIn(browser, stack().coreUrl, member);
  await page.getByTestId('nav-profile').click();
  await page.getByTestId('password-current').fill('not my password');
  await page.getByTestId('password-new').fill('my new password 2');
  await page.getByTestId('password-confirm').fill('my new password 2');
  await page.getByTestId('password-save').click();
  await expect(page.locator('#password-current-error')).toHaveText('Неверный текущий пароль');
  await shots(page, 'profile-password');

  await page.getByTestId('password-current').fill(member.password);
  await page.getByTestId('password-save').click();
  await expect(page.getByTestId('password-current')).toHaveValue('');
  // This panel goes on with the fresh session.
  await page.reload();
  await expect(page.getByTestId('password-form')).toBeVisible();
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login/);

  await page.getByTestId('login-email').fill(member.email);
  await page.getByTestId('login-password').fill(member.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByTestId('login-password').fill('my new password 2');
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
  expect(errors).toEqual([]);
  await context.close();
});

test('an admin deletes a site after the dialog says what goes with it; its widget stops getting sessions', async ({ browser }) => {
  const shop = await startPageServer();
  const admin = await apiAs(stack().admin);
  const site = await admin.call<{ id: string; publicKey: string }>('POST', '/api/sites', { name: 'Удаляемый магазин', url: shop.url });
  const { page, context, errors } = await panelAs(browser, stack().admin);
  await page.goto(`${stack().coreUrl}/sites`);

  // The same address again is refused, and the panel says why in Russian.
  await page.getByTestId('site-name').fill('Ещё раз');
  await page.getByTestId('site-url').fill(shop.url);
  await page.getByTestId('site-add').click();
  await expect(page.locator('#site-url-error')).toHaveText('В этом аккаунте уже есть сайт с таким адресом');

  const row = page.getByTestId('site-row').filter({ hasText: 'Удаляемый магазин' });
  await row.getByTestId('site-delete').click();
  const dialog = page.getByTestId('site-delete-dialog');
  await expect(dialog).toContainText('Удалить сайт «Удаляемый магазин»?');
  await expect(dialog).toContainText('диалоги, сообщения и файлы, посетители и их история');
  await shots(page, 'site-delete-dialog');
  await dialog.getByTestId('site-delete-cancel').click();
  await expect(row).toBeVisible();

  await row.getByTestId('site-delete').click();
  await dialog.getByTestId('site-delete-confirm').click();
  await expect(row).toHaveCount(0);
  expect((await admin.call<{ id: string }[]>('GET', '/api/sites')).map((s) => s.id)).not.toContain(site.id);
  const session = await fetch(`${stack().coreUrl}/api/widget/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: shop.url }, body: JSON.stringify({ siteKey: site.publicKey }) });
  expect(((await session.json()) as { error: { code: string } }).error.code).toBe('unknown_site');
  expect(errors).toEqual([]);
  await context.close();
  await shop.close();
});

test('an admin makes an operator an admin: the operator\'s open panel gets the admin pages without a reload', async ({ browser }) => {
  const member = await newMember();
  const theirs = await signIn(browser, stack().coreUrl, member);
  await expect(theirs.page.getByTestId('nav-home')).toBeVisible();
  await expect(theirs.page.getByTestId('nav-team')).toHaveCount(0);

  const mine = await panelAs(browser, stack().admin);
  await mine.page.goto(`${stack().coreUrl}/team`);
  const row = mine.page.locator(`[data-testid="member-row"][data-member-id="${member.id}"]`);
  await row.getByTestId('member-role-select').selectOption('admin');
  await expect(mine.page.getByText('Эмма Тестова теперь администратор')).toBeVisible();
  await shots(mine.page, 'team-role');

  await expect(theirs.page.getByTestId('nav-team')).toBeVisible();
  expect([...theirs.errors, ...mine.errors]).toEqual([]);
  await theirs.context.close();
  await mine.context.close();
});

test('an admin reconnects a disconnected member, who signs in again', async ({ browser }) => {
  const member = await newMember();
  const admin = await apiAs(stack().admin);
  await admin.call('POST', `/api/team/${member.id}/disconnect`);
  const mine = await panelAs(browser, stack().admin);
  await mine.page.goto(`${stack().coreUrl}/team`);
  const row = mine.page.locator(`[data-testid="member-row"][data-member-id="${member.id}"]`);
  await expect(row).toHaveAttribute('data-status', 'disconnected');
  await row.getByTestId('reconnect').click();
  await expect(row).toHaveAttribute('data-status', 'active');
  await expect(row.getByTestId('member-status')).toHaveText('Подключён');
  await shots(mine.page, 'team-reconnect');

  const theirs = await signIn(browser, stack().coreUrl, member);
  await expect(theirs.page.getByTestId('nav-home')).toBeVisible();
  expect([...theirs.errors, ...mine.errors]).toEqual([]);
  await theirs.context.close();
  await mine.context.close();
});
