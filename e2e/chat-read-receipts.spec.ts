import path from 'node:path';
import { expect, test } from '@playwright/test';
import { closeChatPanel, openChatPanel, type Panel } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';

/**
 * Read receipts with nothing stubbed: the real widget on the demo site and the real panel. Each
 * side's message turns «Отправлено» → «Прочитано» once the other side has it on screen — the
 * panel with the dialog open, the widget with its window open — and stays so after a reload.
 */
test('each side sees «Прочитано» once the other has the message on screen, not while the widget is closed', async ({ browser }) => {
  test.setTimeout(90_000);
  const { coreUrl, operator, demoSite } = stack();
  let oleg: Panel | undefined;
  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    oleg = await openChatPanel(browser, coreUrl, operator);
    const op = oleg.page;
    const visitor = await visitorContext.newPage();
    await visitor.goto(demoSite.url);
    await visitor.getByTestId('cp-launcher').click();
    await visitor.getByTestId('cp-input').fill('Когда привезёте заказ 4512?');
    await visitor.getByTestId('cp-input').press('Enter');
    const question = visitor.getByTestId('cp-message').filter({ hasText: 'заказ 4512' }).getByTestId('cp-receipt');
    await expect(question).toHaveAttribute('title', 'Отправлено');

    // The operator sees it in the list, not yet read; opening the dialog reads it.
    await op.getByTestId('chat-section-mine').click();
    const item = op.getByTestId('chat-dialog-item').filter({ hasText: 'заказ 4512' });
    await expect(item).toBeVisible();
    await expect(question).toHaveAttribute('title', 'Отправлено');
    await item.click();
    await expect(question).toHaveAttribute('title', 'Прочитано');

    // The visitor closes the window; the answers arrive (the launcher counts them) but stay unread.
    await visitor.getByTestId('cp-close').click();
    const input = op.getByTestId('chat-input');
    await input.fill('Сегодня до 18:00.');
    await input.press('Control+Enter');
    const answer = op.getByTestId('chat-message').filter({ hasText: 'Сегодня до 18:00' });
    await expect(answer).toHaveAttribute('data-state', 'sent');
    await expect(visitor.getByTestId('cp-launcher')).toHaveAttribute('aria-label', /1/);
    await input.fill('Курьер позвонит за час.');
    await input.press('Control+Enter');
    await expect(visitor.getByTestId('cp-launcher')).toHaveAttribute('aria-label', /2/);
    await expect(op.getByTestId('chat-message').filter({ hasText: 'Курьер позвонит' })).toHaveAttribute('data-state', 'sent');
    await expect(answer).toHaveAttribute('data-state', 'sent');
    await expect(answer.getByTitle('Отправлено')).toBeVisible();

    // Opened, the widget reads both; the panel shows it live.
    await visitor.getByTestId('cp-launcher').click();
    await expect(answer).toHaveAttribute('data-state', 'read');
    await expect(answer.getByTitle('Прочитано')).toBeVisible();
    await expect(op.getByTestId('chat-message').filter({ hasText: 'Курьер позвонит' })).toHaveAttribute('data-state', 'read');

    // Both marks come back from the server after a reload.
    await op.reload();
    await op.getByTestId('chat-dialog-item').filter({ hasText: 'Курьер позвонит' }).click();
    await expect(op.getByTestId('chat-message').filter({ hasText: 'Сегодня до 18:00' })).toHaveAttribute('data-state', 'read');
    await visitor.reload();
    await expect(visitor.getByTestId('cp-message').filter({ hasText: 'заказ 4512' }).getByTestId('cp-receipt')).toHaveAttribute('title', 'Прочитано');
    // For review: both sides' «Прочитано» at the sizes people use.
    for (const [width, height] of [[1280, 800], [1024, 768], [390, 844]] as const) {
      for (const [who, page] of [['panel', op], ['widget', visitor]] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: path.join(screenshotDir, `e2e-read-receipts-${who}-${width}x${height}.png`) });
      }
    }
    expect(oleg.errors).toEqual([]);
  } finally {
    await closeChatPanel(oleg);
    await visitorContext.close();
  }
});
