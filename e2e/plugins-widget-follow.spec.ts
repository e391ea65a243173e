import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page, type WebSocket } from '@playwright/test';
import { installCode } from '../core/src/sites/install-code.js';
import type { GoalHitDto } from '../plugins/goals/shared/goals.protocol.js';
import { apiAs, type Api } from './support/api.js';
import { cms } from './support/cms.js';
import { startPageServer } from './support/page-server.js';
import { linkIn, mailTo, screenshotDir, stack } from './support/stack.js';

/**
 * A7 in the browser, the widget's half: the agency switches a plugin of a client through the same
 * API its console calls, and the client's open pages follow without a reload — the chat's widget
 * goes and comes back, the goals stop and start listening — while another client's open page is
 * told nothing.
 */

const GOALS = [
  { id: 'buy', name: 'Buy', type: 'click', selector: '#buy' },
  { id: 'cart', name: 'Cart', type: 'click', selector: '#cart' },
];

interface Client {
  id: string;
  site: { id: string; publicKey: string };
  shop: Awaited<ReturnType<typeof startPageServer>>;
}

/** A new client of the demo agency with its first site on a page of ours, made as the console makes it. */
async function newClient(staff: Api, label: string): Promise<Client & { adminEmail: string }> {
  const shop = await startPageServer();
  const tag = randomBytes(3).toString('hex');
  const adminEmail = `follow-${label}-${tag}@e2e.test`;
  const client = await staff.call<{ id: string; sites: { id: string }[] }>('POST', '/api/agency/clients', { name: `Follow ${label} ${tag}`, timezone: 'Europe/Moscow', language: 'en', siteUrl: shop.url, adminEmail });
  // On PRO: a new client is on Free, whose plan holds the chat alone (A9).
  await staff.call('PUT', `/api/billing/agency/clients/${client.id}/licence`, { plan: 'pro', seats: 5, paidUntil: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString() });
  const siteId = client.sites[0]!.id;
  const snapshot = (await cms('GET', '/snapshot')) as { sites: { documentId: string; publicKey: string }[] };
  const publicKey = snapshot.sites.find((s) => s.documentId === siteId)!.publicKey;
  shop.setBody(`<!doctype html><html><head><title>${label}</title></head><body>
    <h1>${label}</h1><button id="buy">Buy</button> <button id="cart">Cart</button>
    ${installCode(stack().coreUrl, publicKey).afterBody}</body></html>`);
  return { id: client.id, site: { id: siteId, publicKey }, shop, adminEmail };
}

/** The client's first admin, from the invitation the agency's new client sent. */
async function adminOf(adminEmail: string): Promise<Api> {
  const token = new URL(linkIn(await mailTo(adminEmail), '/accept-invitation')).searchParams.get('token');
  const password = 'follow admin password 1';
  const accepted = await fetch(`${stack().coreUrl}/api/auth/accept-invitation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password, firstName: 'Ada', lastName: 'Admin' }) });
  expect(accepted.ok).toBe(true);
  return apiAs({ email: adminEmail, password });
}

/** What a page's one WebSocket carries, both ways, in order. */
function frames(page: Page): { sent: string[]; received: string[]; next(direction: 'sent' | 'received', match: RegExp): Promise<string> } {
  const log = { sent: [] as string[], received: [] as string[] };
  const waiting: { direction: 'sent' | 'received'; match: RegExp; resolve: (f: string) => void }[] = [];
  const seen = (direction: 'sent' | 'received', payload: string | Buffer) => {
    const frame = String(payload);
    log[direction].push(frame);
    for (const w of waiting.filter((w) => w.direction === direction && w.match.test(frame))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(frame);
    }
  };
  page.on('websocket', (ws: WebSocket) => {
    ws.on('framesent', (f) => seen('sent', f.payload));
    ws.on('framereceived', (f) => seen('received', f.payload));
  });
  return { ...log, next: (direction, match) => new Promise((resolve) => waiting.push({ direction, match, resolve })) };
}

const mounted = (page: Page) => page.evaluate(() => [...window.Callpy!.mounted].sort());
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `plugins-follow-${name}.png`) });

test('open widgets follow a plugin switch without a reload; another client\'s widget is told nothing', async ({ browser }) => {
  const staff = await apiAs(stack().staff);
  const ours = await newClient(staff, 'ours');
  const theirs = await newClient(staff, 'theirs');
  const admin = await adminOf(ours.adminEmail);
  await admin.call('PUT', `/api/plugins/goals/settings/sites/${ours.site.id}`, { value: { goals: GOALS } });
  const setPlugin = (client: Client, pluginId: string, enabled: boolean) => staff.call('PUT', `/api/agency/clients/${client.id}/plugins/${pluginId}`, { enabled });
  const since = new Date().toISOString();

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  const [page, foreign] = [await context.newPage(), await context.newPage()];
  for (const p of [page, foreign]) p.on('pageerror', (e) => errors.push(e.message));
  const wire = frames(page);
  const foreignWire = frames(foreign);
  try {
    await page.goto(ours.shop.url);
    await foreign.goto(theirs.shop.url);
    for (const p of [page, foreign]) await expect(p.getByTestId('cp-offline-tab')).toBeVisible();
    await expect.poll(() => mounted(page)).toEqual(['calls', 'chat', 'cobrowse', 'goals']);
    await expect.poll(() => mounted(foreign)).toEqual(['calls', 'chat', 'cobrowse', 'goals']);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const hit = wire.next('sent', /^42\/goals,\d*\["goal\.hit",\{"goalId":"buy"/);
    await page.locator('#buy').click();
    await hit;
    await shot(page, 'before');

    // Goals off: its listeners go, and its namespace with them.
    const left = wire.next('sent', /^41\/goals,/);
    await setPlugin(ours, 'goals', false);
    await left;
    await expect.poll(() => mounted(page), { timeout: 1000 }).toEqual(['calls', 'chat', 'cobrowse']);
    // A click on a goal now sends nothing: a frame the chat sends after it (the next page of a
    // single-page app) is the sign that every frame of the click would have gone out before it.
    await page.locator('#cart').click();
    const navigated = wire.next('sent', /^42\/chat,\d*\["visitor\.page"/);
    await page.evaluate(() => history.pushState({}, '', '/after-cart'));
    await navigated;
    expect(wire.sent.filter((f) => f.includes('"goal.hit"'))).toHaveLength(1);
    // Chat off: its widget goes at once, without a reload, and the calls and co-browsing (they depend on the chat) with it.
    const chatLeft = wire.next('sent', /^41\/chat,/);
    const callsLeft = wire.next('sent', /^41\/calls,/);
    await setPlugin(ours, 'chat', false);
    await expect(page.locator('callpy-chat')).toHaveCount(0, { timeout: 1000 });
    await Promise.all([chatLeft, callsLeft]);
    await expect.poll(() => mounted(page), { timeout: 1000 }).toEqual([]);
    await shot(page, 'off');

    // On again: both come back, the goals with the site's goals, as a new page would get them.
    await setPlugin(ours, 'chat', true);
    await setPlugin(ours, 'goals', true);
    await expect(page.getByTestId('cp-offline-tab')).toBeVisible({ timeout: 1000 });
    await expect.poll(() => mounted(page), { timeout: 1000 }).toEqual(['calls', 'chat', 'cobrowse', 'goals']);
    const again = wire.next('sent', /^42\/goals,\d*\["goal\.hit",\{"goalId":"cart"/);
    await page.locator('#cart').click();
    await again;
    // Once: no listener of the first mount is left to send it again.
    const navigatedAgain = wire.next('sent', /^42\/chat,\d*\["visitor\.page"/);
    await page.evaluate(() => history.pushState({}, '', '/after-cart-again'));
    await navigatedAgain;
    expect(wire.sent.filter((f) => f.includes('"goal.hit"'))).toHaveLength(2);
    await expect
      .poll(async () => (await admin.call<{ hits: GoalHitDto[] }>('GET', `/api/goals/hits?since=${encodeURIComponent(since)}`)).hits.map((h) => h.goalId).sort())
      .toEqual(['buy', 'cart']);
    await shot(page, 'on-again');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), 'no reload').toBe(true);

    // The other client's page heard none of it: its first notice is its own switch (frames on one
    // connection keep their order, so ours would have come first).
    const told = foreignWire.next('received', /^42\/visitor,\["plugins\.changed"/);
    await setPlugin(theirs, 'goals', false);
    expect(JSON.parse((await told).slice('42/visitor,'.length))[1].plugins.map((p: { id: string }) => p.id)).toEqual(['chat', 'calls', 'cobrowse']);
    expect(foreignWire.received.filter((f) => f.includes('"plugins.changed"'))).toHaveLength(1);
    await expect.poll(() => mounted(foreign), { timeout: 1000 }).toEqual(['calls', 'chat', 'cobrowse']);
    await expect(foreign.getByTestId('cp-offline-tab')).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await Promise.all([ours.shop.close(), theirs.shop.close()]);
  }
});
