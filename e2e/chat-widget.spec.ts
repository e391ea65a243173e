import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort } from '../scripts/lib/processes.mjs';
import { buildWidget } from '../widget/build.mjs';
import { screenshotDir } from './support/stack.js';

/**
 * The chat widget on a hostile host page, with no chat server at all: the built chunk is mounted
 * by the built host with a session whose core does not answer. It must render offline-first (the offline form, B2),
 * keep the page's CSS out of its Shadow DOM and its own CSS out of the page.
 */

fs.mkdirSync(screenshotDir, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });

const HOSTILE_CSS = `
  * { font-size: 40px !important; color: red !important; box-sizing: content-box !important; line-height: 3 !important;
      font-family: "Courier New", monospace !important; letter-spacing: 4px !important; border-radius: 0 !important }
  div { display: none }
  button { background: yellow !important; border: 5px dashed green !important; padding: 30px !important; width: 300px; text-transform: uppercase }
  input, textarea { background: black !important; border: 10px solid orange !important; }
  svg, path { fill: magenta !important; stroke-width: 9px !important }
  html { font-size: 8px } body { margin: 0; zoom: 1 }
  [hidden] { display: block !important }
  :root { --a: red; --bg: red }
`;

/** The page's own elements, some with the same class names the widget uses inside. */
const HOST_BODY = `
  <h1 id="h">Shop</h1>
  <p id="p" class="note row">Tea and coffee</p>
  <button id="b" class="launcher tab">Buy</button>
  <section id="s" class="root win head">Section</section>
  <span id="sp" class="badge bub meta">Badge</span>
  <input id="i" class="fld" value="x">
  <div id="d" class="list">hidden by the page</div>`;

const PROPS = ['display', 'position', 'color', 'background-color', 'font-size', 'font-family', 'box-sizing', 'width', 'height', 'padding-top', 'margin-top', 'border-top-width', 'border-top-left-radius', 'z-index', 'opacity', 'line-height', 'text-transform'];

let outDir: string;
let chatChunk: string;
let hostChunk: string;
let server: http.Server;
let siteUrl: string;
let deadCore: string;

test.beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-chat-e2e-'));
  const { manifest } = await buildWidget({ outDir });
  chatChunk = manifest.plugins.chat!;
  hostChunk = manifest.host;
  // A core address nothing listens on: the widget never gets a connection.
  deadCore = `http://127.0.0.1:${await freePort()}`;
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/widget/')) {
      const file = path.join(outDir, path.normalize(url.pathname.slice('/widget/'.length)));
      if (!file.startsWith(outDir) || !fs.existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return void res.end(fs.readFileSync(file));
    }
    const locale = url.searchParams.get('locale') === 'en' ? 'en' : 'ru';
    const css = url.searchParams.has('plain') ? 'body{margin:0;font-family:Georgia,serif;background:#faf7f2}' : HOSTILE_CSS;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>${css}</style></head>
      <body>${HOST_BODY}
      <script type="module">
        window.mountChat = async () => {
          const host = await import(${JSON.stringify(`/widget/${hostChunk}`)});
          await host.start({
            baseUrl: ${JSON.stringify(deadCore)},
            siteKey: 'iso-test',
            session: { visitorToken: 'no-token', visitorId: 'v1', siteId: 's1', locale: '${locale}', plugins: [{ id: 'chat', url: ${JSON.stringify(`/widget/${chatChunk}`)} }] },
            global: { q: [], track() {}, mounted: [] },
          });
        };
      </script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(outDir, { recursive: true, force: true });
});

const hostStyles = (page: Page) =>
  page.evaluate((props) => {
    const out: Record<string, Record<string, string>> = {};
    for (const el of Array.from(document.querySelectorAll('body > :not(script):not(callpy-chat)'))) {
      const cs = getComputedStyle(el);
      out[el.id] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    }
    return { styles: out, sheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length, html: document.documentElement.getAttribute('style') };
  }, PROPS);

const style = (page: Page, testId: string, props: string[]) =>
  page.getByTestId(testId).evaluate((el, ps) => Object.fromEntries(ps.map((p) => [p, getComputedStyle(el).getPropertyValue(p)])), props);

test('the chat widget keeps a hostile page’s CSS out, keeps its own CSS in, and shows the offline form with no server', async ({ page }) => {
  await page.goto(siteUrl);
  const before = await hostStyles(page);
  expect(before.styles.h!['font-size']).toBe('40px');
  await page.evaluate(() => (window as unknown as { mountChat(): Promise<void> }).mountChat());

  // Offline first: no connection, so the offline tab (not the launcher) shows, in its own styles.
  const tab = page.getByTestId('cp-offline-tab');
  await expect(tab).toBeVisible();
  await expect(page.getByTestId('cp-launcher')).toBeHidden();
  await expect(tab).toHaveText('Оставьте сообщение');
  expect(await style(page, 'cp-offline-tab', ['font-size', 'color', 'box-sizing', 'background-color', 'text-transform', 'font-family', 'position', 'letter-spacing'])).toEqual({
    'font-size': '15px',
    color: 'rgb(255, 255, 255)',
    'box-sizing': 'border-box',
    'background-color': 'rgb(37, 99, 235)',
    'text-transform': 'none',
    'font-family': expect.not.stringContaining('Courier') as unknown as string,
    position: 'fixed',
    'letter-spacing': 'normal',
  });
  const viewport = page.viewportSize()!;
  const tabBox = (await tab.boundingBox())!;
  expect(Math.round(viewport.width - (tabBox.x + tabBox.width))).toBe(20);
  expect(Math.round(viewport.height - (tabBox.y + tabBox.height))).toBe(20);
  expect(tabBox.height).toBe(48);
  // The host element itself is reset (all: initial !important beats the page's !important).
  const hostCss = await page.locator('callpy-chat').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { color: cs.color, fontSize: cs.fontSize, display: cs.display, opacity: cs.opacity, position: cs.position };
  });
  expect(hostCss).toEqual({ color: 'rgb(0, 0, 0)', fontSize: '16px', display: 'block', opacity: '1', position: 'fixed' });
  await shot(page, 'chat-widget-hostile-page-offline-tab');

  // The offline form window: 360×520 at bottom right, readable, its fields untouched by the page.
  await tab.click();
  const win = page.getByTestId('cp-window');
  await expect(win).toBeVisible();
  await win.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  const winBox = (await win.boundingBox())!;
  expect([winBox.width, winBox.height]).toEqual([360, 520]);
  expect(Math.round(viewport.width - (winBox.x + winBox.width))).toBe(20);
  await expect(page.getByTestId('cp-offline-name')).toBeFocused();
  expect(await style(page, 'cp-offline-email', ['font-size', 'color', 'background-color', 'border-top-width', 'box-sizing', 'width'])).toEqual({
    'font-size': '14px',
    color: 'rgb(23, 32, 51)',
    'background-color': 'rgb(255, 255, 255)',
    'border-top-width': '1px',
    'box-sizing': 'border-box',
    width: '324px',
  });
  expect(await style(page, 'cp-title', ['font-size', 'color', 'display'])).toEqual({ 'font-size': '16px', color: 'rgb(255, 255, 255)', display: 'block' });
  // The widget's [hidden] elements stay hidden although the page says `[hidden] { display: block !important }`.
  await expect(page.getByTestId('cp-offline-thanks')).toHaveCount(0);
  await expect(page.getByTestId('cp-launcher')).toBeVisible();
  await shot(page, 'chat-widget-hostile-page-offline-form');

  // Nothing of the widget's styles reached the page: same computed styles, no stylesheet added.
  expect(await hostStyles(page)).toEqual(before);
  await page.getByTestId('cp-close').click();
  await expect(win).toBeHidden();
  await expect(tab).toBeFocused();
  expect(await hostStyles(page)).toEqual(before);
});

test('offline form (H6): validation, no connection means a clear error, Esc closes; English', async ({ page }) => {
  await page.goto(`${siteUrl}/?plain&locale=en`);
  await page.evaluate(() => (window as unknown as { mountChat(): Promise<void> }).mountChat());
  await page.getByTestId('cp-offline-tab').click();
  await expect(page.getByTestId('cp-title')).toHaveText('Leave us a message');
  await page.getByTestId('cp-offline-submit').click();
  for (const f of ['name', 'email', 'text']) await expect(page.getByTestId(`cp-offline-${f}`)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('cp-offline-phone')).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('cp-offline-name')).toBeFocused();
  await expect(page.getByText('Please fill in this field')).toHaveCount(3);
  await page.getByTestId('cp-offline-name').fill('Mary');
  await page.getByTestId('cp-offline-email').fill('mary@example');
  await page.getByTestId('cp-offline-phone').fill('call me');
  await page.getByTestId('cp-offline-text').fill('<img src=x onerror=alert(1)> Call me back, please');
  await page.getByTestId('cp-offline-submit').click();
  await expect(page.getByTestId('cp-offline-email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Please check the e-mail address')).toBeVisible();
  await expect(page.getByText('Please check the phone number')).toBeVisible();
  await page.getByTestId('cp-offline-email').fill('mary@example.com');
  await page.getByTestId('cp-offline-phone').fill('+44 20 7946 0958');
  await page.getByTestId('cp-offline-submit').click();
  await expect(page.getByTestId('cp-offline-error')).toHaveText('Could not send. Check your connection and try again.');
  await shot(page, 'chat-widget-offline-form-en-error');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cp-window')).toBeHidden();
  await expect(page.getByTestId('cp-offline-tab')).toBeFocused();
});

test('on a 390 px phone the window is full-screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${siteUrl}/?plain`);
  await page.evaluate(() => (window as unknown as { mountChat(): Promise<void> }).mountChat());
  await page.getByTestId('cp-offline-tab').tap();
  const box = (await page.getByTestId('cp-window').boundingBox())!;
  expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, 390, 844]);
  // Inputs at 16 px: no zoom-in on focus on phones.
  expect(await style(page, 'cp-offline-name', ['font-size'])).toEqual({ 'font-size': '16px' });
  await shot(page, 'chat-widget-mobile-offline-form');
  await context.close();
});
