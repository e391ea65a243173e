import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { connectChat } from '../plugins/chat/test/chat-client.js';
import { installCode } from '../core/src/sites/install-code.js';
import { cms } from './support/cms.js';
import { stack } from './support/stack.js';

/**
 * Issue 10's WidgetHost in a real browser, with the real loader, host and chat: a probe plugin
 * (served by the test page, added to the session the core gives) fills the chat widget's slots,
 * listens to navigation and `Callpy.track`, and opens a namespace of its own — over the same one
 * WebSocket as the chat.
 */
const PROBE = `
export const dependsOn = ['chat'];
export default function mount({ host }) {
  const log = (window.probe = { chatFirst: !!document.querySelector('callpy-chat'), tracks: [], pages: [], clicks: [] });
  host.onTrack((name, props) => log.tracks.push([name, props ?? null]));
  host.onNavigate((page) => log.pages.push(page.url));
  host.slots.headerButtons.add({ id: 'probe', label: { ru: 'Проба', en: 'Probe' }, onClick: () => log.clicks.push('header') });
  host.slots.composerActions.add({ id: 'probe-action', label: { ru: 'Действие', en: 'Action' }, onClick: () => log.clicks.push('composer') });
  host.socket('/probe').on('connect_error', (e) => (log.probeError = e.message));
}`;

test('plugins share the host: one WebSocket, slots in the chat, navigation and queued track calls', async ({ page }) => {
  const { coreUrl, operator, demoSite } = stack();
  const server = http.createServer((req, res) => {
    if (req.url === '/probe.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(PROBE);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    // The page tracks before the loader has even been fetched: the install code's stub queues it.
    res.end(`<!doctype html><html><head><title>Host shop</title></head><body>
      ${installCode(coreUrl, publicKey).afterBody.replace('</script>\n<script async', `</script>\n<script>Callpy.track('add_to_cart', { sum: 1200 })</script>\n<script async`)}
      <button id="go" onclick="history.pushState({}, '', '/checkout'); Callpy.track('checkout')">Checkout</button></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const shop = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const publicKey = randomBytes(9).toString('base64url');
  await cms('POST', '/sites', { data: { name: 'Host shop', url: shop, origins: [shop], publicKey, chatLanguage: 'en', account: demoSite.account } });
  // The core learns of the new site from the CMS: wait until it hands this site's visitors a session.
  await expect
    .poll(async () => (await fetch(`${coreUrl}/api/widget/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: shop }, body: JSON.stringify({ siteKey: publicKey }) })).status)
    .toBe(200);
  // The probe joins the plugins the core names (as another plugin's chunk would).
  await page.route(`${coreUrl}/api/widget/session`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { plugins: { id: string; url: string }[] };
    await route.fulfill({ response, json: { ...body, plugins: [{ id: 'probe', url: `${shop}/probe.js` }, ...body.plugins] } });
  });
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));

  const login = (await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };
  const op = await connectChat(coreUrl, login.accessToken, coreUrl);
  try {
    await op.call('operator.status', { status: 'online' });
    await page.goto(shop);
    await expect(page.getByTestId('cp-launcher')).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { probe?: { probeError?: string } }).probe?.probeError)).toBeTruthy();
    const probe = () => page.evaluate(() => (window as unknown as { probe: { chatFirst: boolean; tracks: unknown[]; pages: string[]; clicks: string[] } }).probe);
    expect((await probe()).chatFirst, 'dependsOn: the probe mounted after the chat').toBe(true);
    expect((await probe()).tracks).toEqual([['add_to_cart', { sum: 1200 }]]);
    expect((await probe()).pages).toEqual([`${shop}/`]);
    expect(sockets, 'the chat and the probe share one connection').toHaveLength(1);
    expect(await page.evaluate(() => window.Callpy!.mounted.sort())).toEqual(['chat', 'probe']);

    await page.locator('#go').click();
    await expect.poll(async () => (await probe()).pages).toEqual([`${shop}/`, `${shop}/checkout`]);
    expect((await probe()).tracks).toEqual([['add_to_cart', { sum: 1200 }], ['checkout', null]]);

    await page.getByTestId('cp-launcher').click();
    await expect(page.getByTestId('cp-slot-probe')).toHaveAttribute('aria-label', 'Probe');
    await page.getByTestId('cp-slot-probe').click();
    await page.getByTestId('cp-slot-probe-action').click();
    expect((await probe()).clicks).toEqual(['header', 'composer']);
    expect(sockets).toHaveLength(1);
  } finally {
    op.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
