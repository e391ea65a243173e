import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import type { Locale } from './api.types';

export const LOCALES: readonly Locale[] = ['ru', 'en'];
export const LOCALE_STORAGE_KEY = 'callpy.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'ru' || value === 'en';
}

/**
 * The panel's UI language. Before sign-in it comes from localStorage, then the browser language
 * (Russian by default); after sign-in the user's saved locale wins (AuthService applies it).
 * This service never talks to the API: persisting the choice per user is AuthService's job.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly currentLocale = signal<Locale>('ru');
  readonly current = this.currentLocale.asReadonly();

  /** Picks the initial language; called once at bootstrap, which waits until it is loaded. */
  init(): Promise<unknown> {
    this.translate.addLangs([...LOCALES]);
    const locale = this.initialLocale();
    this.use(locale);
    return firstValueFrom(this.translate.use(locale));
  }

  use(locale: Locale): void {
    this.currentLocale.set(locale);
    this.translate.use(locale);
    this.document.documentElement.lang = locale;
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      /* storage unavailable: the choice lasts for this page only */
    }
  }

  /** Synchronous translation for code paths outside templates (e.g. confirm texts, titles). */
  instant(key: string, params?: Record<string, unknown>): string {
    return this.translate.instant(key, params);
  }

  private initialLocale(): Locale {
    try {
      const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
      if (isLocale(stored)) return stored;
    } catch {
      /* fall through to the browser language */
    }
    const browser = (this.document.defaultView?.navigator.languages ?? [])[0] ?? '';
    return browser.toLowerCase().startsWith('en') ? 'en' : 'ru';
  }
}
