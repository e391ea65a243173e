import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { apiAs } from './support/api.js';
import { AVATAR_HTML, PDF, renderPng } from './support/images.js';
import { closeChatPanel, panelAs, type Panel } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';

/**
 * Issue 4, the operator's side of the settings, end to end: a photo uploaded in Profile is the face
 * a visitor sees in the widget (A4), and a working schedule switches the operator's status at its
 * edge by itself, which the widget's online gate follows (A6, B2). Bad files are refused with a
 * clear message and change nothing.
 */

fs.mkdirSync(screenshotDir, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });

interface Profile {
  id: number;
  avatarUrl: string | null;
}

interface SchedulesView {
  timezone: string;
  schedules: { userId: number; email: string; intervals: { day: number; from: string; to: string }[] }[];
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const hhmm = (minutes: number) => (minutes >= 24 * 60 ? '24:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);

/**
 * The first whole minute at least `leadMs` from now, as the account's time zone shows it: a working
 * period starting there (and lasting two minutes) has its edge within about a minute of real time.
 * Schedules are kept to the minute, so no nearer edge can be set.
 */
function nextMinuteEdge(zone: string, leadMs: number) {
  const at = Math.ceil((Date.now() + leadMs) / 60_000) * 60_000;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at)).map((p) => [p.type, p.value]),
  );
  const start = Number(parts['hour']) * 60 + Number(parts['minute']);
  return { at, day: WEEKDAYS.indexOf(parts['weekday']!) + 1, from: hhmm(start), to: hhmm(Math.min(start + 2, 24 * 60)) };
}

/** The operator's chat page, connected and offline: the status is theirs to set (or the schedule's). */
async function operatorPanel(panel: Panel): Promise<void> {
  await panel.page.goto(`${stack().coreUrl}/p/chat`);
  await panel.page.getByTestId('chat-status-offline').click();
  await expect(panel.page.getByTestId('chat-status')).toHaveAttribute('data-status', 'offline');
}

test('a photo uploaded in Profile is the operator’s face in a visitor’s widget; a 6 MB photo and a PDF named .png are refused', async ({ browser }) => {
  test.setTimeout(120_000);
  const { coreUrl, operator, demoSite } = stack();
  const api = await apiAs(operator);
  let oleg: Panel | undefined;
  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    oleg = await panelAs(browser, operator);
    const op = oleg.page;
    // The visitor's widget is open before anything changes: nobody online, the offline tab.
    const visitor = await visitorContext.newPage();
    await visitor.goto(demoSite.url);
    await expect(visitor.getByTestId('cp-offline-tab')).toBeVisible();

    await op.getByTestId('nav-profile').click();
    await expect(op.getByTestId('avatar-input')).toBeAttached();
    const before = await api.call<Profile>('GET', '/api/me/profile');
    expect(before.avatarUrl).toBeNull();

    await test.step('a 6 MB photo is refused before it is sent', async () => {
      const big = Buffer.alloc(6 * 1024 * 1024, 0x20);
      big.set([0xff, 0xd8, 0xff, 0xe0]);
      await op.getByTestId('avatar-input').setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: big });
      await expect(op.getByTestId('avatar-error')).toHaveText('Файл больше 5 МБ — выберите фото поменьше');
      await expect(op.getByTestId('avatar-save')).toHaveCount(0);
      expect((await api.call<Profile>('GET', '/api/me/profile')).avatarUrl).toBeNull();
    });

    await test.step('a PDF named .png is refused by the server, which reads the bytes', async () => {
      await op.getByTestId('avatar-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PDF });
      await op.getByTestId('avatar-save').click();
      await expect(op.getByTestId('avatar-error')).toContainText('нужна картинка JPG, PNG, BMP или GIF');
      await op.getByTestId('avatar-cancel').click();
      await expect(op.getByTestId('avatar-initials')).toBeVisible();
      expect((await api.call<Profile>('GET', '/api/me/profile')).avatarUrl).toBeNull();
    });

    let avatarUrl = '';
    await test.step('a real photo is saved', async () => {
      const photo = await renderPng(browser, AVATAR_HTML, 256, 256);
      await op.getByTestId('avatar-input').setInputFiles({ name: 'oleg.png', mimeType: 'image/png', buffer: photo });
      await expect(op.getByTestId('avatar-pending-name')).toHaveText('oleg.png');
      await op.getByTestId('avatar-save').click();
      await expect(op.getByTestId('avatar-pending-name')).toHaveCount(0);
      await expect(op.getByTestId('avatar-error')).toHaveCount(0);
      avatarUrl = (await api.call<Profile>('GET', '/api/me/profile')).avatarUrl ?? '';
      expect(avatarUrl).not.toBe('');
      await expect(op.getByTestId('avatar-preview')).toHaveAttribute('src', avatarUrl);
      await shot(op, 'e2e-panel-profile-avatar');
    });

    await test.step('the visitor sees the face in the header once the operator is online, and beside the reply', async () => {
      const src = new URL(avatarUrl, coreUrl).href;
      await op.goto(`${coreUrl}/p/chat`);
      await op.getByTestId('chat-status-online').click();
      await visitor.getByTestId('cp-launcher').click();
      const face = visitor.locator('callpy-chat .head img.av');
      await expect(face).toHaveAttribute('src', src);
      await expect.poll(() => face.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(256);

      // A new visitor each run, but the operator's list keeps earlier runs' dialogs: the order number tells this one.
      const order = `заказ №${randomInt(10_000, 99_999)}`;
      await visitor.getByTestId('cp-input').fill(`Добрый день! У меня ${order}: какой чайник подойдёт для пуэра?`);
      await visitor.getByTestId('cp-input').press('Enter');
      await op.getByTestId('chat-section-mine').click();
      await op.getByTestId('chat-dialog-item').filter({ hasText: order }).click();
      await op.getByTestId('chat-input').fill('Для пуэра лучше глиняный: исинский «Сакура» на 200 мл — 2\u00a0900 ₽.');
      await op.getByTestId('chat-input').press('Control+Enter');
      const reply = visitor.getByTestId('cp-message').filter({ hasText: 'исинский' });
      await expect(reply.locator('img.av')).toHaveAttribute('src', src);
      await visitor.mouse.move(10, 10);
      await shot(visitor, 'e2e-widget-operator-avatar');
    });
    expect(oleg.errors).toEqual([]);
  } finally {
    await api.call('DELETE', '/api/me/avatar').catch(() => undefined);
    await closeChatPanel(oleg);
    await visitorContext.close();
  }
});

test('a schedule switches the operator online at its edge, and the open widget’s gate follows', async ({ browser }) => {
  // The edge is the next whole minute at least 20 s away: 20–80 s of waiting.
  test.setTimeout(180_000);
  const { admin, operator, demoSite } = stack();
  const adminApi = await apiAs(admin);
  const view = await adminApi.call<SchedulesView>('GET', '/api/chat/schedules');
  const oleg = view.schedules.find((s) => s.email === operator.email)!;
  expect(oleg.intervals).toEqual([]);
  let operatorUi: Panel | undefined;
  let adminUi: Panel | undefined;
  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    operatorUi = await panelAs(browser, operator);
    await operatorPanel(operatorUi);
    const visitor = await visitorContext.newPage();
    await visitor.goto(demoSite.url);
    await expect(visitor.getByTestId('cp-offline-tab')).toBeVisible();

    const edge = nextMinuteEdge(view.timezone, 20_000);
    adminUi = await panelAs(browser, admin);
    const page = adminUi.page;
    await page.getByTestId('nav-schedules').click();
    await page.getByTestId('schedule-person').filter({ hasText: 'Олег' }).getByTestId('schedule-open').click();
    await expect(page.getByTestId('schedule-editor-title')).toContainText('Олег');
    const day = page.locator(`[data-testid=schedule-day][data-day="${edge.day}"]`);
    await day.getByTestId('period-add').click();
    await day.getByTestId('period-to').fill(edge.to);
    await day.getByTestId('period-to').blur();
    await day.getByTestId('period-from').fill(edge.from);
    await day.getByTestId('period-from').blur();
    await page.getByTestId('schedule-save').click();
    await expect.poll(async () => (await adminApi.call<{ intervals: unknown[] }>('GET', `/api/chat/schedules/${oleg.userId}`)).intervals).toEqual([{ day: edge.day, from: edge.from, to: edge.to }]);
    await shot(page, 'e2e-panel-schedules');
    expect(Date.now(), 'the schedule was saved before its edge').toBeLessThan(edge.at);

    // Saved before the period starts: nothing changes yet.
    await expect(operatorUi.page.getByTestId('chat-status')).toHaveAttribute('data-status', 'offline');
    await expect(visitor.getByTestId('cp-offline-tab')).toBeVisible();

    // At the edge the job sets the status, and every open widget of the account hears of it.
    const launcher = visitor.getByTestId('cp-launcher');
    await expect.poll(() => launcher.isVisible(), { timeout: edge.at - Date.now() + 20_000, intervals: [250] }).toBe(true);
    expect(Date.now(), 'not before the edge').toBeGreaterThanOrEqual(edge.at);
    await expect(visitor.getByTestId('cp-offline-tab')).toBeHidden();
    await expect(operatorUi.page.getByTestId('chat-status')).toHaveAttribute('data-status', 'online');
    expect([...operatorUi.errors, ...adminUi.errors]).toEqual([]);
  } finally {
    await adminApi.call('PUT', `/api/chat/schedules/${oleg.userId}`, { intervals: [] });
    await closeChatPanel(operatorUi);
    await adminUi?.context.close();
    await visitorContext.close();
  }
});
