import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import { callWindow, openDialog, visitorPage, withMedia, withOperatorAndVisitor, type Visitor } from './support/calls-panel.js';
import { shotsInBothLanguages } from './support/layout.js';
import { closeChatPanel, openChatPanel, type Panel } from './support/panel.js';
import { hangUpCalls } from './support/operator-calls.js';
import { screenshotDir, stack } from './support/stack.js';
import { MEDIA_ARGS, expectFlowing, liveTracks, mediaContext, recordPeers, watchInbound } from './support/webrtc.js';

fs.mkdirSync(screenshotDir, { recursive: true });
test.use({ launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, ...MEDIA_ARGS] } });
// Three browsers with media and twelve screenshots a test: more than the default 90 s on two cores.
test.describe.configure({ timeout: 180_000 });

/**
 * Calls end to end (D1, D2, D5): the real panel and the real widget on the demo site, in Debian's
 * Chromium with fake camera and microphone; what flows is proven by `getStats()` on both ends
 * (support/webrtc.ts records every peer connection a page makes).
 */

test('D1: the operator calls the visitor from the dialog toolbar; audio, then video both ways; the visitor hangs up; the call line on both sides', async ({ browser }) => {
  await withOperatorAndVisitor(browser, async (panel, visitor) => {
    const op = panel.page;
    const v = visitor.page;
    const token = `звонок-${Date.now()}`;
    await v.getByTestId('cp-input').fill(`Можно позвонить? ${token}`);
    await v.getByTestId('cp-input').press('Enter');
    await op.getByTestId('chat-tab-dialogs').click();
    await op.getByTestId('chat-section-mine').click();
    await op.getByTestId('chat-dialog-item').filter({ hasText: token }).click();

    // «Позвонить» → the window offers how; from this device.
    await op.getByTestId('chat-plugin-action-calls.call').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'choose');
    await expect(op.getByTestId('calls-call-here')).toHaveText('Позвонить с текущего устройства');
    await op.getByTestId('calls-call-here').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'calling');

    // The widget rings; the visitor accepts: sound flows both ways.
    await v.getByTestId('call-accept').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'active');
    await expect(op.getByTestId('calls-window-state')).toHaveAttribute('data-state', 'connected');
    await expectFlowing(op, 'audio');
    await expectFlowing(v, 'audio');
    await expect(op.getByTestId('calls-remote-avatar')).toBeVisible();
    await shotsInBothLanguages(op, screenshotDir, 'calls-window-audio', () => expect(op.getByTestId('calls-timer')).toBeVisible());

    // D4: the window's chat has the dialog's messages; the operator answers from it, the widget shows the answer.
    await op.getByTestId('calls-chat-toggle').click();
    await expect(op.getByTestId('calls-chat-messages')).toContainText(token);
    await op.getByTestId('calls-chat-input').fill('Слышу вас, отвечаю из окна звонка');
    await op.getByTestId('calls-chat-send').click();
    await expect(v.getByTestId('cp-messages')).toContainText('Слышу вас, отвечаю из окна звонка');
    await expect(op.getByTestId('calls-chat-input')).toHaveValue('');
    await shotsInBothLanguages(op, screenshotDir, 'calls-window-chat', () => expect(op.getByTestId('calls-chat-messages')).toContainText('отвечаю из окна'));
    await op.getByTestId('calls-chat-toggle').click();

    // E6: the operator shows the screen: the visitor's card shows it (video bytes rising); stopped, the card is an audio call again.
    await op.getByTestId('calls-screen').click();
    await expect(op.getByTestId('calls-screen')).toHaveAttribute('aria-pressed', 'true');
    await expectFlowing(v, 'video');
    await expect(v.getByTestId('call-stage')).toBeVisible();
    await expect(v.getByTestId('call-stage')).toHaveClass(/\bscreen\b/);
    await v.screenshot({ path: `${screenshotDir}/calls-widget-operator-screen-ru-desktop.png` });
    await op.getByTestId('calls-screen').click();
    await expect(op.getByTestId('calls-screen')).toHaveAttribute('aria-pressed', 'false');
    await expect(v.getByTestId('call-stage')).toBeHidden();
    await expect(v.getByTestId('call-remote-off')).toBeHidden();

    // D5: the operator turns the camera on, then the visitor: video flows both ways.
    await op.getByTestId('calls-camera').click();
    await expect(op.getByTestId('calls-local-video')).toBeVisible();
    await expectFlowing(v, 'video');
    await v.getByTestId('call-cam').click();
    await expectFlowing(op, 'video');
    await expect(op.getByTestId('calls-remote-avatar')).toBeHidden();
    await shotsInBothLanguages(op, screenshotDir, 'calls-window-video', () => expect(op.getByTestId('calls-remote-video')).toBeVisible());

    // The visitor hangs up: the window says so, and the dialog has the call's line on both sides.
    await v.getByTestId('call-hangup').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'ended');
    await expect(op.getByTestId('calls-ended')).toHaveText('Звонок завершён');
    const line = op.getByTestId('chat-messages').getByTestId('calls-line').last();
    await expect(line).toHaveAttribute('data-outcome', 'answered');
    await expect(line).toContainText('Исходящий звонок');
    await expect(line.getByTestId('calls-line-outcome')).toContainText(/Разговор \d+:\d\d, завершил посетитель/);
    await expect(v.getByTestId('cp-messages')).toContainText(/Звонок, \d+:\d\d/);
    await expect(callWindow(op)).toBeHidden({ timeout: 10_000 });
  });
});

test('D2: the visitor calls; two operators see the pop-up, one on another page; the first to accept gets it, the other pop-up closes; the operator hangs up', async ({ browser }) => {
  const { coreUrl, operator, admin } = stack();
  let oleg: Panel | undefined;
  let anna: Panel | undefined;
  let visitor: Visitor | undefined;
  try {
    oleg = await openChatPanel(browser, coreUrl, operator, withMedia);
    anna = await openChatPanel(browser, coreUrl, admin, withMedia);
    // Anna leaves the chat for the home page: the pop-up reaches her anywhere in the panel.
    await anna.page.getByTestId('nav-home').click();
    await expect(anna.page).toHaveURL(/\/home$/);
    visitor = await visitorPage(browser);
    const v = visitor.page;

    await v.getByTestId('cp-slot-calls').click();
    const olegRing = oleg.page.getByTestId('calls-ringing');
    const annaRing = anna.page.getByTestId('calls-ringing');
    await expect(olegRing).toBeVisible();
    await expect(annaRing).toBeVisible();
    await expect(annaRing).toContainText(/Звонит /);
    await expect(annaRing.getByTestId('calls-ringing-accept')).toHaveText('Принять');
    await expect(annaRing.getByTestId('calls-ringing-decline')).toHaveText('Отклонить');
    const dialogId = await olegRing.getAttribute('data-dialog-id');

    // Oleg accepts: his window opens on the call, Anna's pop-up closes.
    await olegRing.getByTestId('calls-ringing-accept').click();
    await expect(callWindow(oleg.page)).toHaveAttribute('data-phase', 'active');
    await expect(annaRing).toBeHidden();
    await expect(callWindow(anna.page)).toBeHidden();
    await expectFlowing(oleg.page, 'audio');
    await expectFlowing(v, 'audio');

    // The operator hangs up: the visitor's card ends, the line is in the dialog.
    await oleg.page.getByTestId('calls-hangup').click();
    await expect(callWindow(oleg.page)).toHaveAttribute('data-phase', 'ended');
    await expect(v.getByTestId('call-card')).toContainText(/завершён|завершил/i);
    await openDialog(oleg.page, dialogId!);
    const line = oleg.page.getByTestId('chat-messages').getByTestId('calls-line').last();
    await expect(line).toHaveAttribute('data-outcome', 'answered');
    await expect(line).toContainText('Входящий звонок');
    await expect(line.getByTestId('calls-line-outcome')).toContainText(/завершил оператор/);
    await expect(callWindow(oleg.page)).toBeHidden({ timeout: 10_000 });
    // The call is over: neither side keeps the microphone.
    expect(await liveTracks(oleg.page)).toEqual([]);
    expect(await liveTracks(v)).toEqual([]);

    expect([...oleg.errors, ...anna.errors, ...visitor.errors]).toEqual([]);
  } finally {
    await hangUpCalls(operator);
    await hangUpCalls(admin);
    await closeChatPanel(oleg);
    await closeChatPanel(anna);
    await visitor?.context.close();
  }
});

test('a missed call: the visitor calls, nobody accepts; the pop-up closes at the ring timeout and the dialog says so', async ({ browser }) => {
  await withOperatorAndVisitor(browser, async (panel, visitor) => {
    await visitor.page.getByTestId('cp-slot-calls').click();
    const ring = panel.page.getByTestId('calls-ringing');
    await expect(ring).toBeVisible();
    const dialogId = await ring.getAttribute('data-dialog-id');
    // The pop-up over the chat while it rings (the e2e core rings for 20 s: CALLS_RING_TIMEOUT_MS in support/global-setup.ts).
    await shotsInBothLanguages(panel.page, screenshotDir, 'calls-ringing', () => expect(ring).toBeVisible());
    await expect(ring).toBeHidden({ timeout: 30_000 });
    await expect(visitor.page.getByTestId('call-card')).toContainText('Никто не ответил на звонок');
    await openDialog(panel.page, dialogId!);
    const line = panel.page.getByTestId('chat-messages').getByTestId('calls-line').last();
    await expect(line).toHaveAttribute('data-outcome', 'missed');
    await expect(line.getByTestId('calls-line-outcome')).toHaveText('Пропущенный звонок');
  });
});

test('D3: the operator moves the call to a phone by its QR link, the desktop leaves once the phone hears the visitor; «Вернуть» brings it back', async ({ browser }) => {
  await withOperatorAndVisitor(browser, async (panel, visitor) => {
    const op = panel.page;
    const v = visitor.page;
    const token = `телефон-${Date.now()}`;
    await v.getByTestId('cp-input').fill(`Перезвоните мне ${token}`);
    await v.getByTestId('cp-input').press('Enter');
    await op.getByTestId('chat-tab-dialogs').click();
    await op.getByTestId('chat-section-mine').click();
    await op.getByTestId('chat-dialog-item').filter({ hasText: token }).click();
    await op.getByTestId('chat-plugin-action-calls.call').click();
    await op.getByTestId('calls-call-here').click();
    await v.getByTestId('call-accept').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'active');
    await expectFlowing(v, 'audio');
    // From here to the end of «Вернуть» the visitor must never go a second without sound (make before break both ways).
    const stopWatching = await watchInbound(v, 'audio');

    // «Перевести на телефон»: a QR code of a single-use link; the phone (a third browser) opens it.
    await op.getByTestId('calls-handover').click();
    await expect(op.getByTestId('calls-qr')).toBeVisible();
    const link = await op.getByTestId('calls-handover-link').getAttribute('href');
    expect(link).toMatch(/\/call\/[A-Za-z0-9_-]{20,}$/);
    await shotsInBothLanguages(op, screenshotDir, 'calls-handover', () => expect(op.getByTestId('calls-qr')).toBeVisible());
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ru-RU', ...mediaContext });
    try {
      await recordPeers(phone);
      const p = await phone.newPage();
      const phoneErrors: string[] = [];
      p.on('pageerror', (e) => phoneErrors.push(e.message));
      await p.goto(link!);
      await expect(callWindow(p)).toHaveAttribute('data-phase', 'active');
      await expectFlowing(p, 'audio');
      // Make before break: the desktop leaves only now, and the visitor goes on hearing the operator.
      await expect(callWindow(op)).toHaveAttribute('data-phase', 'elsewhere');
      await expectFlowing(v, 'audio');
      await p.screenshot({ path: `${screenshotDir}/calls-phone-ru.png` });

      // D4 on the phone (no chat around it): the dialog's messages, one the visitor writes now comes live, the phone answers and the widget shows it.
      const phoneChat = p.getByTestId('calls-chat-messages');
      await expect(phoneChat).toContainText(token);
      await v.getByTestId('cp-input').fill('Алло, вы на телефоне?');
      await v.getByTestId('cp-input').press('Enter');
      await expect(phoneChat).toContainText('Алло, вы на телефоне?');
      await p.getByTestId('calls-chat-input').fill('Да, отвечаю с телефона');
      await p.getByTestId('calls-chat-send').click();
      await expect(v.getByTestId('cp-messages')).toContainText('Да, отвечаю с телефона');
      await expect(phoneChat.getByTestId('calls-chat-message').last()).toHaveText(/Да, отвечаю с телефона/);
      await p.screenshot({ path: `${screenshotDir}/calls-phone-chat-ru-phone.png` });
      await p.setViewportSize({ width: 1280, height: 800 });
      await p.screenshot({ path: `${screenshotDir}/calls-phone-chat-ru-desktop.png` });
      await p.setViewportSize({ width: 390, height: 844 });

      // The link was single-use: opened again, it is refused with the plugin's words.
      const again = await phone.newPage();
      await again.goto(link!);
      await expect(again.getByTestId('calls-phone-error')).toContainText('Ссылка для переноса звонка недействительна');
      await again.close();

      // «Вернуть» on the desktop: it joins again, and the phone leaves once the desktop hears the visitor.
      await op.getByTestId('calls-back').click();
      await expect(callWindow(op)).toHaveAttribute('data-phase', 'active');
      await expectFlowing(op, 'audio');
      await expect(p.getByTestId('calls-phone-left')).toBeVisible();
      await expectFlowing(v, 'audio');
      const watched = await stopWatching();
      console.log(`visitor sound during the hand-over and back: ${JSON.stringify(watched)}`);
      expect(watched.samples, 'the visitor\'s sound was sampled').toBeGreaterThan(20);
      expect(watched.longestStallMs, 'the longest time the visitor received no sound').toBeLessThan(1000);

      // A phone whose browser speaks English takes the call over too: its page and chat in English.
      await op.getByTestId('calls-handover').click();
      await expect(op.getByTestId('calls-handover-link')).not.toHaveAttribute('href', link!);
      const second = await op.getByTestId('calls-handover-link').getAttribute('href');
      const english = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US', ...mediaContext });
      try {
        const e = await english.newPage();
        e.on('pageerror', (err) => phoneErrors.push(err.message));
        await e.goto(second!);
        await expect(callWindow(e)).toHaveAttribute('data-phase', 'active');
        await expect(e.getByTestId('calls-chat-toggle')).toContainText("Chat with the call's participants");
        await expect(e.getByTestId('calls-chat-messages')).toContainText('Да, отвечаю с телефона');
        await expect(callWindow(op)).toHaveAttribute('data-phase', 'elsewhere');
        await e.screenshot({ path: `${screenshotDir}/calls-phone-chat-en-phone.png` });
        await e.setViewportSize({ width: 1280, height: 800 });
        await e.screenshot({ path: `${screenshotDir}/calls-phone-chat-en-desktop.png` });
      } finally {
        await english.close();
      }
      await op.getByTestId('calls-hangup').click();
      await expect(callWindow(op)).toHaveAttribute('data-phase', 'ended');
      expect(phoneErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
