import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { connectChat } from '../plugins/chat/test/chat-client.js';
import { stack } from './support/stack.js';

/** What a visitor's browser may download before the launcher shows (the loader's own: 2 KB gzip). */
const BUDGET = 30 * 1024;
/** Each other plugin's first stage, beyond what the chat's path loads anyway (issue 10). */
const PLUGIN_BUDGET = 3 * 1024;

const widgetDist = path.resolve(import.meta.dirname, '../widget/dist');

/** A built widget file and every chunk it imports statically, as paths under /widget/. */
function closure(file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  const text = fs.readFileSync(path.join(widgetDist, file), 'utf8');
  for (const [, spec] of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?"(\.{1,2}\/[^"]+)"/g)) closure(path.posix.join(path.posix.dirname(file), spec!), into);
  return into;
}

/**
 * The widget's weight as a visitor's browser pays it (issue 9, item 23): every request the install
 * code causes until the launcher is visible, by the bytes that crossed the wire (compressed bodies),
 * with an operator online so the launcher shows.
 */
test('the widget transfers at most 30 KB before the launcher shows', async ({ page }) => {
  const { coreUrl, operator, demoSite } = stack();
  const login = (await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };
  const op = await connectChat(coreUrl, login.accessToken, coreUrl);
  try {
    await op.call('operator.status', { status: 'online' });
    const before: Request[] = [];
    let shown = false;
    page.on('request', (r) => {
      if (!shown && r.url().startsWith(coreUrl)) before.push(r);
    });
    await page.goto(demoSite.url);
    await expect(page.getByTestId('cp-launcher')).toBeVisible();
    shown = true;

    const rows = await Promise.all(
      before.map(async (r) => {
        const response = await r.response();
        const sizes = await r.sizes();
        return { url: r.url().slice(coreUrl.length), body: sizes.responseBodySize, headers: sizes.responseHeadersSize, encoding: (await response?.headerValue('content-encoding')) ?? '' };
      }),
    );
    const body = rows.reduce((n, r) => n + r.body, 0);
    const headers = rows.reduce((n, r) => n + r.headers, 0);
    const report = rows.map((r) => `${r.url} ${r.body} B ${r.encoding}`).join(', ');
    console.warn(`before the launcher: ${rows.length} requests, ${body} B of bodies + ${headers} B of headers (${report})`);

    expect(rows.some((r) => /\/widget\/plugins\/chat-\w+\.js$/.test(r.url)), report).toBe(true);
    expect(rows.filter((r) => r.url.endsWith('.js')).every((r) => r.encoding === 'br'), `every script compressed: ${report}`).toBe(true);
    expect(rows.some((r) => r.url.includes('offline-form')), `the offline form is not fetched for the launcher: ${report}`).toBe(false);

    // The chat's path (loader, host, session, the chat's chunk and what it imports) has 30 KB; each
    // other plugin's first stage, what it adds beyond that path, has 3 KB of its own.
    const manifest = JSON.parse(fs.readFileSync(path.join(widgetDist, 'manifest.json'), 'utf8')) as { host: string; plugins: Record<string, string> };
    const chatPath = new Set(['loader.js', ...closure(manifest.host), ...closure(manifest.plugins.chat!)]);
    const fileOf = (url: string) => url.replace(/^\/widget\//, '');
    const chatBytes = rows.filter((r) => !r.url.endsWith('.js') || chatPath.has(fileOf(r.url))).reduce((n, r) => n + r.body, 0);
    expect(chatBytes, report).toBeLessThanOrEqual(BUDGET);
    for (const [id, entry] of Object.entries(manifest.plugins)) {
      if (id === 'chat') continue;
      const own = [...closure(entry)].filter((f) => !chatPath.has(f));
      const bytes = rows.filter((r) => own.includes(fileOf(r.url))).reduce((n, r) => n + r.body, 0);
      expect(bytes, `${id}'s first stage: ${report}`).toBeLessThanOrEqual(PLUGIN_BUDGET);
    }
    // Nothing else came before the launcher.
    const owned = new Set([...chatPath, ...Object.values(manifest.plugins).flatMap((e) => [...closure(e)])]);
    expect(rows.filter((r) => r.url.endsWith('.js') && !owned.has(fileOf(r.url))).map((r) => r.url), report).toEqual([]);
    console.warn(`the chat's path: ${chatBytes} B of ${BUDGET}; all together ${body} B`);
  } finally {
    op.close();
  }
});

test('the loader revalidates at a stable address; hashed chunks are cached for good', async ({ request }) => {
  const { coreUrl } = stack();
  const loader = await request.get(`${coreUrl}/widget/loader.js`, { headers: { 'accept-encoding': 'gzip' } });
  expect(loader.headers()['content-encoding']).toBe('gzip');
  expect(loader.headers()['vary']).toMatch(/accept-encoding/i);
  expect(loader.headers()['cache-control']).toBe('public, max-age=300');
  const etag = loader.headers()['etag']!;
  expect(etag).toBeTruthy();
  expect(Number(loader.headers()['content-length']), 'loader ≤ 2 KB gzip').toBeLessThanOrEqual(2048);
  const again = await request.get(`${coreUrl}/widget/loader.js`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
  expect(again.status()).toBe(304);

  const plain = await request.get(`${coreUrl}/widget/loader.js`, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect(plain.headers()['etag'], 'another encoding, another ETag').not.toBe(etag);
  expect(await plain.text()).toContain('data-callpy-site');

  const session = await (await request.post(`${coreUrl}/api/widget/session`, { headers: { origin: stack().demoSite.url }, data: { siteKey: stack().demoSite.publicKey } })).json() as { plugins: { id: string; url: string }[] };
  const chat = session.plugins.find((p) => p.id === 'chat')!;
  expect(chat.url).toMatch(/\/widget\/plugins\/chat-[A-Z0-9]{8}\.js$/);
  const chunk = await request.get(chat.url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
  expect(chunk.headers()['content-encoding']).toBe('br');
  expect(chunk.headers()['content-type']).toMatch(/^text\/javascript/);
  expect(chunk.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(chunk.headers()['etag']).toBeTruthy();
});
