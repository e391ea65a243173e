import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { DEFAULT_DESIGN, type WidgetDesign } from '../../../../../widget/src/design';
import { openInShell } from '../../../testing/shell-harness';
import { LOGO_URL, OTHER_SITE, SITE, response } from './testing/design-fixtures';

/** Relative to this file: the repository's artifacts/screenshots/. */
const shot = (name: string) => page.screenshot({ path: `../../../../../artifacts/screenshots/${name}.png` });

/** The design page inside the real shell at `/sites/s1/design` (or another `url`), as an admin sees it. */
async function openDesign(width: number, height: number, locale: 'ru' | 'en' = 'ru', design: WidgetDesign = DEFAULT_DESIGN, url = '/sites/s1/design') {
  // The screenshot is of <body>: make it the scroller, one screen tall, so a shot is what the
  // admin sees at the current scroll position (sticky preview and save bar included).
  document.documentElement.style.cssText = 'height: 100%; overflow: hidden';
  document.body.style.cssText = 'height: 100vh; overflow: auto';
  document.body.scrollTop = 0;
  const shell = await openInShell(url, { width, height, user: { locale, firstName: 'Анна', lastName: 'Админова' } });
  (await shell.expectSoon('/api/sites')).flush([SITE, OTHER_SITE]);
  if (url.endsWith('/design')) (await shell.expectSoon('/api/sites/s1/design')).flush(response(design));
  await shell.settle();
  const type = async (id: string, value: string) => {
    const input = shell.q<HTMLInputElement>(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await shell.settle();
  };
  return { ...shell, type };
}

describe('design page screenshots', () => {
  afterEach(() => {
    document.body.querySelectorAll('dialog[open]').forEach((d) => (d as HTMLDialogElement).close());
    document.documentElement.style.cssText = '';
    document.body.style.cssText = '';
  });

  it('desktop 1440×900: styles, position and the live preview', async () => {
    const { q } = await openDesign(1440, 900);
    expect(q('design-style-standard').getAttribute('aria-checked')).toBe('true');
    await shot('panel-design-ru');
  });

  it('laptop 1280×800: colours with a bad HEX and a low-contrast pair, unsaved', async () => {
    const { q, type, settle } = await openDesign(1280, 800);
    await shot('panel-design-laptop');
    await type('design-color-shell', '#GGG');
    await type('design-color-launcher', '#facc15');
    q('design-theme').scrollIntoView({ block: 'start' });
    document.body.scrollBy(0, -90);
    await settle();
    expect(q('design-contrast-warning')).toBeTruthy();
    await shot('panel-design-colors-errors');
  });

  it('desktop: a branded design with logo and English captions, ready to save', async () => {
    const branded: WidgetDesign = {
      ...DEFAULT_DESIGN,
      style: 'branded',
      colors: { ...DEFAULT_DESIGN.colors, shell: '#047857', launcher: '#047857', outgoing: '#047857', incoming: '#ecfdf5', incomingText: '#064e3b' },
      logo: { url: LOGO_URL, scale: 1.25 },
    };
    const { q, type, settle } = await openDesign(1440, 900, 'ru', branded);
    q('design-caption-tab-en').click();
    await settle();
    await type('design-caption-en-chatTitle', 'Romashka flowers');
    await type('design-caption-en-greeting', 'Hello! Looking for a bouquet? We will help you choose.');
    q('design-caption-tab-en').scrollIntoView({ block: 'start' });
    document.body.scrollBy(0, -380);
    await settle();
    await shot('panel-design-logo-captions');
  });

  it('English, 1100×800: the preview above the settings', async () => {
    await openDesign(1100, 800, 'en');
    await shot('panel-design-en-narrow');
  });

  it('the way in: a "Design" button on every site of the Sites page', async () => {
    const { q } = await openDesign(1280, 720, 'ru', DEFAULT_DESIGN, '/sites');
    expect(q('site-design').getAttribute('href')).toBe('/sites/s1/design');
    await shot('panel-design-sites-entry');
  });

  it('phone 390×844', async () => {
    const { q, settle } = await openDesign(390, 844);
    // Nothing sticks out sideways on a phone.
    expect(document.body.scrollWidth).toBeLessThanOrEqual(390);
    q('design-style-branded').scrollIntoView({ block: 'center' });
    await settle();
    await shot('panel-design-mobile');
  });
});
