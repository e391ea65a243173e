import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { closeChatPanel, openChatPanel, type Panel } from './panel.js';
import { hangUpCalls } from './operator-calls.js';
import { stack } from './stack.js';
import { mediaContext, recordPeers } from './webrtc.js';

/** The calls specs' panel and visitor (calls.spec.ts, calls-recording.spec.ts): the real panel, the real widget on the demo site. */

export const withMedia = { context: mediaContext, prepare: recordPeers };

/** A browser of its own allowed the camera and microphone, its peer connections recorded (webrtc.ts), collecting the page's uncaught errors. */
export async function mediaBrowser(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...mediaContext, ...options });
  await recordPeers(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** The visitor on the demo site with the chat open: an operator must be online first (the launcher shows only then). */
export async function visitorPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const visitor = await mediaBrowser(browser);
  await visitor.page.goto(stack().demoSite.url);
  await expect(visitor.page.getByTestId('cp-launcher')).toBeVisible();
  await visitor.page.getByTestId('cp-launcher').click();
  return visitor;
}

export type Visitor = Awaited<ReturnType<typeof visitorPage>>;

/**
 * The operator's panel (chat open, online, camera allowed) and a visitor on the demo site, for one
 * test: both closed after it, and neither may have thrown in the page.
 */
export async function withOperatorAndVisitor(browser: Browser, run: (panel: Panel, visitor: Visitor) => Promise<void>): Promise<void> {
  const { coreUrl, operator } = stack();
  let panel: Panel | undefined;
  let visitor: Visitor | undefined;
  try {
    panel = await openChatPanel(browser, coreUrl, operator, withMedia);
    visitor = await visitorPage(browser);
    await run(panel, visitor);
    expect([...panel.errors, ...visitor.errors]).toEqual([]);
  } finally {
    // A test that failed half-way leaves no call behind for the next one.
    await hangUpCalls(operator);
    await closeChatPanel(panel);
    await visitor?.context.close();
  }
}

/** The call window: its phase is `data-phase`. */
export const callWindow = (page: Page) => page.getByTestId('calls-window');

/** Opens a dialog in the chat workplace by its id, in whichever section it is. */
export async function openDialog(page: Page, dialogId: string): Promise<void> {
  if (!page.url().endsWith('/p/chat')) await page.getByTestId('nav-plugin-chat').click();
  await page.getByTestId('chat-tab-dialogs').click();
  const item = page.locator(`[data-testid="chat-dialog-item"][data-dialog-id="${dialogId}"]`);
  for (const section of ['mine', 'common']) {
    await page.getByTestId(`chat-section-${section}`).click();
    if (await item.waitFor({ timeout: 5000 }).then(() => true, () => false)) break;
  }
  await item.click();
}
