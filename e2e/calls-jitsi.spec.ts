import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type FrameLocator, type Page } from '@playwright/test';
import { installCode } from '../core/src/sites/install-code.js';
import { connectSocket } from '../plugins/chat/test/chat-client.js';
import type { CallDto } from '../plugins/calls/shared/calls.protocol.js';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import type { CoreProcess } from './support/core-process.js';
import { startJitsiStandIn, type JitsiStandIn } from './support/jitsi-stand-in/server.js';
import { shotsInBothLanguages } from './support/layout.js';
import { startPageServer } from './support/page-server.js';
import { closeChatPanel, openChatPanel, type Panel } from './support/panel.js';
import { startSiteCore } from './support/site-core.js';
import { screenshotDir, stack } from './support/stack.js';
import { MEDIA_ARGS, mediaContext } from './support/webrtc.js';

/**
 * Calls through Jitsi Meet (issue 11, «Two media back-ends»): a core of its own with
 * CALLS_BACKEND=jitsi and CALLS_JITSI_DOMAIN at the local stand-in (support/jitsi-stand-in: the
 * IFrame API's documented constructor, commands and events, its rooms shared through the stand-in
 * server). The real panel and the real widget load `external_api.js` from that host at run time
 * and enter the call's room; the state machine, the ring, the end and the dialog's line are the
 * server's as with WebRTC.
 */
test.use({ launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, ...MEDIA_ARGS] } });
test.describe.configure({ mode: 'serial', timeout: 180_000 });
fs.mkdirSync(screenshotDir, { recursive: true });

let jitsi: JitsiStandIn;
let core: CoreProcess;
let shop: Awaited<ReturnType<typeof startPageServer>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  jitsi = await startJitsiStandIn();
  shop = await startPageServer();
  const started = await startSiteCore({
    name: 'jitsi core',
    file: 'jitsi-core',
    siteUrl: shop.url,
    siteName: 'Jitsi shop',
    extraEnv: { CALLS_BACKEND: 'jitsi', CALLS_JITSI_DOMAIN: jitsi.domainOption, CALLS_RING_TIMEOUT_MS: '20000' },
  });
  core = started.core;
  shop.setBody(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Jitsi shop</title></head>
    <body style="font-family: sans-serif; margin: 40px"><h1>Электрочайники</h1><p>Каталог, доставка, гарантия.</p>${installCode(core.url, started.publicKey).afterBody}</body></html>`);
});
test.afterAll(async () => {
  await core?.stop();
  await shop?.close();
  await jitsi?.close();
});

/** Ends what a failed test may have left ringing or under way for the operator on this core. */
async function hangUpHere(who: { email: string; password: string }): Promise<void> {
  try {
    const login = await fetch(`${core.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const socket = await connectSocket(core.url, { namespace: '/calls', probe: ['calls.mine', {}] }, accessToken, core.url);
    for (const call of await socket.call<CallDto[]>('calls.mine', {})) if (call.state !== 'ended') await socket.raw('call.hangup', { callId: call.id });
    socket.close();
  } catch {
    /* a clean-up never fails the test */
  }
}

async function visitorPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...mediaContext });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(shop.url);
  await expect(page.getByTestId('cp-launcher')).toBeVisible();
  await page.getByTestId('cp-launcher').click();
  return { context, page, errors };
}

const callWindow = (page: Page) => page.getByTestId('calls-window');
/** The stand-in's room page in the panel's call window, and in the widget's card (its shadow root is open: locators pierce it). */
const panelRoom = (page: Page): FrameLocator => page.frameLocator('[data-testid="calls-jitsi-stage"] iframe');
const widgetRoom = (page: Page): FrameLocator => page.frameLocator('[data-testid="call-stage"] iframe');

/** After a resize: the room page has laid itself out at its frame's new size (the frame is another process: its paint may lag). */
async function roomFits(page: Page, frame: string): Promise<void> {
  await expect
    .poll(async () => {
      const box = await page.locator(frame).boundingBox();
      const size = await page.frameLocator(frame).getByTestId('jitsi-room').getAttribute('data-size');
      const [w, h] = (size ?? '0x0').split('x').map(Number);
      return !!box && Math.abs(box.width - w!) <= 1 && Math.abs(box.height - h!) <= 1;
    })
    .toBe(true);
}

async function withOperatorAndVisitor(browser: Browser, run: (op: Page, v: Page) => Promise<void>): Promise<void> {
  const { operator } = stack();
  let panel: Panel | undefined;
  let visitor: Awaited<ReturnType<typeof visitorPage>> | undefined;
  try {
    panel = await openChatPanel(browser, core.url, operator, { context: { ...mediaContext, viewport: { width: 1280, height: 800 } } });
    visitor = await visitorPage(browser);
    await run(panel.page, visitor.page);
    expect([...panel.errors, ...visitor.errors]).toEqual([]);
  } finally {
    await hangUpHere(operator);
    await closeChatPanel(panel);
    await visitor?.context.close();
  }
}

test('D1 through Jitsi: the operator calls, the visitor accepts; both are in the same room of the stand-in; mute and camera reach it; the hang-up disposes both frames; the line on both sides', async ({ browser }) => {
  await withOperatorAndVisitor(browser, async (op, v) => {
    const token = `jitsi-${Date.now()}`;
    await v.getByTestId('cp-input').fill(`Позвоните мне ${token}`);
    await v.getByTestId('cp-input').press('Enter');
    await op.getByTestId('chat-tab-dialogs').click();
    await op.getByTestId('chat-section-mine').click();
    await op.getByTestId('chat-dialog-item').filter({ hasText: token }).click();
    await op.getByTestId('chat-plugin-action-calls.call').click();
    await op.getByTestId('calls-call-here').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'calling');
    await v.getByTestId('call-accept').click();

    // Both loaded the IFrame API from the configured host (a script element of that address) and joined one room.
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'active');
    await expect(op.locator(`script[src="${jitsi.origin}/external_api.js"]`)).toHaveCount(1);
    await expect(v.locator(`script[src="${jitsi.origin}/external_api.js"]`)).toHaveCount(1);
    await expect(panelRoom(op).getByTestId('jitsi-participant')).toHaveCount(1);
    await expect(widgetRoom(v).getByTestId('jitsi-participant')).toHaveCount(1);
    // participantJoined reached both sides' code: the window says connected, the card is live.
    await expect(op.getByTestId('calls-window-state')).toHaveAttribute('data-state', 'connected');
    await expect(v.getByTestId('call-card')).toHaveAttribute('data-phase', 'active');
    const rooms = jitsi.rooms();
    expect(rooms).toHaveLength(1);
    expect(rooms[0]).toMatch(/^callpy[0-9a-f]{32}$/);
    const roomName = rooms[0]!;
    await expect(panelRoom(op).getByTestId('jitsi-room-name')).toHaveText(roomName);
    await expect(widgetRoom(v).getByTestId('jitsi-room-name')).toHaveText(roomName);
    // The operator's name is the panel user's, sent as userInfo.displayName.
    await expect(widgetRoom(v).getByTestId('jitsi-participant')).toHaveAttribute('data-name', 'Олег Операторов');

    // toggleAudio through our button: the stand-in mutes, its event comes back to the button, the other side sees it.
    await op.getByTestId('calls-mic').click();
    await expect(op.getByTestId('calls-mic')).toHaveAttribute('aria-pressed', 'true');
    await expect(widgetRoom(v).getByTestId('jitsi-participant')).toHaveAttribute('data-audio-muted', 'true');
    await op.getByTestId('calls-mic').click();
    await expect(op.getByTestId('calls-mic')).toHaveAttribute('aria-pressed', 'false');
    await expect(widgetRoom(v).getByTestId('jitsi-participant')).toHaveAttribute('data-audio-muted', 'false');
    // The visitor's camera (toggleVideo) and microphone from the card, seen in the operator's room.
    await v.getByTestId('call-cam').click();
    await expect(panelRoom(op).getByTestId('jitsi-participant')).toHaveAttribute('data-video-muted', 'false');
    await v.getByTestId('call-mic').click();
    await expect(panelRoom(op).getByTestId('jitsi-participant')).toHaveAttribute('data-audio-muted', 'true');
    await expect(v.getByTestId('call-mic')).toHaveAttribute('aria-pressed', 'true');
    const log = jitsi.log(roomName);
    expect(log.filter((e) => e.event === 'joined').map((e) => e.displayName).sort()).toEqual(expect.arrayContaining(['Олег Операторов']));
    // Our recording and the hand-over are not offered through Jitsi, and the buttons say why.
    await expect(op.getByTestId('calls-record')).toHaveAttribute('aria-disabled', 'true');
    await expect(op.getByTestId('calls-record')).toHaveAttribute('title', 'Запись недоступна для звонков через Jitsi Meet');
    await expect(op.getByTestId('calls-handover')).toHaveAttribute('aria-disabled', 'true');
    await expect(op.getByTestId('calls-handover')).toHaveAttribute('title', 'Перевод звонка на телефон недоступен для звонков через Jitsi Meet');

    // Screenshots: the panel's call window (1280 and a phone, both languages), the widget's card (1280 and a phone).
    await shotsInBothLanguages(
      op,
      screenshotDir,
      'calls-jitsi-window',
      () => expect(panelRoom(op).getByTestId('jitsi-participant')).toHaveCount(1),
      () => roomFits(op, '[data-testid="calls-jitsi-stage"] iframe'),
    );
    await v.screenshot({ path: path.join(screenshotDir, 'calls-jitsi-widget-en-desktop.png') });
    await v.setViewportSize({ width: 390, height: 844 });
    await roomFits(v, '[data-testid="call-stage"] iframe');
    await v.screenshot({ path: path.join(screenshotDir, 'calls-jitsi-widget-en-phone.png') });
    await v.setViewportSize({ width: 1280, height: 800 });

    // The operator hangs up: both frames are disposed (the room is left), the call is over on both sides.
    await op.getByTestId('calls-hangup').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'ended');
    await expect(op.locator('iframe')).toHaveCount(0);
    await expect(v.getByTestId('call-card')).toHaveAttribute('data-phase', 'ended');
    await expect(v.getByTestId('call-stage').locator('iframe')).toHaveCount(0);
    await expect.poll(() => jitsi.log(roomName).filter((e) => e.event === 'left').length).toBe(2);
    const line = op.getByTestId('chat-messages').getByTestId('calls-line').last();
    await expect(line).toHaveAttribute('data-outcome', 'answered');
    await expect(line.getByTestId('calls-line-outcome')).toContainText(/Разговор \d+:\d\d, завершил оператор/);
    await expect(v.getByTestId('cp-messages')).toContainText(/Call, \d+:\d\d/);
  });
});

test("D2 through Jitsi: the visitor's call rings the operator as with WebRTC; accepted, both are in a new room; the visitor hangs up", async ({ browser }) => {
  await withOperatorAndVisitor(browser, async (op, v) => {
    const before = new Set(jitsi.rooms());
    await v.getByTestId('cp-slot-calls').click();
    const ring = op.getByTestId('calls-ringing');
    await expect(ring).toBeVisible();
    await ring.getByTestId('calls-ringing-accept').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'active');
    await expect(op.getByTestId('calls-window-state')).toHaveAttribute('data-state', 'connected');
    await expect(v.getByTestId('call-card')).toHaveAttribute('data-phase', 'active');
    await expect(widgetRoom(v).getByTestId('jitsi-participant')).toHaveCount(1);
    const fresh = jitsi.rooms().filter((r) => !before.has(r));
    expect(fresh).toHaveLength(1);
    await expect(panelRoom(op).getByTestId('jitsi-room-name')).toHaveText(fresh[0]!);

    await v.getByTestId('call-hangup').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'ended');
    await expect(op.locator('iframe')).toHaveCount(0);
    await expect(v.getByTestId('call-stage').locator('iframe')).toHaveCount(0);
    await expect(v.getByTestId('call-card')).toHaveAttribute('data-phase', 'ended');
  });
});
