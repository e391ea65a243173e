import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import { shotsInBothLanguages } from './support/layout.js';
import { callWindow, mediaBrowser, visitorPage, withMedia, type Visitor } from './support/calls-panel.js';
import { closeChatPanel, openChatPanel, type Panel } from './support/panel.js';
import { hangUpCalls } from './support/operator-calls.js';
import { screenshotDir, stack } from './support/stack.js';
import { MEDIA_ARGS, expectEachFlowing, expectFlowing } from './support/webrtc.js';

fs.mkdirSync(screenshotDir, { recursive: true });
test.use({ launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, ...MEDIA_ARGS] } });
// Four browsers with media and a score of screenshots: more than the default 90 s on two cores.
test.describe.configure({ timeout: 240_000 });

/**
 * D4 end to end: a visitor and operator A in a call, A invites operator B from the call window, B's
 * panel rings with who invites and to which call, B accepts — and every one of the three hears
 * both others (getStats: inbound audio rising on each connection of each page). Then A makes a
 * participant link, a guest opens it in a fourth browser, gives a name and joins: the visitor hears
 * them; the link used once is refused to a fifth.
 */


/** A browser of someone without an account, in a language (the link page follows the browser's). */
const guestBrowser = (browser: Browser, locale: 'ru-RU' | 'en-US') => mediaBrowser(browser, { locale });

/** The guest page's form at the desktop and phone sizes, in both languages (opening it does not use the link: joining does). */
async function guestPageShots(browser: Browser, url: string): Promise<void> {
  for (const [locale, lang] of [['ru-RU', 'ru'], ['en-US', 'en']] as const) {
    const { context, page } = await guestBrowser(browser, locale);
    await page.goto(url);
    await expect(page.getByTestId('calls-guest-join')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    for (const size of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(screenshotDir, `calls-guest-page-${lang}-${size.name}.png`), fullPage: true });
    }
    await context.close();
  }
}

test('D4: A invites B into the call, all three hear each other; a guest joins by a single-use link and is heard; the link used is refused', async ({ browser }) => {
  const { coreUrl, operator, admin } = stack();
  let a: Panel | undefined;
  let b: Panel | undefined;
  let visitor: Visitor | undefined;
  const guests: BrowserContext[] = [];
  try {
    a = await openChatPanel(browser, coreUrl, operator, withMedia);
    b = await openChatPanel(browser, coreUrl, admin, withMedia);
    visitor = await visitorPage(browser);
    const v = visitor.page;

    // The visitor calls; A accepts (B's pop-up closes).
    await v.getByTestId('cp-slot-calls').click();
    await a.page.getByTestId('calls-ringing').getByTestId('calls-ringing-accept').click();
    await expect(callWindow(a.page)).toHaveAttribute('data-phase', 'active');
    await expect(b.page.getByTestId('calls-ringing')).toBeHidden();
    await expectFlowing(v, 'audio');

    // «Пригласить»: B is the one free operator online.
    await a.page.getByTestId('calls-invite').click();
    const offered = a.page.getByTestId('calls-invite-operator');
    await expect(offered).toHaveCount(1);
    await shotsInBothLanguages(a.page, screenshotDir, 'calls-invite-list', async () => {
      await expect(a!.page.getByTestId('calls-invite-operator')).toHaveCount(1);
    });
    await a.page.getByTestId('calls-invite-send').click();
    await expect(a.page.getByTestId('calls-invite-sent')).toHaveText('Приглашение отправлено');

    // B's panel rings: who invites, to which visitor's call.
    const invitation = b.page.getByTestId('calls-invitation');
    await expect(invitation).toBeVisible();
    await expect(invitation.getByTestId('calls-invitation-text')).toContainText(/приглашает вас в звонок с посетителем/);
    await shotsInBothLanguages(b.page, screenshotDir, 'calls-invitation', () => expect(b!.page.getByTestId('calls-invitation')).toBeVisible());
    await invitation.getByTestId('calls-invitation-accept').click();
    await expect(callWindow(b.page)).toHaveAttribute('data-phase', 'active');
    // In the call now: no longer offered in A's list, which A closes.
    await expect(a.page.getByTestId('calls-invite-empty')).toBeVisible();
    await a.page.getByTestId('calls-invite').click();

    // A mesh of three: every page receives sound on a connection to each of the two others.
    await expectEachFlowing(v, 'audio', 2);
    await expectEachFlowing(a.page, 'audio', 2);
    await expectEachFlowing(b.page, 'audio', 2);
    await expect(a.page.getByTestId('calls-participant')).toHaveCount(1);
    await expect(b.page.getByTestId('calls-participant')).toHaveCount(1);
    const bName = (await a.page.getByTestId('calls-participant-name').textContent())!.trim();
    await expect(v.getByTestId('call-name')).toContainText(bName);
    await shotsInBothLanguages(a.page, screenshotDir, 'calls-window-three-way', () => expect(a!.page.getByTestId('calls-participant')).toBeVisible());

    // «Ссылка для участника»: a guest opens it in a fourth browser, says their name, joins.
    await a.page.getByTestId('calls-invite').click();
    await a.page.getByTestId('calls-guest-make').click();
    const url = await a.page.getByTestId('calls-guest-link').inputValue();
    expect(url).toMatch(/\/call-guest\/[A-Za-z0-9_-]{43}$/);
    await guestPageShots(browser, url);

    const guest = await guestBrowser(browser, 'ru-RU');
    guests.push(guest.context);
    await guest.page.goto(url);
    await guest.page.getByTestId('calls-guest-name').fill('Ирина Переводчик');
    await guest.page.getByTestId('calls-guest-join').click();
    await expect(callWindow(guest.page)).toHaveAttribute('data-phase', 'active');
    // No operator's powers in the guest's window.
    await expect(guest.page.getByTestId('calls-invite')).toHaveCount(0);
    await expect(guest.page.getByTestId('calls-handover')).toHaveCount(0);
    // The visitor hears the guest too (a third connection flowing), and everyone sees the name.
    await expectEachFlowing(v, 'audio', 3);
    await expectEachFlowing(guest.page, 'audio', 3);
    await expect(v.getByTestId('call-name')).toContainText('Ирина Переводчик');
    await expect(a.page.getByTestId('calls-participant-name').filter({ hasText: 'Ирина Переводчик' })).toContainText('гость');
    for (const size of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
      await guest.page.setViewportSize(size);
      await guest.page.screenshot({ path: path.join(screenshotDir, `calls-guest-in-call-ru-${size.name}.png`), fullPage: true });
    }

    // The link again, in a fifth browser: refused, nothing joins.
    const late = await guestBrowser(browser, 'ru-RU');
    guests.push(late.context);
    await late.page.goto(url);
    await late.page.getByTestId('calls-guest-name').fill('Кто-то ещё');
    await late.page.getByTestId('calls-guest-join').click();
    await expect(late.page.getByTestId('calls-guest-error')).toContainText('Ссылка для участника недействительна');
    await expect(callWindow(late.page)).toHaveCount(0);

    // A hangs up: the call ends for everyone.
    await a.page.getByTestId('calls-hangup').click();
    await expect(callWindow(b.page)).toHaveAttribute('data-phase', 'ended');
    await expect(guest.page.getByTestId('calls-guest-state')).toHaveText('Звонок завершён', { timeout: 10_000 });

    expect([...a.errors, ...b.errors, ...visitor.errors, ...guest.errors, ...late.errors]).toEqual([]);
  } finally {
    await hangUpCalls(operator);
    await hangUpCalls(admin);
    await closeChatPanel(a);
    await closeChatPanel(b);
    await visitor?.context.close();
    for (const context of guests) await context.close();
  }
});
