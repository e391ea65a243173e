import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { openInShell } from '../../../testing/shell-harness';
import { apiError, appTestProviders, initI18n, resetBrowserState } from '../../../testing/test-providers';
import { SiteSettingsPage } from './site-settings.page';
import type { SiteView } from './site-settings.service';

/** Relative to this file: the repository's artifacts/screenshots/. */
const shot = (name: string) => page.screenshot({ path: `../../../../../artifacts/screenshots/${name}.png` });

const WEEKDAYS = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));
const SITE: SiteView = {
  id: 's1',
  name: 'Интернет-магазин',
  url: 'https://shop.romashka.ru',
  origins: ['https://shop.romashka.ru', 'https://www.shop.romashka.ru'],
  publicKey: 'pk_1',
  chatLanguage: 'ru',
  workingHours: { always: true, intervals: [] },
  timezone: 'Asia/Vladivostok',
  createdAt: '2026-10-02T10:00:00Z',
};

describe('SiteSettingsPage', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(site: SiteView | { status: number } = SITE, locale: 'ru' | 'en' = 'ru') {
    resetBrowserState(locale);
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SiteSettingsPage);
    fixture.componentRef.setInput('siteId', 's1');
    await fixture.whenStable();
    const get = backend.expectOne({ method: 'GET', url: '/api/sites/s1' });
    if ('status' in site) get.flush(apiError('not_found', 'No such site in this account'), { status: site.status, statusText: 'Not Found' });
    else get.flush(site);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`);
    const type = async (id: string, value: string) => {
      const input = q<HTMLInputElement>(id)!;
      input.value = value;
      input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
      input.dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    const click = async (id: string) => {
      q(id)!.click();
      await fixture.whenStable();
    };
    return { fixture, el, q, type, click };
  }

  it('shows the site as saved: name, address, language, hours and their time zone', async () => {
    const { q } = await render();
    expect(q<HTMLInputElement>('site-settings-name')!.value).toBe('Интернет-магазин');
    expect(q<HTMLInputElement>('site-settings-url')!.value).toBe('https://shop.romashka.ru');
    expect(q<HTMLSelectElement>('site-settings-language')!.value).toBe('ru');
    // H6 and C20 are the chat plugin's tab (plugins/chat/admin/site-settings/).
    expect(q('site-settings-offline-emails')).toBeNull();
    expect(q('site-settings-notify-message')).toBeNull();
    expect(q<HTMLInputElement>('site-settings-hours-always')!.checked).toBe(true);
    expect(q('site-settings-hours-editor')).toBeNull();
    expect(q('site-settings-hours-timezone')!.textContent).toContain('Asia/Vladivostok');
    expect(q<HTMLButtonElement>('site-settings-save')!.disabled).toBe(true);
  });

  it('saves every setting in one PATCH and says so', async () => {
    const { fixture, q, type, click } = await render();
    await type('site-settings-language', 'en');
    await type('site-settings-name', ' Ромашка ');
    expect(q<HTMLButtonElement>('site-settings-save')!.disabled).toBe(false);
    await click('site-settings-save');

    const req = backend.expectOne({ method: 'PATCH', url: '/api/sites/s1' });
    expect(req.request.body).toEqual({
      name: 'Ромашка',
      url: 'https://shop.romashka.ru',
      chatLanguage: 'en',
      workingHours: { always: true, intervals: [] },
    });
    req.flush({ ...SITE, name: 'Ромашка', chatLanguage: 'en' });
    await fixture.whenStable();
    expect(q('site-settings-saved')!.textContent).toContain('Сохранено');
    expect(q<HTMLButtonElement>('site-settings-save')!.disabled).toBe(true);
    expect(q<HTMLInputElement>('site-settings-name')!.value).toBe('Ромашка');
  });

  it('names a bad name before asking the server, and sends nothing', async () => {
    const { q, type, click } = await render();
    await type('site-settings-name', '   ');
    await click('site-settings-save');
    backend.expectNone({ method: 'PATCH', url: '/api/sites/s1' });
    expect(q('site-settings-form-error')!.textContent).toContain('Исправьте отмеченные поля');
  });

  it("shows the server's message next to each field it names; editing the field clears it", async () => {
    const { fixture, q, type, click } = await render();
    await type('site-settings-name', 'Ромашка');
    await click('site-settings-save');
    backend
      .expectOne({ method: 'PATCH', url: '/api/sites/s1' })
      .flush(apiError('validation_failed', 'Invalid request', { name: 'Enter a name for the site', chatLanguage: 'The chat language is ru (Russian) or en (English)' }), {
        status: 400,
        statusText: 'Bad Request',
      });
    await fixture.whenStable();
    expect(q('site-settings-error-name')!.textContent).toContain('Проверьте значение');
    expect(q('site-settings-error-chatLanguage')!.textContent).toContain('Проверьте значение');
    expect(q('site-settings-form-error')!.textContent).toContain('Исправьте отмеченные поля');
    await type('site-settings-name', 'Ромашка Плюс');
    expect(q('site-settings-error-name')).toBeNull();
    expect(q('site-settings-error-chatLanguage')).not.toBeNull();
  });

  it('working hours: "by schedule" needs hours; a preset fills the week with the shared editor and saves it', async () => {
    const { q, click, el } = await render();
    await click('site-settings-hours-schedule');
    expect(q('site-settings-hours-editor')).not.toBeNull();
    expect(q('site-settings-hours-empty')!.textContent).toContain('хотя бы один рабочий период');
    await click('site-settings-save');
    backend.expectNone({ method: 'PATCH', url: '/api/sites/s1' });

    await click('site-settings-hours-preset-weekdays');
    expect(el.querySelectorAll('[data-testid="schedule-bar"]')).toHaveLength(5);
    expect(q('site-settings-hours-empty')).toBeNull();
    await click('site-settings-save');
    const req = backend.expectOne({ method: 'PATCH', url: '/api/sites/s1' });
    expect(req.request.body.workingHours).toEqual({ always: false, intervals: WEEKDAYS });
    req.flush({ ...SITE, workingHours: { always: false, intervals: WEEKDAYS } });
  });

  it('switching back to "always" keeps the drawn week for later', async () => {
    const { q, click } = await render({ ...SITE, workingHours: { always: false, intervals: WEEKDAYS } });
    expect(q<HTMLInputElement>('site-settings-hours-schedule')!.checked).toBe(true);
    await click('site-settings-hours-always');
    expect(q('site-settings-hours-editor')).toBeNull();
    await click('site-settings-save');
    const req = backend.expectOne({ method: 'PATCH', url: '/api/sites/s1' });
    expect(req.request.body.workingHours).toEqual({ always: true, intervals: WEEKDAYS });
    req.flush({ ...SITE, workingHours: { always: true, intervals: WEEKDAYS } });
  });

  it('asks before leaving with unsaved changes', async () => {
    const { fixture, q, type, click } = await render();
    const page = fixture.componentInstance;
    expect(page.confirmLeave()).toBe(true);
    await type('site-settings-name', 'Ромашка');
    const stay = page.confirmLeave() as Promise<boolean>;
    await fixture.whenStable();
    expect(q<HTMLDialogElement>('site-settings-leave-dialog')!.open).toBe(true);
    await click('site-settings-leave-cancel');
    await expect(stay).resolves.toBe(false);
    const go = page.confirmLeave() as Promise<boolean>;
    await fixture.whenStable();
    await click('site-settings-leave-confirm');
    await expect(go).resolves.toBe(true);
  });

  it("another account's or a deleted site is not found", async () => {
    const { q } = await render({ status: 404 });
    expect(q('site-settings-missing')!.textContent).toContain('Сайт не найден');
    expect(q('site-settings-form')).toBeNull();
  });

  it('speaks English', async () => {
    const { el, q } = await render(SITE, 'en');
    expect(el.querySelector('h1')!.textContent).toContain('Site settings');
    expect(el.textContent).toContain('Chat language');
    expect(q('site-settings-hours-always')!.closest('label')!.textContent).toContain('Always');
  });
});

describe('site settings page screenshot', () => {
  it('desktop 1366×1800, in the shell, a site with working hours', async () => {
    const shell = await openInShell('/sites/s1/settings', { width: 1366, height: 1800 });
    (await shell.expectSoon('/api/sites/s1')).flush({ ...SITE, workingHours: { always: false, intervals: WEEKDAYS } });
    await shell.settle();
    expect(shell.q('site-settings-hours-editor')).not.toBeNull();
    await shot('panel-site-settings');
    shell.backend.verify();
  });
});
