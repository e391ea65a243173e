import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PDF } from './support/images.js';
import { closeChatPanel, openChatPanel, type Panel } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';

/**
 * Issue 3 end to end with nothing stubbed: a visitor in one browser (the real widget on the demo
 * site) and operators in others (the real Angular panel), through the real core and database.
 */

fs.mkdirSync(screenshotDir, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });


test('a visitor and operators talk through the real widget and the real panel', async ({ browser }) => {
  test.setTimeout(120_000);
  const { coreUrl, operator, admin, demoSite } = stack();
  let oleg: Panel | undefined;
  let anna: Panel | undefined;
  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    oleg = await openChatPanel(browser, coreUrl, operator);
    const op = oleg.page;

    // The visitor arrives; the widget shows the launcher because an operator is online (B2), and
    // the operator sees them live in Visitors with the new-visitor counter (C3).
    const visitor = await visitorContext.newPage();
    const widgetErrors: string[] = [];
    visitor.on('pageerror', (e) => widgetErrors.push(e.message));
    await visitor.goto(demoSite.url);
    await expect(visitor.getByTestId('cp-launcher')).toBeVisible();
    await op.getByTestId('chat-tab-visitors').click();
    await expect(op.getByTestId('chat-visitor-item').first()).toBeVisible();
    await expect(op.getByTestId('chat-new-visitors-count')).toBeVisible();
    await shot(op, 'e2e-panel-visitors');

    // The visitor writes; the dialog is in the operator's My messages (C2) and opens on a click.
    await visitor.getByTestId('cp-launcher').click();
    await visitor.getByTestId('cp-input').fill('Здравствуйте! Есть красный чайник? <b>срочно</b>');
    await visitor.getByTestId('cp-input').press('Enter');
    await op.getByTestId('chat-tab-dialogs').click();
    await op.getByTestId('chat-section-mine').click();
    await expect(op.getByTestId('chat-count-mine')).not.toHaveText('0');
    await op.getByTestId('chat-dialog-item').filter({ hasText: 'красный чайник' }).click();
    // Markup in a message is text, never HTML.
    await expect(op.getByTestId('chat-messages')).toContainText('Есть красный чайник? <b>срочно</b>');
    await expect(op.getByTestId('chat-messages').locator('b')).toHaveCount(0);
    // Generated (or geolocated) name: how this dialog is found in other operators' lists.
    const visitorName = (await op.getByTestId('chat-dialog-title').innerText()).trim();
    expect(visitorName).not.toBe('');

    // Typing preview (C6): the operator sees the draft before it is sent.
    await visitor.getByTestId('cp-input').fill('А доставка завтра будет?');
    await expect(op.getByTestId('chat-typing-preview')).toContainText('А доставка завтра будет?');
    await visitor.getByTestId('cp-input').press('Enter');
    await expect(op.getByTestId('chat-messages')).toContainText('А доставка завтра будет?');

    // Enter is a new line, Ctrl+Enter sends (C9); the message is marked sent once acknowledged (C8).
    const input = op.getByTestId('chat-input');
    await input.fill('Да, есть.');
    await input.press('Enter');
    await input.pressSequentially('Доставим завтра до 18:00');
    await input.press('Control+Enter');
    const reply = op.getByTestId('chat-message').filter({ hasText: 'Доставим завтра' });
    // The widget is open: the reply may be read (read receipts) by the time this looks.
    await expect(reply).toHaveAttribute('data-state', /^(sent|read)$/);
    await expect(visitor.getByTestId('cp-messages')).toContainText('Доставим завтра до 18:00');
    await expect(input).toHaveValue('');

    // Files both ways (C7): the visitor's photo reaches the panel, the operator's PDF the widget.
    const photo = await visitor.screenshot({ clip: { x: 0, y: 0, width: 640, height: 360 } });
    await visitor.getByTestId('cp-file-input').setInputFiles({ name: 'kettle.png', mimeType: 'image/png', buffer: photo });
    await expect(op.getByTestId('chat-messages').locator('img[alt="kettle.png"]')).toBeVisible();
    await op.getByTestId('chat-file-input').setInputFiles({ name: 'price-list.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(op.getByTestId('chat-pending-file')).toHaveAttribute('data-state', 'ready');
    await op.getByTestId('chat-send').click();
    await expect(visitor.getByTestId('cp-file').filter({ hasText: 'price-list.pdf' })).toBeVisible();
    // A PDF renamed to .png is refused, worded by its code in the operator's language, and nothing is sent.
    await op.getByTestId('chat-file-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PDF });
    await expect(op.getByTestId('chat-pending-file').filter({ hasText: 'photo.png' })).toHaveAttribute('data-state', 'error');
    await expect(op.getByTestId('chat-pending-file').filter({ hasText: 'photo.png' })).toContainText('Такой тип файла не принимается');
    await op.getByTestId('chat-pending-file').filter({ hasText: 'photo.png' }).getByRole('button').click();

    // The operator edits the reply; the widget shows the edit in place (C10).
    await reply.hover();
    await reply.getByTestId('chat-message-edit').click();
    await op.getByTestId('chat-message-editor').fill('Да, есть. Доставим завтра до 15:00');
    await op.getByTestId('chat-message-save').click();
    await expect(visitor.getByTestId('cp-messages')).toContainText('Доставим завтра до 15:00');
    await expect(visitor.getByTestId('cp-messages')).not.toContainText('до 18:00');
    await shot(op, 'e2e-panel-conversation');
    await shot(visitor, 'e2e-widget-conversation');

    // Transfer to another online operator (C14): it leaves Oleg's My messages for Anna's.
    anna = await openChatPanel(browser, coreUrl, admin);
    await op.getByTestId('chat-transfer').click();
    await op.getByTestId('chat-transfer-target').filter({ hasText: 'Анна' }).click();
    await expect(visitor.getByTestId('cp-messages')).toContainText('Анна');
    await anna.page.getByTestId('chat-section-mine').click();
    await anna.page.getByTestId('chat-dialog-item').filter({ hasText: visitorName }).click();
    await expect(anna.page.getByTestId('chat-messages')).toContainText('до 15:00');

    // Anna asks for a rating and closes; the visitor rates; the dialog is in History with it (C13, C15).
    await anna.page.getByTestId('chat-more').click();
    await anna.page.getByTestId('chat-request-rating').click();
    await expect(visitor.getByTestId('cp-rating')).toBeVisible();
    await anna.page.getByTestId('chat-close').click();
    await visitor.getByTestId('cp-star-5').click();
    await expect(visitor.getByTestId('cp-rating-thanks')).toBeVisible();
    await anna.page.getByTestId('chat-section-archive').click();
    await anna.page.getByTestId('chat-dialog-item').filter({ hasText: visitorName }).click();
    await expect(anna.page.getByTestId('chat-rating')).toContainText('5');
    await shot(anna.page, 'e2e-panel-history-rated');
    await shot(visitor, 'e2e-widget-rated');

    expect(widgetErrors).toEqual([]);
    expect([...oleg.errors, ...anna.errors]).toEqual([]);
  } finally {
    await closeChatPanel(anna);
    await closeChatPanel(oleg);
    await visitorContext.close();
  }
});
