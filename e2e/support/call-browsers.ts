import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { stack } from './stack.js';
import { mediaContext, recordPeers } from './webrtc.js';

export interface MediaBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors; a test expects none. */
  errors: string[];
}

/** A browser of its own allowed the camera and microphone, its peer connections recorded (webrtc.ts), collecting the page's uncaught errors. */
export async function mediaBrowser(browser: Browser, options: BrowserContextOptions = {}): Promise<MediaBrowser> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...mediaContext, ...options });
  await recordPeers(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** The visitor on the demo site with the chat open: an operator must be online first (the launcher shows only then). */
export async function visitorPage(browser: Browser): Promise<MediaBrowser> {
  const visitor = await mediaBrowser(browser);
  await visitor.page.goto(stack().demoSite.url);
  await expect(visitor.page.getByTestId('cp-launcher')).toBeVisible();
  await visitor.page.getByTestId('cp-launcher').click();
  return visitor;
}
