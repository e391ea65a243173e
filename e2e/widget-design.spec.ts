import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page, type Request } from '@playwright/test';
import type { MessageDto } from '../plugins/chat/shared/chat.protocol.js';
import { connectChat, type TestSocket } from '../plugins/chat/test/chat-client.js';
import { placeLauncher, placeOnEdge } from '../plugins/chat/widget/look.js';
import { BUILT_IN_CAPTIONS } from '../widget/src/built-in-captions.js';
import { DEFAULT_DESIGN, type Lang, type WidgetDesign } from '../widget/src/design.js';
import { DESIGN_THEMES } from '../widget/src/design-themes.js';
import { apiAs, type Api } from './support/api.js';
import { cms } from './support/cms.js';
import { LOGO_HTML, PDF, renderPng } from './support/images.js';
import { panelAs } from './support/panel.js';
import { screenshotDir, stack } from './support/stack.js';

/**
 * Issue 4, design (B3–B8), end to end: the admin changes the widget's design in the real panel and
 * a visitor whose widget is ALREADY OPEN on the demo site sees every save without reloading — the
 * style, the colours, the position, the logo and the captions in both languages. Bad input is
 * refused in the panel with a clear message and changes nothing. Each test puts the design back.
 */

fs.mkdirSync(screenshotDir, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });

interface DesignResponse {
  design: WidgetDesign;
  updatedAt: string | null;
}

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const designRoute = () => `/api/sites/${stack().demoSite.id}/design`;
const savedDesign = async (admin: Api) => (await admin.call<DesignResponse>('GET', designRoute())).design;

/** Back to the default design, no logo, Russian: what the other specs expect of the demo site. */
async function resetDemoSite(admin: Api): Promise<void> {
  await admin.call('DELETE', `${designRoute()}/logo`);
  // The logo's scale outlives the logo (the next one keeps it): back to 1 as well.
  const { style, position, colors, captions } = DEFAULT_DESIGN;
  await admin.call('PUT', designRoute(), { style, position, colors, captions, logo: { scale: 1 } });
  await setChatLanguage(admin, 'ru');
}

/** The site's chat language is set by agency staff in the CMS; the core learns it through the webhook. */
async function setChatLanguage(admin: Api, lang: Lang): Promise<void> {
  const { demoSite } = stack();
  const current = async () => (await admin.call<{ id: string; chatLanguage: Lang }[]>('GET', '/api/sites')).find((s) => s.id === demoSite.id)?.chatLanguage;
  if ((await current()) === lang) return;
  await cms('PUT', `/sites/${demoSite.id}`, { data: { chatLanguage: lang } });
  await expect.poll(current, { timeout: 40_000 }).toBe(lang);
}

interface Visitor {
  page: Page;
  /** The widget's root inside its shadow root: its class names the style, its custom properties the colours. */
  root: Locator;
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

/**
 * What a test opens — browsers, an operator's socket — closed, and the demo site's design and
 * language put back, however the test ends (other specs use the demo site).
 */
class Scene {
  private readonly contexts: BrowserContext[] = [];
  private readonly pages: Page[] = [];
  private readonly visitorPages: Page[] = [];
  private readonly errors: string[] = [];
  private operator: TestSocket | undefined;

  constructor(
    private readonly browser: Browser,
    readonly admin: Api,
  ) {}

  /** An operator online as the panel is (a socket on /chat), so visitors get the chat, not the offline form. */
  async operatorOnline(): Promise<TestSocket> {
    const { coreUrl, operator } = stack();
    this.operator = await connectChat(coreUrl, (await apiAs(operator)).token, coreUrl);
    await this.operator.call('operator.status', { status: 'online' });
    return this.operator;
  }

  /** A visitor on the demo site in a browser of their own; a marker on the page tells later that it never reloaded. */
  async visitor(options: Parameters<Browser['newContext']>[0] = { viewport: DESKTOP }): Promise<Visitor> {
    const page = await this.open(options);
    await page.goto(stack().demoSite.url);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    this.visitorPages.push(page);
    return { page, root: page.locator('callpy-chat .root') };
  }

  /** The admin's way in: Sites → the demo site's "Design" button. */
  async designPage(): Promise<Page> {
    const { coreUrl, admin, demoSite } = stack();
    const panel = await panelAs(this.browser, admin);
    this.contexts.push(panel.context);
    this.watch(panel.page);
    const { page } = panel;
    await page.goto(`${coreUrl}/sites`);
    await page.getByTestId('site-row').filter({ has: page.getByTestId('site-row-name').getByText('Demo site', { exact: true }) }).getByTestId('site-design').click();
    await expect(page).toHaveURL(new RegExp(`/sites/${demoSite.id}/design$`));
    await expect(page.getByTestId('design-save')).toBeVisible();
    await expect(page.getByTestId('design-preview-loading')).toHaveCount(0);
    return page;
  }

  /** No visitor's page reloaded along the way, and no page threw. */
  async expectNoReloadNorErrors(): Promise<void> {
    for (const page of this.visitorPages) expect(await notReloaded(page), page.url()).toBe(true);
    expect(this.errors).toEqual([]);
  }

  async close(): Promise<void> {
    await this.operator?.call('operator.status', { status: 'offline' }).catch(() => undefined);
    this.operator?.close();
    for (const context of this.contexts) await context.close();
    await resetDemoSite(this.admin);
  }

  private async open(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    const page = await context.newPage();
    this.watch(page);
    return page;
  }

  private watch(page: Page): void {
    page.on('pageerror', (e) => this.errors.push(`${page.url()}: ${e.message}`));
  }
}

const test = base.extend<{ scene: Scene }>({
  scene: async ({ browser }, use) => {
    const scene = new Scene(browser, await apiAs(stack().admin));
    await use(scene);
    await scene.close();
  },
});

const cssVar = (el: Locator, name: string) => el.evaluate((e, n) => getComputedStyle(e).getPropertyValue(n).trim(), name);
const computed = (el: Locator, prop: string) => el.evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), prop);
/** Waits until the element's animations and transitions (the window opening, a hover's growth) are over. */
const settled = (el: Locator) => el.evaluate((e) => Promise.all(e.getAnimations({ subtree: true }).map((a) => a.finished)));
/** Where the element rests, in whole CSS pixels. */
const box = async (el: Locator) => {
  await settled(el);
  const b = (await el.boundingBox())!;
  return { left: Math.round(b.x), top: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
};

async function save(page: Page): Promise<void> {
  await page.getByTestId('design-save').click();
  await expect(page.getByTestId('design-saved')).toBeVisible();
}

/** The visitor writes, the operator answers: the open window shows a real conversation. */
async function converse(v: Visitor, op: TestSocket): Promise<void> {
  await v.page.getByTestId('cp-launcher').click();
  const asked = op.next<MessageDto>('message.created', (m) => m.author.kind === 'visitor' && m.text.includes('улун'), 10_000);
  await v.page.getByTestId('cp-input').fill('Здравствуйте! Есть молочный улун в подарочной упаковке?');
  await v.page.getByTestId('cp-input').press('Enter');
  const question = await asked;
  await op.call('message.send', { dialogId: question.dialogId, clientId: crypto.randomUUID(), text: 'Да, есть: 100 г в жестяной банке — 640 ₽. Доставим завтра с 10 до 18.' });
  await expect(v.page.getByTestId('cp-messages')).toContainText('640 ₽');
  // Off the launcher: hovered, it grows and darkens.
  await v.page.mouse.move(10, 10);
}

test.describe('widget design (B3–B8)', () => {
  test.beforeAll(async () => resetDemoSite(await apiAs(stack().admin)));

  test('style, colours, logo and captions saved in the panel restyle a widget already open, without a reload', async ({ browser, scene }) => {
    test.setTimeout(180_000);
    const { admin } = scene;
    const op = await scene.operatorOnline();
    const v = await scene.visitor();
    await converse(v, op);
    const win = v.page.getByTestId('cp-window');
    await expect(win).toBeVisible();
    expect(await box(v.page.getByTestId('cp-launcher'))).toEqual(placeLauncher(DEFAULT_DESIGN.position, 60, 60, DESKTOP.width, DESKTOP.height));
    const page = await scene.designPage();

    await test.step('colours: a ready-made theme, then one colour typed as HEX', async () => {
      const emerald = DESIGN_THEMES.find((t) => t.id === 'emerald')!.colors;
      await page.locator('[data-testid=design-theme][data-theme-id=emerald]').click();
      await expect(page.locator('[data-testid=design-theme][data-theme-id=emerald]')).toHaveAttribute('aria-pressed', 'true');
      await page.getByTestId('design-color-launcher').fill('#B45309');
      await page.getByTestId('design-color-launcher').blur();
      await expect(page.getByTestId('design-color-launcher')).toHaveValue('#b45309');
      await save(page);
      expect((await savedDesign(admin)).colors).toEqual({ ...emerald, launcher: '#b45309' });
      // The open widget: its custom properties, the header band, both bubbles and the launcher.
      await expect.poll(() => cssVar(v.root, '--a')).toBe(emerald.shell);
      expect(await cssVar(v.root, '--la')).toBe('#b45309');
      expect(await computed(v.page.locator('callpy-chat .head'), 'background-image')).toContain('rgb(4, 120, 87)');
      expect(await computed(v.page.locator('callpy-chat .row.o .bub').first(), 'background-color')).toBe('rgb(236, 253, 245)');
      expect(await computed(v.page.locator('callpy-chat .row.v .bub').first(), 'background-color')).toBe('rgb(4, 120, 87)');
      expect(await computed(v.page.getByTestId('cp-launcher'), 'background-color')).toBe('rgb(180, 83, 9)');
    });

    await test.step('logo: a real PNG uploaded in the panel appears in the open widget, and its scale follows a save', async () => {
      const logo = await renderPng(browser, LOGO_HTML, 520, 180, { transparent: true });
      await page.getByTestId('design-logo-input').setInputFiles({ name: 'chainaya-lavka.png', mimeType: 'image/png', buffer: logo });
      await expect(page.getByTestId('design-logo-preview')).toBeVisible();
      const url = (await savedDesign(admin)).logo?.url;
      expect(url).toMatch(/\/api\/widget\/logo\//);
      const img = v.page.getByTestId('cp-logo');
      await expect(img).toHaveAttribute('src', url!);
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(520);
      expect(await computed(img, 'height')).toBe('30px');
      await page.getByTestId('design-logo-scale').fill('1.5');
      await save(page);
      await expect.poll(() => computed(img, 'height')).toBe('45px');
    });

    await test.step('captions in Russian: title, subtitle, greeting and the input hint', async () => {
      await page.getByTestId('design-caption-ru-chatTitle').fill('Чайная лавка');
      await page.getByTestId('design-caption-ru-chatSubtitle').fill('Ответим за пару минут');
      await page.getByTestId('design-caption-ru-greeting').fill('Здравствуйте! Поможем выбрать чай и посуду — спрашивайте.');
      await page.getByTestId('design-caption-ru-inputPlaceholder').fill('Ваш вопрос…');
      await save(page);
      await expect(v.page.getByTestId('cp-title')).toHaveText('Чайная лавка');
      await expect(v.page.getByTestId('cp-status')).toHaveText('Ответим за пару минут');
      await expect(v.page.getByTestId('cp-welcome')).toHaveText('Здравствуйте! Поможем выбрать чай и посуду — спрашивайте.');
      await expect(v.page.getByTestId('cp-input')).toHaveAttribute('placeholder', 'Ваш вопрос…');
    });

    await test.step('style: Branded, then Side, then Standard again, each with the window open and closed', async () => {
      const launcher = v.page.getByTestId('cp-launcher');
      for (const style of ['branded', 'side', 'standard'] as const) {
        await page.getByTestId(`design-style-${style}`).click();
        await save(page);
        await expect(v.root).toHaveClass(new RegExp(`\\bst-${style}\\b`));
        const w = await box(win);
        if (style === 'side') {
          // A full-height panel on the launcher's side.
          expect(w).toEqual({ left: DESKTOP.width - 380, top: 0, width: 380, height: DESKTOP.height });
        } else {
          expect(w.width).toBe(style === 'branded' ? 380 : 360);
          expect(w.left + w.width).toBeLessThanOrEqual(DESKTOP.width - 20);
        }
        await expect(v.page.getByTestId('cp-title')).toHaveText('Чайная лавка');
        await shot(v.page, `widget-style-${style}`);

        await v.page.getByTestId('cp-close').click();
        await expect(win).toBeHidden();
        const closed = await box(launcher);
        if (style === 'standard') {
          expect(closed).toEqual(placeLauncher(DEFAULT_DESIGN.position, 60, 60, DESKTOP.width, DESKTOP.height));
          expect(await computed(launcher, 'border-top-left-radius')).toBe('50%');
        } else if (style === 'branded') {
          // A pill named with the site's title, in the same corner.
          await expect(launcher).toContainText('Чайная лавка');
          expect(closed.width).toBeGreaterThan(closed.height * 2);
          expect(closed).toEqual(placeLauncher(DEFAULT_DESIGN.position, closed.width, closed.height, DESKTOP.width, DESKTOP.height));
        } else {
          // A vertical tab flush with the right edge.
          expect(closed.height).toBeGreaterThan(closed.width);
          expect(closed).toEqual(placeOnEdge(DEFAULT_DESIGN.position, closed.width, closed.height, DESKTOP.width, DESKTOP.height));
          expect(closed.left + closed.width).toBe(DESKTOP.width);
        }
        await shot(v.page, `widget-style-${style}-closed`);
        await launcher.click();
        await expect(win).toBeVisible();
      }
    });

    await test.step('the design page itself, as the admin leaves it', async () => {
      await page.getByTestId('design-style-branded').click();
      await save(page);
      await expect(v.root).toHaveClass(/\bst-branded\b/);
      // The save toasts gone, the page as the admin sees it: top, then logo and captions.
      await expect(page.getByTestId('toast')).toHaveCount(0, { timeout: 15_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'e2e-panel-design');
      await page.getByTestId('design-logo-upload').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 200));
      await shot(page, 'e2e-panel-design-logo-captions');
    });

    await test.step('captions in English reach a visitor of an English site, live as well', async () => {
      // Last: the site's language is the agency's setting (the CMS); every widget of the site follows it.
      await setChatLanguage(admin, 'en');
      const english = await scene.visitor();
      await english.page.getByTestId('cp-launcher').click();
      await expect(english.page.getByTestId('cp-input')).toHaveAttribute('placeholder', BUILT_IN_CAPTIONS.en.inputPlaceholder);
      await expect(english.page.getByTestId('cp-welcome')).toHaveText(BUILT_IN_CAPTIONS.en.greeting);
      await page.getByTestId('design-caption-tab-en').click();
      await expect(page.getByTestId('design-caption-en-greeting')).toHaveAttribute('placeholder', BUILT_IN_CAPTIONS.en.greeting);
      await page.getByTestId('design-caption-en-chatTitle').fill('The Tea Shop');
      await page.getByTestId('design-caption-en-greeting').fill('Hello! Ask us about tea, teapots and delivery.');
      await save(page);
      await expect(english.page.getByTestId('cp-title')).toHaveText('The Tea Shop');
      await expect(english.page.getByTestId('cp-welcome')).toHaveText('Hello! Ask us about tea, teapots and delivery.');
      // Left empty, the English hint keeps the built-in wording.
      await expect(english.page.getByTestId('cp-input')).toHaveAttribute('placeholder', BUILT_IN_CAPTIONS.en.inputPlaceholder);
      const saved = (await savedDesign(admin)).captions;
      expect(saved.en.chatTitle).toBe('The Tea Shop');
      expect(saved.ru.chatTitle).toBe('Чайная лавка');
    });

    await scene.expectNoReloadNorErrors();
  });

  test('the launcher dragged in the preview moves on the visitor’s page; on a phone it stays inside the screen', async ({ scene }) => {
    test.setTimeout(120_000);
    const { admin } = scene;
    await scene.operatorOnline();
    const desktop = await scene.visitor();
    const phone = await scene.visitor({ viewport: PHONE, isMobile: true, hasTouch: true });
    const launcher = desktop.page.getByTestId('cp-launcher');
    await expect(launcher).toBeVisible();
    await expect(phone.page.getByTestId('cp-launcher')).toBeVisible();
    const page = await scene.designPage();

    await test.step('drag in the live preview, then save', async () => {
      await page.getByTestId('design-preview-view-closed').click();
      const frame = page.getByTestId('design-preview');
      const inPreview = page.frameLocator('[data-testid=design-preview]').getByTestId('cp-launcher');
      await expect(inPreview).toBeVisible();
      const from = (await inPreview.boundingBox())!;
      const screen = (await frame.boundingBox())!;
      // To about 15% from the left and half-way down the preview's screen.
      const to = { x: screen.x + screen.width * 0.15, y: screen.y + screen.height * 0.5 };
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 15 });
      await page.mouse.up();
      await expect(page.getByTestId('design-position-unsaved')).toBeVisible();
      await expect.poll(async () => Number(await page.getByTestId('design-position-x').inputValue())).toBeLessThan(25);
      expect(Number(await page.getByTestId('design-position-y').inputValue())).toBeGreaterThan(35);
      expect(Number(await page.getByTestId('design-position-y').inputValue())).toBeLessThan(65);
      await save(page);
      await expect(page.getByTestId('design-position-saved')).toBeVisible();
    });

    await test.step('the visitor’s launcher (already on the page) moves there; the window opens beside it, inside the screen', async () => {
      const position = (await savedDesign(admin)).position;
      expect(position.x).toBeLessThan(0.25);
      const expected = placeLauncher(position, 60, 60, DESKTOP.width, DESKTOP.height);
      await expect.poll(() => box(launcher)).toEqual(expected);
      await launcher.click();
      const w = await box(desktop.page.getByTestId('cp-window'));
      expect(w.left).toBeGreaterThanOrEqual(8);
      expect(w.top).toBeGreaterThanOrEqual(8);
      expect(w.top + w.height).toBeLessThanOrEqual(DESKTOP.height - 8);
      // On the left half, the window keeps to the launcher's side.
      expect(w.left).toBeLessThan(DESKTOP.width / 2);
      await shot(desktop.page, 'widget-position-left');
    });

    await test.step('a phone keeps the launcher inside its screen wherever the admin puts it', async () => {
      const phoneLauncher = phone.page.getByTestId('cp-launcher');
      for (const [x, y] of [[100, 100], [0, 0], [100, 0]] as const) {
        await page.getByTestId('design-position-x').fill(String(x));
        await page.getByTestId('design-position-x').blur();
        await page.getByTestId('design-position-y').fill(String(y));
        await page.getByTestId('design-position-y').blur();
        await save(page);
        const expected = placeLauncher({ x: x / 100, y: y / 100 }, 60, 60, PHONE.width, PHONE.height);
        await expect.poll(() => box(phoneLauncher)).toEqual(expected);
        // 16 px from the edges on a phone: inside, and clear of the screen's rounded corners.
        expect(expected.left).toBeGreaterThanOrEqual(16);
        expect(expected.top).toBeGreaterThanOrEqual(16);
        expect(expected.left + expected.width).toBeLessThanOrEqual(PHONE.width - 16);
        expect(expected.top + expected.height).toBeLessThanOrEqual(PHONE.height - 16);
      }
    });

    await test.step('phone screenshots: Branded at the bottom right, closed and open (full screen)', async () => {
      await page.getByTestId('design-position-reset').click();
      await page.getByTestId('design-style-branded').click();
      await save(page);
      const p = phone.page;
      await expect(phone.root).toHaveClass(/\bst-branded\b/);
      const pill = await box(p.getByTestId('cp-launcher'));
      expect(pill.left + pill.width).toBe(PHONE.width - 16);
      expect(pill.top + pill.height).toBe(PHONE.height - 16);
      await shot(p, 'widget-style-branded-phone-closed');
      await p.getByTestId('cp-launcher').tap();
      const win = p.getByTestId('cp-window');
      await expect(win).toBeVisible();
      expect(await box(win)).toEqual({ left: 0, top: 0, width: PHONE.width, height: PHONE.height });
      await shot(p, 'widget-style-branded-phone');
    });

    await scene.expectNoReloadNorErrors();
  });

  test('bad input is refused in the panel with a clear message and changes nothing: #GGG, a 100×100 logo, a PDF named .png', async ({ browser, scene }) => {
    test.setTimeout(90_000);
    const { admin } = scene;
    // A saved design with a logo, to see that nothing of it changes.
    const logo = await renderPng(browser, LOGO_HTML, 520, 180, { transparent: true });
    const visitor = await scene.visitor();
    await expect(visitor.page.getByTestId('cp-offline-tab')).toBeVisible();
    const page = await scene.designPage();
    await page.getByTestId('design-logo-input').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
    await expect(page.getByTestId('design-logo-preview')).toBeVisible();
    const before = await savedDesign(admin);
    expect(before.logo).not.toBeNull();

    await test.step('#GGG as a colour', async () => {
      const field = page.getByTestId('design-color-shell');
      await field.fill('#GGG');
      await field.blur();
      await expect(page.getByTestId('design-color-error-shell')).toHaveText('Цвет в формате #RRGGBB');
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByTestId('design-invalid')).toBeVisible();
      await expect(page.getByTestId('design-save')).toBeDisabled();
      // Ctrl+S does not get round the check either.
      const saves: string[] = [];
      const onRequest = (r: Request) => void (r.method() === 'PUT' && r.url().includes('/design') && saves.push(r.url()));
      page.on('request', onRequest);
      await page.keyboard.press('Control+s');
      // The key handler runs in the press; a save it started would be on the wire by the next frame.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      page.off('request', onRequest);
      expect(saves).toEqual([]);
      expect(await savedDesign(admin)).toEqual(before);
      expect(await cssVar(visitor.root, '--a')).toBe(DEFAULT_DESIGN.colors.shell);
      // The preview keeps the last good colour meanwhile.
      const previewRoot = page.frameLocator('[data-testid=design-preview]').locator('callpy-chat .root');
      expect(await cssVar(previewRoot, '--a')).toBe(DEFAULT_DESIGN.colors.shell);
      await page.getByTestId('design-discard').click();
      await expect(field).toHaveValue(DEFAULT_DESIGN.colors.shell);
    });

    await test.step('a 100×100 logo', async () => {
      const small = await renderPng(browser, '<div style="width:100px;height:100px;background:#be123c"></div>', 100, 100);
      await page.getByTestId('design-logo-input').setInputFiles({ name: 'small.png', mimeType: 'image/png', buffer: small });
      await expect(page.getByTestId('design-logo-error')).toHaveText('Картинка 100×100 px, а нужна не меньше 125×125 px');
      expect(await savedDesign(admin)).toEqual(before);
      await expect(page.getByTestId('design-logo-preview')).toHaveAttribute('src', before.logo!.url);
    });

    await test.step('a PDF renamed to .png', async () => {
      await page.getByTestId('design-logo-input').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PDF });
      await expect(page.getByTestId('design-logo-error')).toHaveText('Можно загрузить только jpg или png');
      expect(await savedDesign(admin)).toEqual(before);
    });

    // The visitor's widget, open all along, still has the saved logo.
    await expect(visitor.page.getByTestId('cp-offline-tab')).toBeVisible();
    await visitor.page.getByTestId('cp-offline-tab').click();
    await expect(visitor.page.getByTestId('cp-logo')).toHaveAttribute('src', before.logo!.url);
    await scene.expectNoReloadNorErrors();
  });
});
