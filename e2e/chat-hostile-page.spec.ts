import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { connectChat } from '../plugins/chat/test/chat-client.js';
import type { MessageDto } from '../plugins/chat/shared/chat.protocol.js';
import { screenshotDir, stack } from './support/stack.js';

/**
 * Issue 9 item 19: the real widget on a page that installs what old libraries and careless sites
 * do before any script of ours runs — a Prototype.js-style `Array.prototype.toJSON`, an enumerable
 * value on `Object.prototype`, and `html { zoom: 1.1 }` — still talks with an operator over one
 * connection, logs no error, and lays its window out inside the viewport.
 */
const HOSTILE = () => {
  // Prototype.js 1.6: an array serialises itself into a JSON *string*, which JSON.stringify then quotes again.
  Object.defineProperty(Array.prototype, 'toJSON', {
    value(this: unknown[]) {
      return `[${Array.from(this, (v) => JSON.stringify(v)).join(', ')}]`;
    },
    writable: true,
    configurable: true,
  });
  // Enumerable, not a function: every for..in over any object meets it.
  (Object.prototype as Record<string, unknown>).hostile = 'from the page';
  // Counts the page's WebSocket connections: a reconnect loop shows as more than one.
  const Native = window.WebSocket;
  const opened: string[] = [];
  (window as unknown as { openedSockets: string[] }).openedSockets = opened;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      opened.push(String(url));
    }
  };
  document.addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.textContent = 'html { zoom: 1.1 }';
    document.head.append(style);
  });
};

const socketsOpened = (page: Page) => page.evaluate(() => (window as unknown as { openedSockets: string[] }).openedSockets.length);

test('the widget converses on a page with Array.prototype.toJSON, a polluted Object.prototype and html zoom', async ({ page }) => {
  const { coreUrl, operator, demoSite } = stack();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  await page.addInitScript(HOSTILE);

  const login = (await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };
  const op = await connectChat(coreUrl, login.accessToken, coreUrl);
  try {
    await op.call('operator.status', { status: 'online' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(demoSite.url);
    // The page really is hostile: its own JSON of an array is a string.
    expect(await page.evaluate(() => typeof JSON.parse(JSON.stringify([1])))).toBe('string');

    // The launcher shows once the widget's hello was answered: its frames reached the server whole.
    await page.getByTestId('cp-launcher').click();
    const received = op.next<MessageDto>('message.created', (m) => m.author.kind === 'visitor' && m.text === 'Is the teapot in stock?');
    await page.getByTestId('cp-input').fill('Is the teapot in stock?');
    await page.getByTestId('cp-input').press('Enter');
    const question = await received;
    await op.call<MessageDto>('message.send', { dialogId: question.dialogId, clientId: crypto.randomUUID(), text: 'Yes, three left' });
    await expect(page.getByTestId('cp-messages')).toContainText('Yes, three left');
    // The visitor's own message is marked delivered, not stuck waiting for its acknowledgement.
    await expect(page.getByTestId('cp-messages')).toContainText('Is the teapot in stock?');
    expect(await socketsOpened(page)).toBe(1);

    // Under zoom the window stays inside the viewport at every size.
    for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      const box = (await page.getByTestId('cp-window').boundingBox())!;
      expect(box.x, `left at ${size.width}`).toBeGreaterThanOrEqual(0);
      expect(box.y, `top at ${size.width}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `right at ${size.width}`).toBeLessThanOrEqual(size.width + 1);
      expect(box.y + box.height, `bottom at ${size.width}`).toBeLessThanOrEqual(size.height + 1);
      await page.screenshot({ path: path.join(screenshotDir, `chat-hostile-zoom-${size.width}.png`) });
    }

    // After a reload (the visitor's state comes back from storage) still one connection, the same conversation.
    await page.reload();
    await expect(page.getByTestId('cp-messages')).toContainText('Yes, three left');
    expect(await socketsOpened(page)).toBe(1);
    expect(problems).toEqual([]);
  } finally {
    await op.call('operator.status', { status: 'offline' }).catch(() => undefined);
    op.close();
  }
});
