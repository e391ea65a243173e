import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import type { MessageDto } from '../plugins/chat/shared/chat.protocol.js';
import { connectChat, type TestSocket } from '../plugins/chat/test/chat-client.js';
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
  host.slots.messageKinds.add({ kind: 'probe.card', render: (m, locale) => {
    const b = document.createElement('b');
    b.dataset.testid = 'probe-card';
    b.textContent = m.payload.title + ' (' + locale + ')';
    return b;
  } });
  host.socket('/probe').on('connect_error', (e) => (log.probeError = e.message));
}`;

interface Probe {
  chatFirst: boolean;
  tracks: unknown[];
  pages: string[];
  clicks: string[];
  probeError?: string;
}
const probe = (page: Page) => page.evaluate(() => (window as unknown as { probe: Probe }).probe);

let server: http.Server;
let shop: string;
let op: TestSocket;

test.beforeAll(async () => {
  const { coreUrl, operator, demoSite } = stack();
  const publicKey = randomBytes(9).toString('base64url');
  server = http.createServer((req, res) => {
    if (req.url === '/probe.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(PROBE);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    // The page tracks before the loader has even been fetched: the install code's stub queues it.
    res.end(`<!doctype html><html><head><title>Host shop</title></head><body>
      ${installCode(coreUrl, publicKey).afterBody.replace('</script>\n<script async', `</script>\n<script>Callpy.track('add_to_cart', { sum: 1200 })</script>\n<script async`)}
      <button id="go" onclick="history.pushState({}, '', '/checkout'); Callpy.track('checkout')">Checkout</button></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  shop = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await cms('POST', '/sites', { data: { name: 'Host shop', url: shop, origins: [shop], publicKey, chatLanguage: 'en', account: demoSite.account } });
  // The core learns of the new site from the CMS: wait until it hands this site's visitors a session.
  await expect
    .poll(async () => (await fetch(`${coreUrl}/api/widget/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: shop }, body: JSON.stringify({ siteKey: publicKey }) })).status)
    .toBe(200);
  const login = (await (await fetch(`${coreUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operator) })).json()) as { accessToken: string };
  op = await connectChat(coreUrl, login.accessToken, coreUrl);
  await op.call('operator.status', { status: 'online' });
});

test.afterAll(async () => {
  op?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A frame from the core as the page gets it here: the probe is among the plugins the core names. */
function relayed(frame: string): string {
  const changed = /^42\/visitor,(.*)$/s.exec(frame);
  if (changed) {
    const [event, payload] = JSON.parse(changed[1]!) as [string, { plugins: { id: string; url: string }[] }];
    return `42/visitor,${JSON.stringify([event, { plugins: [{ id: 'probe', url: `${shop}/probe.js` }, ...payload.plugins] }])}`;
  }
  // Until the core posts plugin messages (issue 10, chat services), the frames get their kind here.
  const m = /^42\/chat,(.*)$/s.exec(frame);
  const [event, payload] = m ? (JSON.parse(m[1]!) as [string, MessageDto]) : [];
  if (event !== 'message.created' || !payload?.text.startsWith('[probe]')) return frame;
  const kind = payload.text.includes('card') ? 'probe.card' : 'other.kind';
  return `42/chat,${JSON.stringify([event, { ...payload, kind, payload: { title: 'Card title' } }])}`;
}

test.beforeEach(async ({ page }) => {
  const { coreUrl } = stack();
  // The probe joins the plugins the core names (as another plugin's chunk would): in the session,
  // and in `plugins.changed` on /visitor (the core tells a widget whose ids differ from its own).
  await page.route(`${coreUrl}/api/widget/session`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { plugins: { id: string; url: string }[] };
    await route.fulfill({ response, json: { ...body, plugins: [{ id: 'probe', url: `${shop}/probe.js` }, ...body.plugins] } });
  });
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((frame) => ws.send(typeof frame === 'string' ? relayed(frame) : frame));
  });
});

test('plugins share the host: one WebSocket, slots in the chat, navigation and queued track calls', async ({ page }) => {
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(shop);
  await expect(page.getByTestId('cp-launcher')).toBeVisible();
  await expect.poll(async () => (await probe(page)).probeError).toBeTruthy();
  expect((await probe(page)).chatFirst, 'dependsOn: the probe mounted after the chat').toBe(true);
  expect((await probe(page)).tracks).toEqual([['add_to_cart', { sum: 1200 }]]);
  expect((await probe(page)).pages).toEqual([`${shop}/`]);
  expect(sockets, 'the chat and the probe share one connection').toHaveLength(1);
  expect(await page.evaluate(() => window.Callpy!.mounted)).toEqual(expect.arrayContaining(['chat', 'probe']));

  await page.locator('#go').click();
  await expect.poll(async () => (await probe(page)).pages).toEqual([`${shop}/`, `${shop}/checkout`]);
  expect((await probe(page)).tracks).toEqual([['add_to_cart', { sum: 1200 }], ['checkout', null]]);

  await page.getByTestId('cp-launcher').click();
  await expect(page.getByTestId('cp-slot-probe')).toHaveAttribute('aria-label', 'Probe');
  await page.getByTestId('cp-slot-probe').click();
  await page.getByTestId('cp-slot-probe-action').click();
  expect((await probe(page)).clicks).toEqual(['header', 'composer']);
  expect(sockets).toHaveLength(1);
});

test('a plugin message kind is drawn by its renderer; a kind without one shows its text', async ({ page }) => {
  await page.goto(shop);
  await page.getByTestId('cp-launcher').click();
  const received = op.next<MessageDto>('message.created', (m) => m.author.kind === 'visitor');
  await page.getByTestId('cp-input').fill('Hello from the host test');
  await page.getByTestId('cp-input').press('Enter');
  const { dialogId } = await received;
  await op.call('message.send', { dialogId, clientId: crypto.randomUUID(), text: '[probe] card' });
  await op.call('message.send', { dialogId, clientId: crypto.randomUUID(), text: '[probe] no renderer' });
  await expect(page.getByTestId('probe-card')).toHaveText('Card title (en)');
  await expect(page.getByTestId('cp-messages')).toContainText('[probe] no renderer');
  await expect(page.getByTestId('cp-messages')).not.toContainText('[probe] card');
});
