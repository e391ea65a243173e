import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, appTestProviders, initI18n, resetBrowserState } from '../../../testing/test-providers';
import type { Site } from '../../core/api.types';
import { SitesPage } from './sites.page';

const SITE: Site = {
  id: 's1',
  name: 'Интернет-магазин',
  url: 'https://shop.romashka.ru',
  origins: ['https://shop.romashka.ru'],
  publicKey: 'pk_1',
  chatLanguage: 'ru',
  createdAt: '2026-10-02T10:00:00Z',
};
const CODE = { afterBody: '<script>/* after body */</script>', anywhere: '<script src="/w.js" async></script>' };

describe('SitesPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    backend.verify();
    vi.restoreAllMocks();
  });

  async function render(sites: Site[] = [SITE]) {
    const fixture = TestBed.createComponent(SitesPage);
    await fixture.whenStable();
    backend.expectOne('/api/sites').flush(sites);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = <T extends Element>(id: string) => el.querySelector<T & HTMLElement>(`[data-testid="${id}"]`);
    const type = async (id: string, value: string) => {
      const input = q<HTMLInputElement>(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    return { fixture, el, q, type };
  }

  it('shows both install-code variants of a site and copies each one', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    const { fixture, q } = await render();
    q('site-install-code')?.click();
    await fixture.whenStable();
    backend.expectOne('/api/sites/s1/install-code').flush(CODE);
    await fixture.whenStable();

    expect((q('install-code-after-body') as HTMLTextAreaElement).value).toBe(CODE.afterBody);
    expect((q('install-code-anywhere') as HTMLTextAreaElement).value).toBe(CODE.anywhere);
    expect(fixture.nativeElement.textContent).toContain('После открывающего тега <body>');

    q('copy-anywhere')?.click();
    await vi.waitFor(() => expect(writeText).toHaveBeenLastCalledWith(CODE.anywhere));
    q('copy-after-body')?.click();
    await vi.waitFor(() => expect(writeText).toHaveBeenLastCalledWith(CODE.afterBody));
    await fixture.whenStable();
    expect(q('copy-after-body')?.textContent?.trim()).toBe('Скопировано');
  });

  it('links each site to its widget design page', async () => {
    const { q } = await render();
    expect(q<HTMLAnchorElement>('site-design')?.getAttribute('href')).toBe('/sites/s1/design');
    expect(q('site-design')?.textContent?.trim()).toBe('Дизайн');
  });

  it('links each site to its settings page («Настройки»)', async () => {
    const { q } = await render();
    expect(q<HTMLAnchorElement>('site-settings')?.getAttribute('href')).toBe('/sites/s1/settings');
    expect(q('site-settings')?.textContent?.trim()).toBe('Настройки');
  });

  it('validates the add form before calling the API', async () => {
    const { fixture, el, q, type } = await render([]);
    expect(q('sites-empty')).not.toBeNull();
    q('site-add')?.click();
    await fixture.whenStable();
    backend.expectNone('/api/sites');
    expect(el.querySelectorAll('.field-error').length).toBe(2);

    await type('site-name', 'Лендинг');
    await type('site-url', 'not a url');
    q('site-add')?.click();
    await fixture.whenStable();
    backend.expectNone({ method: 'POST', url: '/api/sites' });
    expect(el.querySelector('#site-url-error')?.textContent).toContain('https://example.ru');
  });

  it('adds a site (scheme completed), lists it and opens its install code at once', async () => {
    const { fixture, el, q, type } = await render([]);
    await type('site-name', '  Лендинг ');
    await type('site-url', 'landing.romashka.ru');
    q('site-add')?.click();
    await fixture.whenStable();

    const post = backend.expectOne({ method: 'POST', url: '/api/sites' });
    expect(post.request.body).toEqual({ name: 'Лендинг', url: 'https://landing.romashka.ru' });
    post.flush({ ...SITE, id: 's2', name: 'Лендинг', url: 'https://landing.romashka.ru' });
    await fixture.whenStable();
    backend.expectOne('/api/sites/s2/install-code').flush(CODE);
    await fixture.whenStable();

    expect(el.querySelectorAll('[data-testid="site-row"]').length).toBe(1);
    expect((q('install-code-after-body') as HTMLTextAreaElement).value).toBe(CODE.afterBody);
    expect((q('site-name') as HTMLInputElement).value).toBe('');
  });

  it('marks the field the server refused, in the panel\'s words (not the server\'s)', async () => {
    const { fixture, el, q, type } = await render([]);
    await type('site-name', 'Сайт');
    await type('site-url', 'https://bad-origin.example');
    q('site-add')?.click();
    await fixture.whenStable();
    backend
      .expectOne({ method: 'POST', url: '/api/sites' })
      .flush(apiError('validation_failed', 'Invalid request', { url: 'Not a valid address' }), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(el.querySelector('#site-url-error')?.textContent?.trim()).toBe('Проверьте значение');
    expect(q('form-error')).toBeNull();
  });

  it('delete: the dialog says what goes with the site; Cancel keeps it, confirming deletes it', async () => {
    const { fixture, el, q } = await render();
    const dialog = q<HTMLDialogElement>('site-delete-dialog') as HTMLDialogElement;
    q('site-delete')?.click();
    await fixture.whenStable();
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('Удалить сайт «Интернет-магазин»?');
    expect(dialog.textContent).toContain('Виджет на shop.romashka.ru перестанет работать');
    for (const what of ['диалоги', 'сообщения', 'файлы', 'посетители', 'дизайн виджета']) expect(dialog.textContent).toContain(what);
    q('site-delete-cancel')?.click();
    await fixture.whenStable();
    expect(dialog.open).toBe(false);
    backend.expectNone({ method: 'DELETE', url: '/api/sites/s1' });

    q('site-delete')?.click();
    await fixture.whenStable();
    q('site-delete-confirm')?.click();
    await fixture.whenStable();
    backend.expectOne({ method: 'DELETE', url: '/api/sites/s1' }).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(dialog.open).toBe(false);
    expect(el.querySelectorAll('[data-testid="site-row"]').length).toBe(0);
    expect(q('sites-empty')).not.toBeNull();
  });

  it('a second site with the same address: the reason is at the address field, in Russian', async () => {
    const { fixture, el, q, type } = await render();
    await type('site-name', 'Ещё магазин');
    await type('site-url', 'shop.romashka.ru');
    q('site-add')?.click();
    await fixture.whenStable();
    backend.expectOne({ method: 'POST', url: '/api/sites' }).flush(apiError('site_exists', 'The site «Интернет-магазин» of this account already has this address', { url: 'This account already has a site with this address' }), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('#site-url-error')?.textContent?.trim()).toBe('В этом аккаунте уже есть сайт с таким адресом');
    await type('site-url', 'shop2.romashka.ru');
    q('site-add')?.click();
    await fixture.whenStable();
    backend.expectOne({ method: 'POST', url: '/api/sites' }).flush(apiError('site_address_taken', 'This address belongs to a site of another account'), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('#site-url-error')?.textContent?.trim()).toBe('Этот адрес уже подключён в другом аккаунте');
  });
});
