import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { connectChat } from '../plugins/chat/test/chat-client.js';
import type { MessageDto } from '../plugins/chat/shared/chat.protocol.js';
import { panelAs, type Panel } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';

fs.mkdirSync(screenshotDir, { recursive: true });

/**
 * H6 as a person meets it (issue 9): a visitor leaves an offline request while nobody is online;
 * when an operator comes online the widget's thanks screen gives way to the chat, which shows the
 * request; the operator finds it in My messages and its contacts in the visitor card.
 */
test('an offline request becomes a conversation: the widget switches to the chat, the panel shows it with the visitor\'s contacts', async ({ page, browser }) => {
  const { coreUrl, operator, demoSite } = stack();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const name = `Offline ${crypto.randomUUID().slice(0, 6)}`;
  const question = `Can you deliver on Saturday? (${name})`;

  await page.goto(demoSite.url);
  await page.getByTestId('cp-offline-tab').click();
  await page.getByTestId('cp-offline-name').fill(name);
  await page.getByTestId('cp-offline-email').fill('offline.visitor@example.test');
  await page.getByTestId('cp-offline-phone').fill('+7 912 345-67-89');
  await page.getByTestId('cp-offline-text').fill(question);
  await page.getByTestId('cp-offline-submit').click();
  await expect(page.getByTestId('cp-offline-thanks')).toBeVisible();

  let panel: Panel | undefined;
  try {
    panel = await panelAs(browser, operator);
    await panel.page.goto(`${coreUrl}/p/chat`);
    await panel.page.getByTestId('chat-status-online').click();
    await expect(panel.page.getByTestId('chat-status')).toHaveAttribute('data-status', 'online');

    // The widget, still open on its thanks screen, now offers the chat with the request in it.
    await expect(page.getByTestId('cp-input')).toBeVisible();
    await expect(page.getByTestId('cp-offline-thanks')).toHaveCount(0);
    await expect(page.getByTestId('cp-messages')).toContainText(question);
    await page.screenshot({ path: path.join(screenshotDir, 'offline-request-widget-chat.png') });

    // The panel: the request waits in My messages under the name the visitor gave.
    const item = panel.page.getByTestId('chat-dialog-item').filter({ hasText: name });
    await expect(item).toBeVisible();
    await item.click();
    await expect(panel.page.getByTestId('chat-dialog-title')).toHaveText(name);
    await expect(panel.page.getByTestId('chat-message').filter({ hasText: question })).toBeVisible();
    await expect(panel.page.getByTestId('chat-message').filter({ hasText: 'offline.visitor@example.test' })).toBeVisible();
    // On narrower panels the card is behind its toggle.
    if (!(await panel.page.getByTestId('visitor-card-email').isVisible())) await panel.page.getByTestId('chat-card-toggle').click();
    await expect(panel.page.getByTestId('visitor-card-email')).toHaveValue('offline.visitor@example.test');
    await expect(panel.page.getByTestId('visitor-card-phone')).toHaveValue('+7 912 345-67-89');
    await expect(panel.page.getByTestId('visitor-card-name')).toHaveValue(name);
    await panel.page.screenshot({ path: path.join(screenshotDir, 'offline-request-panel.png') });

    // C13: blocking asks first; Cancel leaves the visitor as they were.
    await panel.page.getByTestId('chat-more').click();
    await panel.page.getByTestId('chat-block').click();
    await expect(panel.page.getByTestId('chat-block-dialog')).toBeVisible();
    await expect(panel.page.getByTestId('chat-block-dialog')).toContainText(name);
    for (const [w, hgt] of [[1280, 800], [1024, 768], [390, 844]] as const) {
      await panel.page.setViewportSize({ width: w, height: hgt });
      await panel.page.screenshot({ path: path.join(screenshotDir, `chat-block-confirm-${w}.png`) });
    }
    await panel.page.getByTestId('chat-block-cancel').click();
    await expect(panel.page.getByTestId('chat-block-dialog')).toBeHidden();
    await expect(panel.page.getByTestId('chat-dialog-title')).toHaveText(name);
    expect(problems).toEqual([]);
    expect(panel.errors).toEqual([]);
  } finally {
    await panel?.page.getByTestId('chat-status-offline').click().catch(() => undefined);
    await panel?.context.close();
  }
});

test('a half-written offline request stays when an operator comes online; sent then, it goes to the chat', async ({ page }) => {
  const { coreUrl, operator, demoSite } = stack();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const question = `Is the kettle in stock? (${crypto.randomUUID().slice(0, 6)})`;
  await page.goto(demoSite.url);
  await page.getByTestId('cp-offline-tab').click();
  await page.getByTestId('cp-offline-name').fill('Half Written');
  await page.getByTestId('cp-offline-email').fill('half.written@example.test');
  await page.getByTestId('cp-offline-text').fill(question);

  const login = (await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };
  const op = await connectChat(coreUrl, login.accessToken, coreUrl);
  try {
    const arrived = op.next<MessageDto>('message.created', (m) => m.text === question);
    await op.call('operator.status', { status: 'online' });
    // What the visitor typed is not thrown away.
    await expect(page.getByTestId('cp-offline-text')).toHaveValue(question);
    await page.getByTestId('cp-offline-submit').click();
    // The server refuses the form while someone answers (chat_online): the text becomes a chat message.
    await expect(page.getByTestId('cp-input')).toBeVisible();
    await expect(page.getByTestId('cp-messages')).toContainText(question);
    expect((await arrived).author.kind).toBe('visitor');
    expect(problems).toEqual([]);
  } finally {
    await op.call('operator.status', { status: 'offline' }).catch(() => undefined);
    op.close();
  }
});
