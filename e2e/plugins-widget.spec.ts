import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { cms } from './support/cms.js';
import { startPageServer } from './support/page-server.js';
import { stack } from './support/stack.js';

async function setHello(enabled: boolean, site: { publicKey: string; origin: string }) {
  const { demoSite, pluginCoreUrl } = stack();
  const snapshot = (await cms('GET', '/snapshot')) as { pluginEnablements: { documentId: string; account: string; pluginId: string }[] };
  const existing = snapshot.pluginEnablements.find((e) => e.account === demoSite.account && e.pluginId === 'hello');
  if (existing) await cms('PUT', `/plugin-enablements/${existing.documentId}`, { data: { enabled } });
  else await cms('POST', '/plugin-enablements', { data: { account: demoSite.account, pluginId: 'hello', enabled } });
  // The plugin core re-syncs its content cache every second: wait until the sessions it hands out say so.
  await expect
    .poll(async () => {
      const res = await fetch(`${pluginCoreUrl}/api/widget/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: site.origin }, body: JSON.stringify({ siteKey: site.publicKey }) });
      return res.ok ? ((await res.json()) as { plugins: { id: string }[] }).plugins.some((p) => p.id === 'hello') : undefined;
    })
    .toBe(enabled);
}

/** A7 in the browser: the widget part of a plugin loads only on sites of accounts that have it. */
test('a plugin widget part is loaded where the account has the plugin, and not where it is off', async ({ page }) => {
  const { pluginCoreUrl, demoSite } = stack();
  const shop = await startPageServer();
  const publicKey = randomBytes(9).toString('base64url');
  await cms('POST', '/sites', { data: { name: 'Plugin shop', url: shop.url, origins: [shop.url], publicKey, chatLanguage: 'en', account: demoSite.account } });
  shop.setBody(`<!doctype html><html><body><script async src="${pluginCoreUrl}/widget/loader.js" data-callpy-site="${publicKey}"></script></body></html>`);
  const chunkRequests: string[] = [];
  page.on('request', (r) => {
    // Plugin entry chunks only; their shared helper chunks live under plugins/chunks/.
    if (/\/widget\/plugins\/[^/]+\.js$/.test(r.url())) chunkRequests.push(r.url());
  });

  await setHello(true, { publicKey, origin: shop.url });
  await page.goto(shop.url);
  await expect(page.locator('html')).toHaveAttribute('data-hello-widget', /.+/);
  expect(chunkRequests).toEqual([expect.stringMatching(new RegExp(`^${pluginCoreUrl}/widget/plugins/hello-[A-Z0-9]{8}\\.js$`))]);

  await setHello(false, { publicKey, origin: shop.url });
  chunkRequests.length = 0;
  await page.goto(`${shop.url}/?off`);
  const session = await page.evaluate(() => window.Callpy!.ready);
  expect(session.plugins).toEqual([]);
  // The loader imports chunks as soon as the session names them; once the network is idle none was asked for.
  await page.waitForLoadState('networkidle');
  expect(chunkRequests).toEqual([]);
  await expect(page.locator('html')).not.toHaveAttribute('data-hello-widget', /.+/);
  await shop.close();
});
