import { expect, test } from '@playwright/test';
import type { MessageDto } from '../plugins/chat/shared/chat.protocol.js';
import { connectChat } from '../plugins/chat/test/chat-client.js';
import { stack } from './support/stack.js';

/** Distance of the widget's message list from its end, in pixels. */
const gap = (list: HTMLElement) => list.scrollHeight - list.scrollTop - list.clientHeight;

/**
 * The real widget's message list follows what arrives while the visitor is at its end, and stays
 * where the visitor scrolled up to read (their own message always shows).
 */
test('the widget follows new messages at the end and stays put while the visitor reads above', async ({ page }) => {
  const { coreUrl, operator, demoSite } = stack();
  const login = (await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };
  const op = await connectChat(coreUrl, login.accessToken, coreUrl);
  try {
    await op.call('operator.status', { status: 'online' });
    await page.goto(demoSite.url);
    await page.getByTestId('cp-launcher').click();
    const received = op.next<MessageDto>('message.created', (m) => m.author.kind === 'visitor');
    await page.getByTestId('cp-input').fill('Расскажите про доставку');
    await page.getByTestId('cp-input').press('Enter');
    const { dialogId } = await received;
    const list = page.getByTestId('cp-messages');
    const say = (text: string) => op.call('message.send', { dialogId, clientId: crypto.randomUUID(), text });

    for (let i = 1; i <= 12; i++) await say(`Пункт ${i}: доставка по городу за 2 часа, курьер позвонит заранее.`);
    await expect(list).toContainText('Пункт 12:');
    await expect.poll(() => list.evaluate(gap)).toBeLessThanOrEqual(2);

    // Scrolled up to read: a new message does not pull the list down.
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);
    await say('Пункт 13: самовывоз бесплатно.');
    await expect(list).toContainText('Пункт 13:');
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);

    // Back at the end, it follows again; the visitor's own message always shows.
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => list.evaluate(gap)).toBeLessThanOrEqual(2);
    await say('Пункт 14: оплата при получении.');
    await expect(list).toContainText('Пункт 14:');
    await expect.poll(() => list.evaluate(gap)).toBeLessThanOrEqual(2);
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await page.getByTestId('cp-input').fill('Спасибо!');
    await page.getByTestId('cp-input').press('Enter');
    await expect(list).toContainText('Спасибо!');
    await expect.poll(() => list.evaluate(gap)).toBeLessThanOrEqual(2);
  } finally {
    await op.call('operator.status', { status: 'offline' }).catch(() => undefined);
    op.close();
  }
});
