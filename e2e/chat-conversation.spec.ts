import path from 'node:path';
import { expect, test } from '@playwright/test';
import { connectChat } from '../plugins/chat/test/chat-client.js';
import type { MessageDto, VisitorArrival } from '../plugins/chat/shared/chat.protocol.js';
import { screenshotDir, stack } from './support/stack.js';

/**
 * The real widget on the demo site, the real core and an operator connected as the panel is: the
 * online gate, typing preview, both directions of messages and an edit seen in place.
 */
test('a visitor and an operator talk through the real widget and server', async ({ page }) => {
  const { coreUrl, operator, demoSite } = stack();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });

  // Nobody online: the widget offers the offline form.
  await page.goto(demoSite.url);
  await expect(page.getByTestId('cp-offline-tab')).toBeVisible();

  const login = await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json() as { accessToken: string };
  const op = await connectChat(coreUrl, login.accessToken, coreUrl);
  try {
    const arrived = op.next<VisitorArrival>('visitor.arrived', (a) => a.view.url.startsWith(demoSite.url));
    await op.call('operator.status', { status: 'online' });
    // The launcher appears once someone can answer (B2).
    await expect(page.getByTestId('cp-launcher')).toBeVisible();
    await page.reload();
    const { visitor } = await arrived;
    await page.getByTestId('cp-launcher').click();

    const typed = op.next<{ draft: string }>('visitor.typing', (t) => t.draft.includes('red kettle'));
    await page.getByTestId('cp-input').fill('Do you have a red kettle?');
    expect((await typed).draft).toBe('Do you have a red kettle?');

    const received = op.next<MessageDto>('message.created', (m) => m.author.kind === 'visitor');
    await page.getByTestId('cp-input').press('Enter');
    const question = await received;
    expect(question.text).toBe('Do you have a red kettle?');

    const reply = await op.call<MessageDto>('message.send', { dialogId: question.dialogId, clientId: crypto.randomUUID(), text: 'Yes — 2 490 ₽' });
    await expect(page.getByTestId('cp-messages')).toContainText('Yes — 2 490 ₽');
    await op.call('message.edit', { messageId: reply.id, text: 'Yes — 2 190 ₽ today' });
    await expect(page.getByTestId('cp-messages')).toContainText('Yes — 2 190 ₽ today');
    await expect(page.getByTestId('cp-messages')).not.toContainText('2 490');
    await page.screenshot({ path: path.join(screenshotDir, 'chat-widget-conversation.png') });
    expect(visitor.device).toBe('desktop');
    expect(problems).toEqual([]);
  } finally {
    await op.call('operator.status', { status: 'offline' }).catch(() => undefined);
    op.close();
  }
});
