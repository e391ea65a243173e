import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { SESSION_REUSE_MS } from './api.js';
import { stack } from './stack.js';

export interface Panel {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors; a test expects none. */
  errors: string[];
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** What a test adds to a panel's browser: context options (the calls tests' camera), and a set-up of the context before the first page. */
export interface PanelOptions {
  context?: BrowserContextOptions;
  prepare?: (context: BrowserContext) => Promise<void>;
}

/** A browser of its own at the panel's size, collecting the page's uncaught errors. */
async function newPanel(browser: Browser, storageState?: StorageState, options: PanelOptions = {}): Promise<Panel> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState, ...options.context });
  await options.prepare?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Signs in to the panel served by `coreUrl` in a browser of its own. */
export async function signIn(browser: Browser, coreUrl: string, who: { email: string; password: string }, options?: PanelOptions): Promise<Panel> {
  const panel = await newPanel(browser, undefined, options);
  const { page } = panel;
  await page.goto(`${coreUrl}/login`);
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
  return panel;
}

const signedIn = new Map<string, { at: number; state: StorageState }>();

/**
 * The panel in a browser of its own, signed in as `who`: through the sign-in page, or with the
 * session of such a sign-in a few minutes old (see SESSION_REUSE_MS: sign-ins are rate-limited).
 */
export async function panelAs(browser: Browser, who: { email: string; password: string }): Promise<Panel> {
  const { coreUrl } = stack();
  const cached = signedIn.get(who.email);
  if (!cached || Date.now() - cached.at >= SESSION_REUSE_MS) {
    const panel = await signIn(browser, coreUrl, who);
    signedIn.set(who.email, { at: Date.now(), state: await panel.context.storageState() });
    return panel;
  }
  const panel = await newPanel(browser, cached.state);
  await panel.page.goto(coreUrl);
  await expect(panel.page).not.toHaveURL(/\/login/);
  return panel;
}

/** Signs in to the panel served by `coreUrl` in a browser of its own, opens the chat and goes online. */
export async function openChatPanel(browser: Browser, coreUrl: string, who: { email: string; password: string }, options?: PanelOptions): Promise<Panel> {
  const panel = await signIn(browser, coreUrl, who, options);
  await panel.page.goto(`${coreUrl}/p/chat`);
  await panel.page.getByTestId('chat-status-online').click();
  await expect(panel.page.getByTestId('chat-status')).toHaveAttribute('data-status', 'online');
  return panel;
}

/**
 * Goes offline (so later tests see nobody online) and closes the panel's browser. The switch is the
 * chat workplace's: a panel left on another page (the home page) goes back to the chat first. Every
 * step is bounded — an action has no timeout of its own here, and a click on a switch that is not on
 * the page would wait until the test's own timeout.
 */
export async function closeChatPanel(panel: Panel | undefined): Promise<void> {
  if (!panel) return;
  const { page } = panel;
  try {
    const offline = page.getByTestId('chat-status-offline');
    if (!(await offline.isVisible())) await page.goto(`${new URL(page.url()).origin}/p/chat`, { timeout: 15_000 });
    await offline.click({ timeout: 10_000 });
    await expect(page.getByTestId('chat-status')).toHaveAttribute('data-status', 'offline', { timeout: 5_000 });
  } catch (err) {
    // A page that broke or went away: closing its browser drops its sockets all the same.
    console.warn('closeChatPanel: could not go offline first:', err instanceof Error ? err.message : err);
  }
  await panel.context.close();
}
