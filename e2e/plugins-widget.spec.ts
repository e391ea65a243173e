import { expect, test } from '@playwright/test';
import { stack } from './support/stack.js';

/** A7 in the browser: the widget part of a plugin loads only on sites of accounts that have it. */
async function setHello(enabled: boolean) {
  const { cmsUrl, cmsApiToken, demoSite } = stack();
  const headers = { authorization: `Bearer ${cmsApiToken}`, 'content-type': 'application/json' };
  const snapshot = (await (await fetch(`${cmsUrl}/api/callpy/snapshot`, { headers })).json()) as { pluginEnablements: { documentId: string; account: string; pluginId: string }[] };
  const existing = snapshot.pluginEnablements.find((e) => e.account === demoSite.account && e.pluginId === 'hello');
  const res = existing
    ? await fetch(`${cmsUrl}/api/callpy/plugin-enablements/${existing.documentId}`, { method: 'PUT', headers, body: JSON.stringify({ data: { enabled } }) })
    : await fetch(`${cmsUrl}/api/callpy/plugin-enablements`, { method: 'POST', headers, body: JSON.stringify({ data: { account: demoSite.account, pluginId: 'hello', enabled } }) });
  expect(res.ok).toBe(true);
  // The plugin core re-syncs its content cache every second.
  await new Promise((r) => setTimeout(r, 2500));
}

test('a plugin widget part is loaded where the account has the plugin, and not where it is off', async ({ page }) => {
  const { pluginCoreUrl, demoSite } = stack();
  const code = `<script async src="${pluginCoreUrl}/widget/loader.js" data-callpy-site="${demoSite.publicKey}"></script>`;
  await page.route(`${demoSite.url}/**`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><body>${code}</body></html>` }));
  const chunkRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/widget/plugins/')) chunkRequests.push(r.url());
  });

  await setHello(true);
  await page.goto(`${demoSite.url}/`);
  await expect(page.locator('html')).toHaveAttribute('data-hello-widget', /.+/);
  expect(chunkRequests).toEqual([`${pluginCoreUrl}/widget/plugins/hello.js`]);

  await setHello(false);
  chunkRequests.length = 0;
  await page.goto(`${demoSite.url}/?off`);
  await page.evaluate(() => window.Callpy!.ready);
  await page.waitForTimeout(300);
  expect(chunkRequests).toEqual([]);
  await expect(page.locator('html')).not.toHaveAttribute('data-hello-widget', /.+/);
});
