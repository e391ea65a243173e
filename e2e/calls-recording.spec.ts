import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import { callWindow, withOperatorAndVisitor } from './support/calls-panel.js';
import { shotsInBothLanguages } from './support/layout.js';
import { screenshotDir } from './support/stack.js';
import { MEDIA_ARGS, expectFlowing } from './support/webrtc.js';

fs.mkdirSync(screenshotDir, { recursive: true });
test.use({ launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, ...MEDIA_ARGS] } });
// Two browsers with media and two rounds of screenshots: more than the default 90 s on two cores.
test.describe.configure({ timeout: 180_000 });

/**
 * D4 recording end to end: in a real call between the real panel and the real widget (fake
 * devices), the operator records; both sides see the notice (the server's CallDto.recording);
 * the panel uploads chunks while it records; stopped, the recording is a message of the dialog
 * that the panel plays — its `<audio>` has a duration — and the archive shows it.
 */

/** The recording's length as the `<audio>` reads it. MediaRecorder's WebM has no duration in its header: seeking to the end makes Chromium find it. */
function audioDuration(page: Page): Promise<number> {
  return page.getByTestId('calls-recording-audio').last().evaluate(async (audio: HTMLAudioElement) => {
    // The element failing to load (a refused source, bytes it cannot read) ends the wait with why.
    const event = (name: string) =>
      new Promise((resolve, reject) => {
        audio.addEventListener(name, resolve, { once: true });
        audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}: ${audio.error?.message}`)), { once: true });
      });
    if (audio.error) throw new Error(`audio error ${audio.error.code}: ${audio.error.message}`);
    if (audio.readyState < HTMLMediaElement.HAVE_METADATA) await event('loadedmetadata');
    if (audio.duration === Infinity || Number.isNaN(audio.duration)) {
      const found = event('durationchange');
      audio.currentTime = 1e9;
      await found;
    }
    return audio.duration;
  });
}

test('D4: the operator records the call; both sides see the notice; stopped, the recording plays in the dialog and is in the archive', async ({ browser }) => {
  await withOperatorAndVisitor(browser, async (panel, visitor) => {
    const op = panel.page;
    const v = visitor.page;
    const token = `запись-${Date.now()}`;
    await v.getByTestId('cp-input').fill(`Позвоните мне, пожалуйста ${token}`);
    await v.getByTestId('cp-input').press('Enter');
    await op.getByTestId('chat-tab-dialogs').click();
    await op.getByTestId('chat-section-mine').click();
    const item = op.getByTestId('chat-dialog-item').filter({ hasText: token });
    const dialogId = await item.getAttribute('data-dialog-id');
    await item.click();

    await op.getByTestId('chat-plugin-action-calls.call').click();
    await op.getByTestId('calls-call-here').click();
    await v.getByTestId('call-accept').click();
    await expect(callWindow(op)).toHaveAttribute('data-phase', 'active');
    await expectFlowing(op, 'audio');
    await expectFlowing(v, 'audio');
    await expect(v.getByTestId('call-recording')).toBeHidden();

    // «Записать звонок»: the notice on both sides comes from the server's call.updated.
    const record = op.getByTestId('calls-record');
    await expect(record).toHaveAttribute('title', 'Записать звонок');
    // Two chunks uploaded (one every 2 s): a few seconds of the call's sound are on the server.
    const secondChunk = op.waitForResponse((r) => /\/api\/calls\/recordings\/[^/]+\/chunks\/1$/.test(r.url()) && r.status() === 201);
    await record.click();
    await expect(op.getByTestId('calls-recording')).toHaveText('Идёт запись');
    await expect(record).toHaveAttribute('title', 'Остановить запись');
    await expect(v.getByTestId('call-recording')).toBeVisible();
    await expect(v.getByTestId('call-recording')).toHaveText('Идёт запись звонка');
    await shotsInBothLanguages(op, screenshotDir, 'calls-window-recording', () => expect(op.getByTestId('calls-recording')).toBeVisible());
    await v.screenshot({ path: path.join(screenshotDir, 'calls-widget-recording-ru-desktop.png') });
    await secondChunk;

    // «Остановить запись»: the notice goes on both sides, the recording is a message of the dialog.
    await op.getByTestId('calls-record').click();
    await expect(op.getByTestId('calls-recording')).toBeHidden();
    await expect(v.getByTestId('call-recording')).toBeHidden();
    const line = op.getByTestId('chat-messages').getByTestId('calls-recording-line').last();
    await expect(line).toContainText(/Запись звонка · \d+:\d\d/);
    await expect(line).toContainText('Записал(а): ');
    await expect(v.getByTestId('cp-messages')).toContainText('Звонок записан');

    // The panel plays it: fetched with the operator's sign-in, an <audio> with a real length.
    await line.getByTestId('calls-recording-play').click();
    expect(await audioDuration(op)).toBeGreaterThan(2);

    await op.getByTestId('calls-hangup').click();
    await expect(callWindow(op)).toBeHidden({ timeout: 10_000 });
    await shotsInBothLanguages(op, screenshotDir, 'calls-recording-line', () => expect(op.getByTestId('calls-recording-line').last()).toBeVisible());

    // Closed, the dialog is in the archive with its recording, which plays there too.
    await op.getByTestId('chat-close').click();
    await op.getByTestId('chat-section-archive').click();
    await op.locator(`[data-testid="chat-dialog-item"][data-dialog-id="${dialogId}"]`).click();
    const archived = op.getByTestId('chat-messages').getByTestId('calls-recording-line').last();
    await expect(archived).toBeVisible();
    await archived.getByTestId('calls-recording-play').click();
    expect(await audioDuration(op)).toBeGreaterThan(2);
  });
});
