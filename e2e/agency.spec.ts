import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { shotsInBothLanguages } from './support/layout.js';
import { signIn } from './support/panel.js';
import { linkIn, mailTo, screenshotDir, stack } from './support/stack.js';

// Issue 15, first part: the agency console as agency staff use it.
fs.mkdirSync(screenshotDir, { recursive: true });

const shots = (page: Page, name: string) => shotsInBothLanguages(page, screenshotDir, `agency-${name}`);

test('agency staff create a client with its site and admin, and switch its plugins live', async ({ browser }) => {
  const { page, context, errors } = await signIn(browser, stack().coreUrl, stack().staff);
  // Their own console: clients, and none of an account's pages.
  await expect(page).toHaveURL(/\/agency\/clients$/);
  await expect(page.getByTestId('nav-clients')).toBeVisible();
  await expect(page.getByTestId('nav-sites')).toHaveCount(0);
  await expect(page.getByTestId('client-row').filter({ hasText: 'Demo' })).toBeVisible();

  const tag = randomBytes(3).toString('hex');
  const name = `Ромашка ${tag}`;
  const adminEmail = `client-admin-${tag}@e2e.test`;
  await page.getByTestId('client-new').click();
  await expect(page.getByTestId('new-client-form')).toBeVisible();
  await page.getByTestId('client-name-input').fill(name);
  await page.getByTestId('client-timezone').selectOption('Asia/Yekaterinburg');
  await page.getByTestId('client-site-url').fill(`romashka-${tag}.example`);
  await page.getByTestId('client-admin-email').fill(adminEmail);
  await shots(page, 'new-client');
  await page.getByTestId('client-create').click();
  await expect(page).toHaveURL(/\/agency\/clients$/);
  const row = page.getByTestId('client-row').filter({ hasText: name });
  await expect(row).toContainText(`romashka-${tag}.example`);
  await expect(row.getByTestId('client-operators')).toHaveText('1 / 2');
  await page.getByTestId('clients-search').fill(tag);
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await page.getByTestId('clients-search').fill('');
  await shots(page, 'clients');

  // The first admin accepts the invitation from the mail folder and lands in their own account.
  const link = linkIn(await mailTo(adminEmail), '/accept-invitation');
  const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const admin = await adminContext.newPage();
  const adminErrors: string[] = [];
  admin.on('pageerror', (e) => adminErrors.push(e.message));
  await admin.goto(link);
  await expect(admin.getByTestId('accept-email')).toHaveValue(adminEmail);
  await expect(admin.getByTestId('accept-account')).toContainText(name);
  await admin.getByTestId('accept-first-name').fill('Анна');
  await admin.getByTestId('accept-last-name').fill('Клиентова');
  await admin.getByTestId('accept-password').fill('client admin secret 1');
  await admin.getByTestId('accept-password-confirm').fill('client admin secret 1');
  await admin.getByTestId('accept-submit').click();
  await expect(admin.getByTestId('account-name')).toHaveText(name);
  await expect(admin).toHaveURL(/\/sites$/);
  await expect(admin.getByTestId('site-row-name')).toHaveText(`romashka-${tag}.example`);
  await expect(admin.getByTestId('nav-plugin-chat')).toBeVisible();

  // Plugins per client: the admin's open panel follows each switch without a reload.
  await row.getByTestId('client-plugins').click();
  await expect(page.getByTestId('plugin-chat')).toContainText('Чат');
  const chat = page.getByTestId('plugin-switch-chat');
  await expect(chat).toBeChecked();
  await chat.click();
  await expect(chat).not.toBeChecked();
  await expect(admin.getByTestId('nav-plugin-chat')).toHaveCount(0, { timeout: 5000 });
  await shots(page, 'plugins');
  await chat.click();
  await expect(chat).toBeChecked();
  await expect(admin.getByTestId('nav-plugin-chat')).toBeVisible({ timeout: 5000 });

  expect(errors).toEqual([]);
  expect(adminErrors).toEqual([]);
  await Promise.all([context.close(), adminContext.close()]);
});
