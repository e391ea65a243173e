import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import type { CallDto } from '../plugins/calls/shared/calls.protocol.js';
import { apiAs } from './support/api.js';
import { hangUpCalls, operatorCallPage } from './support/operator-calls.js';
import { MEDIA_ARGS, expectFlowing, recordPeers } from './support/webrtc.js';
import { cms } from './support/cms.js';
import { startPageServer } from './support/page-server.js';
import { screenshotDir, stack } from './support/stack.js';

/**
 * The calls plugin's visitor side (issue 11: D1, D2, D5, E6) in real browsers: the real widget on
 * a real page of a site, the real core, and the operator's side driven from a page of the core's
 * origin with the real browser/call-peer.ts (support/call-operator.ts), so that it can turn its
 * camera on and ask for the screen at will (the panel's own spec, calls.spec.ts, drives the panel's
 * call window with this widget). Media are Chromium's fake devices; that media flow is proven by
 * getStats() on both ends (bytes received rising, support/webrtc.ts).
 */
test.use({ launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, ...MEDIA_ARGS] } });
test.describe.configure({ mode: 'serial' });

fs.mkdirSync(screenshotDir, { recursive: true });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

type Lang = 'ru' | 'en';
interface Shop {
  url: string;
  close(): Promise<void>;
}

const shops = new Map<Lang, Shop>();
let operatorContext: BrowserContext;
let op: Page;

/** A site of the demo account in `lang`, with the install code on every page and a link to the next one. */
async function shopIn(lang: Lang): Promise<Shop> {
  const { coreUrl, demoSite } = stack();
  const shop = await startPageServer();
  const publicKey = randomBytes(9).toString('base64url');
  await cms('POST', '/sites', { data: { name: `Calls shop ${lang}`, url: shop.url, origins: [shop.url], publicKey, chatLanguage: lang, account: demoSite.account } });
  shop.setBody(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title></head>
    <body style="font-family: sans-serif; margin: 40px"><h1>Электрочайники</h1><p>Каталог, доставка, гарантия.</p>
    <a data-testid="next" href="/delivery">Доставка</a>
    <script async src="${coreUrl}/widget/loader.js" data-callpy-site="${publicKey}"></script></body></html>`);
  // The core learns of the new site through the CMS's webhook.
  await expect
    .poll(async () => (await fetch(`${coreUrl}/api/widget/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: shop.url }, body: JSON.stringify({ siteKey: publicKey }) })).status, { timeout: 40_000 })
    .toBe(200);
  return shop;
}

async function visitorIn(browser: Browser, lang: Lang): Promise<{ context: BrowserContext; page: Page; errors: string[]; visitorId: string }> {
  const shop = shops.get(lang)!;
  const context = await browser.newContext({ viewport: DESKTOP });
  await context.grantPermissions(['camera', 'microphone'], { origin: shop.url });
  await recordPeers(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(shop.url);
  const visitorId = await page.evaluate(async () => (await window.Callpy!.ready).visitorId);
  await expect(page.getByTestId('cp-launcher')).toBeVisible();
  return { context, page, errors, visitorId };
}

/** A visitor on the site in `lang` for `run`: no page errors by its end; a failure reports both sides' connections. */
async function asVisitor(browser: Browser, lang: Lang, run: (v: { page: Page; visitorId: string }) => Promise<void>): Promise<void> {
  const visitor = await visitorIn(browser, lang);
  try {
    await run(visitor);
    expect(visitor.errors).toEqual([]);
  } catch (e) {
    await report(visitor.page);
    throw e;
  } finally {
    await visitor.context.close();
  }
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `calls-widget-${name}.png`) });
const card = (page: Page) => page.getByTestId('call-card');
/** Runs `fn` on the operator's page with its call side (the function's source goes over, as `evaluate` sends it). */
const operator = <T>(fn: (o: NonNullable<Window['callOperator']>) => T | Promise<T>) => op.evaluate(`(${fn.toString()})(window.callOperator)`) as Promise<T>;
/** How the operator's side heard the call end, if it has. */
const endReason = (callId: string) => op.evaluate((id) => window.callOperator!.updates.find((u) => u.id === id && u.state === 'ended')?.endReason ?? null, callId);

/** The visitor clicks «Позвонить» in the chat's header; the operator takes the call. */
async function visitorCalls(page: Page): Promise<CallDto> {
  const before = await operator((o) => o.rings.length);
  await page.getByTestId('cp-launcher').click();
  await page.getByTestId('cp-slot-calls').click();
  await expect(card(page)).toHaveAttribute('data-phase', 'dialing');
  await expect.poll(() => operator((o) => o.rings.length)).toBe(before + 1);
  const call = await operator((o) => o.rings.at(-1)!);
  expect(call).toMatchObject({ direction: 'visitor-to-operator', state: 'ringing' });
  await op.evaluate((id) => window.callOperator!.accept(id), call.id);
  await expect(card(page)).toHaveAttribute('data-phase', 'active');
  return call;
}

test.beforeAll(async ({ browser }) => {
  const { coreUrl, operator: who } = stack();
  for (const lang of ['ru', 'en'] as const) shops.set(lang, await shopIn(lang));
  operatorContext = await browser.newContext({ bypassCSP: true });
  await operatorContext.grantPermissions(['camera', 'microphone'], { origin: coreUrl });
  await recordPeers(operatorContext);
  op = await operatorCallPage(operatorContext, coreUrl, (await apiAs(who)).token);
});

/** What both sides hold when a test fails (which peer connections, in which state), in its report. */
async function report(visitor: Page): Promise<void> {
  const peers = await visitor
    .evaluate(() => JSON.stringify({ url: location.pathname, peers: (window as unknown as { __callpyPeers?: RTCPeerConnection[] }).__callpyPeers?.map((pc) => [pc.connectionState, pc.signalingState, pc.iceConnectionState, !!pc.localDescription, !!pc.remoteDescription, pc.getSenders().map((x) => x.track?.readyState ?? null)]) }))
    .catch((e: unknown) => String(e));
  const body = `operator: ${await operator((o) => o.state()).catch((e: unknown) => String(e))}\nvisitor: ${peers}`;
  console.log(`calls state:\n${body}`);
  await test.info().attach('calls state', { body, contentType: 'text/plain' });
}

// A test that failed half-way leaves no call of the operator's behind for the next one (it would end only after the grace period).
test.afterEach(async () => {
  await hangUpCalls(stack().operator);
});

test.afterAll(async () => {
  await op?.evaluate(() => window.callOperator?.offline()).catch(() => undefined);
  await operatorContext?.close();
  for (const shop of shops.values()) await shop.close();
});

test('a visitor calls in one click; the call survives a link to the next page; video both ways; the screen shared on consent (D2, D5, E6)', async ({ browser }) => {
  await asVisitor(browser, 'ru', async ({ page }) => {
    const call = await visitorCalls(page);
    await expect(card(page).getByTestId('call-name')).not.toBeEmpty();
    // Audio both ways: each end receives.
    await expectFlowing(page, 'audio');
    await expectFlowing(op, 'audio');

    // The visitor follows a link of the site: the next page joins the call by itself.
    await page.getByTestId('next').click();
    await page.waitForURL(/\/delivery$/);
    await expect(card(page)).toHaveAttribute('data-phase', 'active', { timeout: 20_000 });
    await expectFlowing(page, 'audio');
    await expectFlowing(op, 'audio');
    expect(await operator((o) => o.updates.filter((u) => u.state === 'ended').length), 'the call never ended').toBe(0);

    // D5: the operator turns the camera on; the visitor sees it, then turns theirs on too.
    await operator((o) => o.camera());
    await expect(page.getByTestId('call-stage')).toBeVisible();
    await expect(page.getByTestId('call-remote-off')).toBeHidden();
    await expectFlowing(page, 'video');
    await page.getByTestId('call-cam').click();
    await expect(page.getByTestId('call-self')).toBeVisible();
    await expect.poll(() => operator((o) => o.visitorMedia()?.video)).toBe(true);
    await expectFlowing(op, 'video');
    await shot(page, 'video-ru-desktop');
    await page.setViewportSize(PHONE);
    await expect(card(page)).toBeInViewport({ ratio: 1 });
    await shot(page, 'video-ru-phone');
    await page.setViewportSize(DESKTOP);

    // E6: the operator asks for the screen; the visitor is asked first, then the browser's picker gives it.
    await operator((o) => o.askScreen());
    const ask = page.getByTestId('call-screen-ask');
    await expect(ask).toContainText('Оператор просит показать ваш экран');
    await shot(page, 'screen-ask-ru-desktop');
    await page.getByTestId('call-screen-allow').click();
    await expect(ask).toBeHidden();
    await expect.poll(() => operator((o) => o.screenAnswers)).toEqual([true]);
    await expect.poll(() => operator((o) => o.visitorMedia()?.screen)).toBe(true);
    await expectFlowing(op, 'video');
    await page.getByTestId('call-screen-stop').click();
    await expect.poll(() => operator((o) => o.visitorMedia()?.screen)).toBe(false);

    // The visitor hangs up: the operator hears it, the card offers a message and the chat takes it.
    await page.getByTestId('call-hangup').click();
    await expect.poll(() => endReason(call.id)).toBe('hangup');
    await expect(card(page)).toHaveAttribute('data-phase', 'ended');
    await shot(page, 'ended-ru-desktop');
    await page.getByTestId('call-write').click();
    await expect(card(page)).toBeHidden();
    await expect(page.getByTestId('cp-input')).toBeFocused();

    // The visitor calls again and the operator declines: the card says so and offers a message too.
    await page.getByTestId('cp-slot-calls').click();
    await expect(card(page)).toHaveAttribute('data-phase', 'dialing');
    await expect.poll(() => operator((o) => o.rings.length)).toBe(2);
    await op.evaluate(() => window.callOperator!.decline(window.callOperator!.rings.at(-1)!.id));
    await expect(card(page)).toHaveAttribute('data-phase', 'ended');
    await expect(page.getByTestId('call-status')).toHaveText('Звонок отклонён');
    await expect(page.getByTestId('call-note')).toHaveText('Оставьте сообщение — мы ответим в чате.');
    await page.getByTestId('call-write').click();
    await expect(page.getByTestId('cp-input')).toBeFocused();
  });
});

for (const lang of ['ru', 'en'] as const) {
  test(`${lang}: an operator's call rings in the widget and the visitor declines it; the ring and a video call on a desktop and a phone (D1, D5)`, async ({ browser }) => {
    await asVisitor(browser, lang, async ({ page, visitorId }) => {
      const dialogId = await op.evaluate((id) => window.callOperator!.dialogOf(id), visitorId);
      const ring = await op.evaluate((d) => window.callOperator!.start(d), dialogId);
      await expect(card(page)).toHaveAttribute('data-phase', 'ringing');
      await expect(page.getByTestId('call-accept')).toHaveText(lang === 'ru' ? 'Принять' : 'Accept');
      await expect(page.getByTestId('call-decline')).toHaveText(lang === 'ru' ? 'Отклонить' : 'Decline');
      await shot(page, `ringing-${lang}-desktop`);
      await page.setViewportSize(PHONE);
      await expect(card(page)).toBeInViewport({ ratio: 1 });
      await shot(page, `ringing-${lang}-phone`);
      await page.setViewportSize(DESKTOP);

      // The visitor declines: the operator's call ends «declined», the card offers a message.
      await page.getByTestId('call-decline').click();
      await expect.poll(() => endReason(ring.id)).toBe('declined');
      await expect(card(page)).toHaveAttribute('data-phase', 'ended');
      await expect(page.getByTestId('call-write')).toHaveText(lang === 'ru' ? 'Написать сообщение' : 'Write a message');
      await page.getByTestId('call-close').click();
      await expect(card(page)).toBeHidden();

      // A second call is answered, with video on both sides: the call window on both screens.
      await operator((o) => void o.updates.splice(0));
      const next = await op.evaluate((d) => window.callOperator!.start(d, true), dialogId);
      await expect(card(page)).toHaveAttribute('data-phase', 'ringing');
      await page.getByTestId('call-accept').click();
      // The caller joins once the server says the call is answered.
      await expect.poll(() => operator((o) => o.updates.some((u) => u.state === 'active'))).toBe(true);
      await op.evaluate((id) => window.callOperator!.enter(id), next.id);
      await expect(card(page)).toHaveAttribute('data-phase', 'active');
      await operator((o) => o.camera());
      await page.getByTestId('call-cam').click();
      await expectFlowing(page, 'video');
      await expectFlowing(op, 'video');
      // The timer counts from the answer.
      await expect(page.getByTestId('call-status')).toHaveText(/^(?!0:00$)\d+:\d\d$/);
      await shot(page, `call-${lang}-desktop`);
      await page.setViewportSize(PHONE);
      await expect(card(page)).toBeInViewport({ ratio: 1 });
      await shot(page, `call-${lang}-phone`);
      // The operator hangs up: the visitor's card says so.
      await op.evaluate((id) => window.callOperator!.hangup(id), next.id);
      await expect(card(page)).toHaveAttribute('data-phase', 'ended');
      await expect(page.getByTestId('call-status')).toHaveText(lang === 'ru' ? 'Звонок завершён' : 'Call ended');
    });
  });
}
