import type { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { type Observable, from } from 'rxjs';

/** Each language is a chunk of its own, so the initial bundle carries neither (≈ 45 KB of JSON). */
const LANGUAGES: Record<string, () => Promise<{ default: TranslationObject }>> = {
  ru: () => import('../../i18n/ru.json'),
  en: () => import('../../i18n/en.json'),
};

/**
 * The panel's translations: fetched from the panel's own server with the rest of its code (the app
 * initializer waits for the first language, so no key ever shows); the other language comes when
 * it is chosen.
 */
export class LazyTranslateLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    return from((LANGUAGES[lang] ?? LANGUAGES['ru']!)().then((m) => m.default));
  }
}
