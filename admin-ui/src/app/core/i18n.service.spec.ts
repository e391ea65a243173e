import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appTestProviders } from '../../testing/test-providers';
import en from '../../i18n/en.json';
import ru from '../../i18n/ru.json';
import { I18nService, LOCALE_STORAGE_KEY } from './i18n.service';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('I18nService', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: appTestProviders() });
  });
  afterEach(() => vi.restoreAllMocks());

  it('uses the language remembered in localStorage', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    const i18n = TestBed.inject(I18nService);
    i18n.init();
    expect(i18n.current()).toBe('en');
  });

  it('falls back to the browser language, Russian by default', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE', 'en']);
    const i18n = TestBed.inject(I18nService);
    i18n.init();
    expect(i18n.current()).toBe('ru');
  });

  it('picks English for an English browser', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-GB']);
    const i18n = TestBed.inject(I18nService);
    i18n.init();
    expect(i18n.current()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('ignores garbage in storage', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'klingon');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue([]);
    const i18n = TestBed.inject(I18nService);
    i18n.init();
    expect(i18n.current()).toBe('ru');
  });

  it('has translations bundled: switching needs no network', () => {
    const i18n = TestBed.inject(I18nService);
    i18n.init();
    i18n.use('en');
    expect(TestBed.inject(TranslateService).instant('sites.code.anywhere.title')).toBe('Anywhere on the page');
    i18n.use('ru');
    expect(TestBed.inject(TranslateService).instant('sites.code.anywhere.title')).toBe('В любое место на странице');
  });

  it('has the same keys in both languages, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort());
    for (const dict of [en, ru]) {
      for (const key of keys(dict)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], dict);
        expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
      }
    }
  });
});
