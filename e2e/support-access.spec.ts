import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { connectChat } from '../plugins/chat/test/chat-client.js';
import type { MessageDto } from '../plugins/chat/shared/chat.protocol.js';
import { shotsInBothLanguages } from './support/layout.js';
import { signIn } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';

// Issue 15, support access: agency staff open a client's panel read-only, and the client's admin
// sees the visit in «Журнал доступа».
fs.mkdirSync(screenshotDir, { recursive: true });

test("agency staff read a client's panel in support mode, write nothing, and the visit is in the client's access log", async ({ browser }) => {
  const { coreUrl, operator, admin, staff, demoSite } = stack();
  const tag = crypto.randomUUID().slice(0, 6);
  const question = `Support visit question ${tag}`;

  // A visitor's conversation in the client's (the demo account's) panel.
  const login = (await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };
  const op = await connectChat(coreUrl, login.accessToken, coreUrl);
  const visitorContext = await browser.newContext();
  try {
    await op.call('operator.status', { status: 'online' });
    const visitor = await visitorContext.newPage();
    await visitor.goto(demoSite.url);
    await visitor.getByTestId('cp-launcher').click();
    const asked = op.next<MessageDto>('message.created', (m) => m.text === question);
    await visitor.getByTestId('cp-input').fill(question);
    await visitor.getByTestId('cp-input').press('Enter');
    await asked;
  } finally {
    await op.call('operator.status', { status: 'offline' }).catch(() => undefined);
    op.close();
  }

  // The console: «Открыть панель клиента» opens the client's panel in a new tab.
  const { page: desk, context, errors } = await signIn(browser, coreUrl, staff);
  await expect(desk).toHaveURL(/\/agency\/clients$/);
  const row = desk.getByTestId('client-row').filter({ hasText: 'Demo' }).first();
  await expect(row.getByTestId('client-open-panel')).toHaveText(/Открыть панель клиента/);
  const [tab] = await Promise.all([context.waitForEvent('page'), row.getByTestId('client-open-panel').click()]);
  const tabErrors: string[] = [];
  tab.on('pageerror', (e) => tabErrors.push(e.message));
  const banner = tab.getByTestId('support-banner');
  await expect(banner).toContainText('Режим поддержки: только просмотр');
  await expect(banner).toContainText(/Доступ до \d\d:\d\d/);
  // The token is not left in the address bar.
  expect(tab.url()).not.toContain('token=');
  await expect(tab.getByTestId('user-name')).toBeVisible();

  // The client's dialogs, read: the conversation shows, the composer does not.
  await tab.getByTestId('nav-plugin-chat').click();
  // Waiting unassigned it is in «Мои» of whoever looks (the visit too); taken by an operator, in «Общие».
  const item = tab.getByTestId('chat-dialog-item').filter({ hasText: question });
  await expect
    .poll(async () => {
      for (const section of ['mine', 'common']) {
        await tab.getByTestId(`chat-section-${section}`).click();
        if (await item.first().waitFor({ timeout: 1500 }).then(() => true, () => false)) return true;
      }
      return false;
    }, { timeout: 15_000 })
    .toBe(true);
  await item.first().click();
  await expect(tab.getByTestId('chat-messages')).toContainText(question);
  await expect(tab.getByTestId('chat-read-only')).toHaveText(/Режим поддержки: только просмотр/);
  await expect(tab.getByTestId('chat-input')).toHaveCount(0);
  await expect(tab.getByTestId('chat-send')).toHaveCount(0);

  // A write the panel still offers (marking the dialog important) is refused, worded in the UI language.
  const important = tab.getByTestId('chat-important');
  if (!(await important.isVisible())) await tab.getByTestId('chat-more').click();
  await important.click();
  await expect(tab.getByTestId('toast').filter({ hasText: 'Режим поддержки: только просмотр. Здесь ничего нельзя изменить.' })).toBeVisible();
  await shotsInBothLanguages(tab, screenshotDir, 'support-chat', async () => {
    await expect(tab.getByTestId('chat-messages')).toContainText(question);
  });
  await tab.getByTestId('lang-en').click();
  await expect(banner).toContainText('Support mode: read-only');
  if (!(await important.isVisible())) await tab.getByTestId('chat-more').click();
  await important.click();
  await expect(tab.getByTestId('toast').filter({ hasText: 'Support mode: read-only. Nothing can be changed here.' })).toBeVisible();
  await tab.getByTestId('lang-ru').click();

  // Settings are shown, and their save button stays disabled with the reason beside it.
  await tab.getByTestId('nav-sites').click();
  await tab.getByTestId('site-row').filter({ hasText: new URL(demoSite.url).host }).first().getByTestId('site-settings').click();
  await expect(tab.getByTestId('site-settings-form')).toBeVisible();
  await expect(tab.getByTestId('read-only-note')).toHaveText(/Только просмотр/);
  await expect(tab.getByTestId('site-settings-save')).toBeDisabled();
  // The access log is the client's own: not offered to the visit.
  await expect(tab.getByTestId('nav-access-log')).toHaveCount(0);

  // The staff member's own session is untouched: the console still works in its tab.
  await desk.reload();
  await expect(desk.getByTestId('client-row').first()).toBeVisible();
  await expect(desk.getByTestId('support-banner')).toHaveCount(0);

  // The exit goes back to the console.
  await tab.getByTestId('support-exit').click();
  await expect(tab).toHaveURL(/\/agency\/clients$/);
  await expect(tab.getByTestId('support-banner')).toHaveCount(0);

  // The client's admin sees the visit in «Журнал доступа», newest first.
  const client = await signIn(browser, coreUrl, admin);
  await client.page.getByTestId('nav-access-log').click();
  await expect(client.page.locator('h1')).toHaveText('Журнал доступа');
  const entry = client.page.getByTestId('access-log-entry').first();
  await expect(entry).toContainText(staff.email);
  await expect(entry.getByTestId('access-log-started')).toContainText(/Вход: \d+ [а-я]+ \d{4}/);
  await shotsInBothLanguages(client.page, screenshotDir, 'support-access-log', async () => {
    await expect(client.page.getByTestId('access-log-entry').first()).toBeVisible();
  });
  // On a phone, opened there, the navigation's row shows the page's own entry.
  await client.page.setViewportSize({ width: 390, height: 844 });
  await client.page.goto(`${coreUrl}/access-log`);
  await expect(client.page.getByTestId('access-log-entry').first()).toBeVisible();
  await expect.poll(async () => {
    const box = await client.page.getByTestId('nav-access-log').boundingBox();
    return box ? box.x >= -1 && box.x + box.width <= 391 : false;
  }).toBe(true);
  await client.page.screenshot({ path: `${screenshotDir}/support-access-log-ru-phone-opened.png` });
  // Operators are not shown it.
  const op2 = await signIn(browser, coreUrl, operator);
  await expect(op2.page.getByTestId('nav-home')).toBeVisible();
  await expect(op2.page.getByTestId('nav-access-log')).toHaveCount(0);

  expect(errors).toEqual([]);
  expect(tabErrors).toEqual([]);
  expect(client.errors).toEqual([]);
  await Promise.all([context.close(), client.context.close(), op2.context.close(), visitorContext.close()]);
});
