import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export interface Panel {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors; a test expects none. */
  errors: string[];
}

/** Signs in to the panel served by `coreUrl` in a browser of its own, opens the chat and goes online. */
export async function openChatPanel(browser: Browser, coreUrl: string, who: { email: string; password: string }): Promise<Panel> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${coreUrl}/login`);
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(`${coreUrl}/p/chat`);
  await page.getByTestId('chat-status-online').click();
  await expect(page.getByTestId('chat-status')).toHaveAttribute('data-status', 'online');
  return { context, page, errors };
}

/** Goes offline (so later tests see nobody online) and closes the panel's browser. */
export async function closeChatPanel(panel: Panel | undefined): Promise<void> {
  if (!panel) return;
  await panel.page.getByTestId('chat-status-offline').click().catch(() => undefined);
  await panel.context.close();
}
