import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, appTestProviders, initI18n, resetBrowserState } from '../../../testing/test-providers';
import { BUILT_IN_CAPTIONS } from '../../../../../widget/src/built-in-captions';
import { DEFAULT_DESIGN, type WidgetDesign } from '../../../../../widget/src/design';
import { DESIGN_THEMES } from '../../../../../widget/src/design-themes';
import { PREVIEW_READY_TIMEOUT_MS } from './design-preview.component';
import { LOGO_URL, SITE, renderDesignPage, response } from './testing/design-fixtures';

const SAVED: WidgetDesign = {
  ...DEFAULT_DESIGN,
  style: 'branded',
  position: { x: 0.1, y: 0.9 },
  logo: { url: LOGO_URL, scale: 1 },
};

describe('DesignPage', () => {
  beforeEach(() => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
  });
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    vi.restoreAllMocks();
  });

  it('refuses #GGG next to the field, keeps save disabled and the preview on the last good colour', async () => {
    const { q, type } = await renderDesignPage();
    await type('design-color-shell', '#GGG');
    expect(q('design-color-error-shell')?.textContent?.trim()).toBe('Цвет в формате #RRGGBB');
    expect(q<HTMLButtonElement>('design-save')?.disabled).toBe(true);
    expect(q('design-invalid')?.textContent).toContain('Исправьте поля');

    await type('design-color-shell', '#0f766e');
    expect(q('design-color-error-shell')).toBeNull();
    expect(q<HTMLButtonElement>('design-save')?.disabled).toBe(false);
  });

  it('flags a half-typed colour only when the field is left', async () => {
    const { fixture, q, type } = await renderDesignPage();
    await type('design-color-launcher', '#12');
    expect(q('design-color-error-launcher')).toBeNull();
    expect(q<HTMLButtonElement>('design-save')?.disabled).toBe(true);
    q('design-color-launcher')?.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(q('design-color-error-launcher')).not.toBeNull();
    // Leaving a good value without "#" tidies it.
    await type('design-color-launcher', 'ABC123');
    q('design-color-launcher')?.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(q<HTMLInputElement>('design-color-launcher')?.value).toBe('#abc123');
  });

  it('warns with the ratio when text on a background is below WCAG AA (white on yellow)', async () => {
    const { q, all, type } = await renderDesignPage();
    expect(all('design-contrast-warning')).toHaveLength(0);
    await type('design-color-launcher', '#facc15');
    const warnings = all('design-contrast-warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.dataset['pair']).toBe('launcher');
    expect(warnings[0]?.textContent).toContain('1.53:1');
    expect(warnings[0]?.textContent).toContain('4.5:1');
    // A warning, not a refusal.
    expect(q<HTMLButtonElement>('design-save')?.disabled).toBe(false);
  });

  it('applies a ready-made theme to every colour field', async () => {
    const { q, all, fixture } = await renderDesignPage();
    const emerald = DESIGN_THEMES.find((t) => t.id === 'emerald');
    const swatch = all('design-theme').find((b) => b.dataset['themeId'] === 'emerald');
    swatch?.click();
    await fixture.whenStable();
    for (const [field, value] of Object.entries(emerald?.colors ?? {})) {
      expect(q<HTMLInputElement>(`design-color-${field}`)?.value).toBe(value);
    }
    expect(swatch?.getAttribute('aria-pressed')).toBe('true');
    expect(all('design-contrast-warning')).toHaveLength(0);
  });

  it('posts every change to the preview frame at once and takes a dragged position back', async () => {
    const { fixture, q, click } = await renderDesignPage();
    const frame = q<HTMLIFrameElement>('design-preview');
    expect(frame?.getAttribute('src')).toBe('/widget/preview');
    // Spy on the loaded page's window (a navigation would replace it).
    await vi.waitFor(() => expect(frame?.contentWindow?.location.pathname).toBe('/widget/preview'));
    await vi.waitFor(() => expect(frame?.contentDocument?.readyState).toBe('complete'));
    const post = vi.spyOn(frame!.contentWindow!, 'postMessage');

    await click('design-style-side');
    const last = post.mock.lastCall;
    expect(last?.[1]).toBe(location.origin);
    expect(last?.[0]).toMatchObject({ type: 'callpy:preview.design', locale: 'ru', state: 'online', open: true, design: { style: 'side' } });

    // The preview page reports a drag: the position lands in the form (unsaved).
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'callpy:preview.position', position: { x: 0.25, y: 0.5 } }, origin: location.origin, source: frame!.contentWindow }));
    await fixture.whenStable();
    expect(q<HTMLInputElement>('design-position-x')?.value).toBe('25');
    expect(q('design-position-unsaved')).not.toBeNull();

    // The same message from any other window is ignored.
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'callpy:preview.position', position: { x: 0.9, y: 0.9 } }, origin: 'https://evil.example', source: window }));
    await fixture.whenStable();
    expect(q<HTMLInputElement>('design-position-x')?.value).toBe('25');

    await click('design-position-reset');
    expect(post.mock.lastCall?.[0]).toMatchObject({ design: { position: DEFAULT_DESIGN.position } });
    expect(q('design-position-saved')).not.toBeNull();
  });

  it('says when the preview page does not start, until it says ready', async () => {
    const { fixture, q } = await renderDesignPage();
    const frame = q<HTMLIFrameElement>('design-preview')!;
    expect(q('design-preview-loading')).not.toBeNull();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      frame.dispatchEvent(new Event('load'));
      vi.advanceTimersByTime(PREVIEW_READY_TIMEOUT_MS + 1);
    } finally {
      vi.useRealTimers();
    }
    await fixture.whenStable();
    expect(q('design-preview-failed')?.textContent).toContain('Предпросмотр не загрузился');

    window.dispatchEvent(new MessageEvent('message', { data: { type: 'callpy:preview.ready' }, origin: location.origin, source: frame.contentWindow }));
    await fixture.whenStable();
    expect(q('design-preview-failed')).toBeNull();
    expect(q('design-preview-loading')).toBeNull();
  });

  it('refuses a PDF and a 6 MB picture before sending anything', async () => {
    const { q, chooseFile, backend } = await renderDesignPage();
    await chooseFile(new File(['%PDF-1.7'], 'logo.pdf', { type: 'application/pdf' }));
    expect(q('design-logo-error')?.textContent).toContain('только jpg или png');
    await chooseFile(new File([new Uint8Array(6 * 1024 * 1024)], 'big.png', { type: 'image/png' }));
    expect(q('design-logo-error')?.textContent).toContain('больше 2 МБ');
    backend.expectNone('/api/sites/s1/design/logo');
    expect(q('design-logo-preview')).toBeNull();
  });

  it('uploads a logo, shows the core refusal of a small one, scales and deletes it', async () => {
    const { fixture, q, chooseFile, backend, click } = await renderDesignPage();
    await chooseFile(new File([new Uint8Array(100)], 'small.png', { type: 'image/png' }));
    backend
      .expectOne({ method: 'POST', url: '/api/sites/s1/design/logo' })
      .flush(apiError('logo_too_small', 'The logo is 100×100 px; it must be at least 125×125 px'), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(q('design-logo-error')?.textContent).toContain('100×100 px');

    await chooseFile(new File([new Uint8Array(100)], 'logo.png', { type: 'image/png' }));
    const upload = backend.expectOne({ method: 'POST', url: '/api/sites/s1/design/logo' });
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    upload.flush(response({ ...DEFAULT_DESIGN, logo: { url: LOGO_URL, scale: 1 } }));
    await fixture.whenStable();
    expect(q('design-logo-error')).toBeNull();
    expect(q<HTMLImageElement>('design-logo-preview')?.src).toBe(LOGO_URL);
    // Stored at once: nothing left to save.
    expect(q<HTMLButtonElement>('design-save')?.disabled).toBe(true);

    const scale = q<HTMLInputElement>('design-logo-scale')!;
    scale.value = '1.5';
    scale.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(q<HTMLButtonElement>('design-save')?.disabled).toBe(false);

    await click('design-logo-delete');
    backend.expectOne({ method: 'DELETE', url: '/api/sites/s1/design/logo' }).flush(response(DEFAULT_DESIGN));
    await fixture.whenStable();
    expect(q('design-logo-preview')).toBeNull();
    expect(q<HTMLButtonElement>('design-save')?.disabled).toBe(true);
  });

  it('shows the widget’s own wording (BUILT_IN_CAPTIONS) greyed in every empty caption, in the tab’s language', async () => {
    const { q, type, click } = await renderDesignPage();
    const placeholders = (lang: 'ru' | 'en') =>
      Object.fromEntries(Object.keys(BUILT_IN_CAPTIONS[lang]).map((field) => [field, q<HTMLInputElement>(`design-caption-${lang}-${field}`)?.placeholder]));
    expect(placeholders('ru')).toEqual(BUILT_IN_CAPTIONS.ru);
    // An empty title names the operators online: said under the field, gone once a title is typed.
    expect(q('design-caption-hint-chatTitle')?.textContent).toContain('имена консультантов');
    await type('design-caption-ru-chatTitle', 'Чайная лавка');
    expect(q('design-caption-hint-chatTitle')).toBeNull();
    await click('design-caption-tab-en');
    expect(placeholders('en')).toEqual(BUILT_IN_CAPTIONS.en);
  });

  it('saves the whole design and says so', async () => {
    const { fixture, q, type, click, backend } = await renderDesignPage(SAVED);
    expect(q('design-saved')).toBeNull();
    await click('design-style-standard');
    await type('design-color-outgoing', '#047857');
    await click('design-caption-tab-en');
    await type('design-caption-en-chatTitle', 'Ask us');
    expect(q('design-caption-tab-en')?.getAttribute('aria-selected')).toBe('true');
    await click('design-save');

    const put = backend.expectOne({ method: 'PUT', url: '/api/sites/s1/design' });
    const expected: WidgetDesign = {
      ...SAVED,
      style: 'standard',
      colors: { ...SAVED.colors, outgoing: '#047857' },
      captions: { ru: SAVED.captions.ru, en: { ...SAVED.captions.en, chatTitle: 'Ask us' } },
    };
    expect(put.request.body).toEqual(expected);
    expect(q<HTMLButtonElement>('design-save')?.disabled).toBe(true);
    put.flush(response(expected));
    await fixture.whenStable();
    expect(q('design-saved')?.textContent).toContain('Изменения сохранены');
    expect(q<HTMLButtonElement>('design-save')?.disabled).toBe(true);

    await type('design-caption-en-chatTitle', 'Ask us anything');
    expect(q('design-saved')).toBeNull();
  });

  it('puts the core field errors next to their fields and the rest in the bar', async () => {
    const { fixture, q, type, click, backend } = await renderDesignPage();
    await type('design-color-shell', '#111111');
    await type('design-caption-ru-greeting', 'Привет');
    await click('design-save');
    backend.expectOne({ method: 'PUT', url: '/api/sites/s1/design' }).flush(
      apiError('validation_failed', 'Check the fields', {
        'colors.shell': '#111111 is not a colour: use #RRGGBB',
        'captions.ru.greeting': 'At most 300 characters',
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(q('design-color-error-shell')?.textContent?.trim()).toBe('Цвет в формате #RRGGBB');
    expect(q('design-caption-error-ru-greeting')?.textContent).toContain('Не длиннее 300 символов');
    expect(q('design-save-error')?.textContent).toContain('Исправьте поля');
    // Editing the field clears its message.
    await type('design-color-shell', '#222222');
    expect(q('design-color-error-shell')).toBeNull();

    await click('design-save');
    backend.expectOne({ method: 'PUT', url: '/api/sites/s1/design' }).flush(apiError('unknown_key', 'Unknown field "colour"'), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(q('design-save-error')?.textContent).toContain('Что-то пошло не так');
  });

  it('shows the preview over the site, and the core refusal of a foreign page', async () => {
    const { fixture, q, type, click, backend } = await renderDesignPage();
    await click('design-preview-over-site');
    const first = backend.expectOne({ method: 'POST', url: '/api/sites/s1/design/preview-page' });
    expect(first.request.body).toEqual({ url: SITE.url });
    first.flush({ src: '/widget/preview?page=tok1' });
    await fixture.whenStable();
    expect(q('design-preview')?.getAttribute('src')).toBe('/widget/preview?page=tok1');

    await type('design-preview-url', 'https://evil.example/');
    await click('design-preview-apply');
    backend
      .expectOne({ method: 'POST', url: '/api/sites/s1/design/preview-page' })
      .flush(apiError('preview_foreign_url', 'Only pages of this site can be previewed'), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(q('design-preview-error')?.textContent).toContain('Можно показать только страницы этого сайта: https://shop.romashka.ru, https://www.shop.romashka.ru');

    await type('design-preview-url', 'https://shop.romashka.ru/gone');
    await click('design-preview-apply');
    backend
      .expectOne({ method: 'POST', url: '/api/sites/s1/design/preview-page' })
      .flush(apiError('preview_unreachable', 'The page could not be loaded: it answered 404'), { status: 502, statusText: 'Bad Gateway' });
    await fixture.whenStable();
    expect(q('design-preview-error')?.textContent?.trim()).toBe('Не удалось загрузить страницу: сайт не ответил или ответил ошибкой. Проверьте адрес.');

    await type('design-preview-url', 'not a url');
    await click('design-preview-apply');
    backend.expectNone('/api/sites/s1/design/preview-page');
    expect(q('design-preview-error')?.textContent).toContain('Введите адрес страницы');

    // A `src` that is not the core's preview page is never put into the frame.
    await type('design-preview-url', 'https://shop.romashka.ru/catalog');
    await click('design-preview-apply');
    backend.expectOne({ method: 'POST', url: '/api/sites/s1/design/preview-page' }).flush({ src: 'https://evil.example/widget/preview' });
    await fixture.whenStable();
    expect(q('design-preview')?.getAttribute('src')).toBe('/widget/preview?page=tok1');

    await click('design-preview-over-site');
    expect(q('design-preview')?.getAttribute('src')).toBe('/widget/preview');
    expect(q('design-preview-error')).toBeNull();
  });

  it('asks before leaving with unsaved changes, and discards them on request', async () => {
    const { fixture, q, type, click } = await renderDesignPage();
    const page = fixture.componentInstance;
    expect(page.confirmLeave()).toBe(true);
    await type('design-color-shell', '#000000');
    const answer = page.confirmLeave() as Promise<boolean>;
    await fixture.whenStable();
    expect(q<HTMLDialogElement>('design-leave-dialog')?.open).toBe(true);
    await click('design-leave-cancel');
    await expect(answer).resolves.toBe(false);

    await click('design-discard');
    expect(q<HTMLInputElement>('design-color-shell')?.value).toBe(DEFAULT_DESIGN.colors.shell);
    expect(page.confirmLeave()).toBe(true);
  });

  it('says so when the site is not the account’s', async () => {
    const backend = TestBed.inject(HttpTestingController);
    const { DesignPage } = await import('./design.page');
    const fixture = TestBed.createComponent(DesignPage);
    fixture.componentRef.setInput('siteId', 'alien');
    await fixture.whenStable();
    backend.expectOne('/api/sites').flush([SITE]);
    backend.expectOne('/api/sites/alien/design').flush(apiError('not_found', 'Not found'), { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="design-missing"]')?.textContent).toContain('Сайт не найден');
  });
});
