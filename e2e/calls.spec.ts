import fs from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import { shotsInBothLanguages } from './support/layout.js';
import { closeChatPanel, openChatPanel, type Panel } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';
import { MEDIA_ARGS, expectFlowing, mediaContext, recordPeers } from './support/webrtc.js';

fs.mkdirSync(screenshotDir, { recursive: true });
test.use({ launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, ...MEDIA_ARGS] } });

/**
 * Calls end to end (D1, D2, D5): the real panel and the real widget on the demo site, in Debian's
 * Chromium with fake camera and microphone; what flows is proven by `getStats()` on both ends
 * (support/webrtc.ts records every peer connection a page makes).
 */

const withMedia = { context: mediaContext, prepare: recordPeers };

/** The visitor on the demo site with the chat open: an operator must be online first (the launcher shows only then). */
async function visitorPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...mediaContext });
  await recordPeers(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(stack().demoSite.url);
  await expect(page.getByTestId('cp-launcher')).toBeVisible();
  await page.getByTestId('cp-launcher').click();
  return { context, page, errors };
}

/** The call window's state, and its phase (`data-phase`). */
const callWindow = (page: Page) => page.getByTestId('calls-window');

test('D1: the operator calls the visitor from the dialog toolbar; audio, then video both ways; the visitor hangs up; the call line on both sides', async ({ browser }) => {
  const { coreUrl, operator } = stack();
  let panel: Panel | undefined;
  let visitor: Awaited<ReturnType<typeof visitorPage>> | undefined;
  try {
    panel = await openChatPanel(browser, coreUrl, operator, withMedia);
    visitor = await visitorPage(browser);
    const op = panel.page;
    const v = visitor.page;
    const token = `звонок-${Date.now()}`;
    await v.getByTestId('cp-input').fill(`Можно позвонить? ${token}`);
    await v.getByTestId('cp-input').press('Enter');
    await op.getByTestId('chat-tab-dialogs').click();
    await op.getByTestId('chat-section-mine').click();
    await op.getByTestId('chat-dialog-item').filter({ hasText: token }).click();

    // «Позвонить» → the window offers how; from this device.
    await op.getByTestId('chat-plugin-action-calls.call').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'choose');
    await expect(op.getByTestId('calls-call-here')).toHaveText('Позвонить с текущего устройства');
    await op.getByTestId('calls-call-here').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'calling');

    // The widget rings; the visitor accepts: sound flows both ways.
    await v.getByTestId('call-accept').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'active');
    await expect(op.getByTestId('calls-window-state')).toHaveAttribute('data-state', 'connected');
    await expectFlowing(op, 'audio');
    await expectFlowing(v, 'audio');
    await expect(op.getByTestId('calls-remote-avatar')).toBeVisible();
    await shotsInBothLanguages(op, screenshotDir, 'calls-window-audio', () => expect(op.getByTestId('calls-timer')).toBeVisible());

    // D5: the operator turns the camera on, then the visitor: video flows both ways.
    await op.getByTestId('calls-camera').click();
    await expect(op.getByTestId('calls-local-video')).toBeVisible();
    await expectFlowing(v, 'video');
    await v.getByTestId('call-cam').click();
    await expectFlowing(op, 'video');
    await expect(op.getByTestId('calls-remote-avatar')).toBeHidden();
    await shotsInBothLanguages(op, screenshotDir, 'calls-window-video', () => expect(op.getByTestId('calls-remote-video')).toBeVisible());

    // The visitor hangs up: the window says so, and the dialog has the call's line on both sides.
    await v.getByTestId('call-hangup').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'ended');
    await expect(op.getByTestId('calls-ended')).toHaveText('Звонок завершён');
    const line = op.getByTestId('chat-messages').getByTestId('calls-line').last();
    await expect(line).toHaveAttribute('data-outcome', 'answered');
    await expect(line).toContainText('Исходящий звонок');
    await expect(line.getByTestId('calls-line-outcome')).toContainText(/Разговор \d+:\d\d, завершил посетитель/);
    await expect(v.getByTestId('cp-messages')).toContainText(/Звонок, \d+:\d\d/);
    await expect(callWindow(op)).toBeHidden({ timeout: 10_000 });

    expect(panel.errors).toEqual([]);
    expect(visitor.errors).toEqual([]);
  } finally {
    await closeChatPanel(panel);
    await visitor?.context.close();
  }
});
