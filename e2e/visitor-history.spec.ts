import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { connectChat } from '../plugins/chat/test/chat-client.js';
import type { MessageDto } from '../plugins/chat/shared/chat.protocol.js';
import { screenshotDir, stack } from './support/stack.js';

fs.mkdirSync(screenshotDir, { recursive: true });

/** Issue 9: a visitor who comes back finds their earlier conversations above the current one. */
test('a returning visitor opens their earlier conversations in the widget', async ({ page }) => {
  const { coreUrl, operator, demoSite } = stack();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const login = (await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };
  const op = await connectChat(coreUrl, login.accessToken, coreUrl);
  const tag = crypto.randomUUID().slice(0, 6);
  try {
    await op.call('operator.status', { status: 'online' });
    await page.goto(demoSite.url);
    await page.getByTestId('cp-launcher').click();

    // Yesterday's question, answered and closed.
    const asked = op.next<MessageDto>('message.created', (m) => m.text === `Old question ${tag}`);
    await page.getByTestId('cp-input').fill(`Old question ${tag}`);
    await page.getByTestId('cp-input').press('Enter');
    const old = await asked;
    await op.call('message.send', { dialogId: old.dialogId, clientId: crypto.randomUUID(), text: `Old answer ${tag}` });
    await op.call('dialog.close', { dialogId: old.dialogId });
    await expect(page.getByTestId('cp-closed-note')).toBeVisible();

    // Today: a new conversation, then the visitor comes back on another page load.
    const again = op.next<MessageDto>('message.created', (m) => m.text === `New question ${tag}`);
    await page.getByTestId('cp-input').fill(`New question ${tag}`);
    await page.getByTestId('cp-input').press('Enter');
    expect((await again).dialogId).not.toBe(old.dialogId);
    await page.reload();
    const list = page.getByTestId('cp-messages');
    await expect(list).toContainText(`New question ${tag}`);
    await expect(list).not.toContainText(`Old answer ${tag}`);

    await page.getByTestId('cp-history-more').click();
    await expect(page.getByTestId('cp-history-dialog').first()).toBeVisible();
    await expect(list).toContainText(`Old question ${tag}`);
    await expect(list).toContainText(`Old answer ${tag}`);
    // Earlier above the current one.
    const text = (await list.textContent()) ?? '';
    expect(text.indexOf(`Old answer ${tag}`)).toBeLessThan(text.indexOf(`New question ${tag}`));
    for (const [w, hgt] of [[1280, 800], [1024, 768], [390, 844]] as const) {
      await page.setViewportSize({ width: w, height: hgt });
      await expect(page.getByTestId('cp-history-dialog').first()).toBeVisible();
      await page.screenshot({ path: path.join(screenshotDir, `widget-earlier-conversations-${w}.png`) });
    }
    expect(problems).toEqual([]);
  } finally {
    await op.call('operator.status', { status: 'offline' }).catch(() => undefined);
    op.close();
  }
});
