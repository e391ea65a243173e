import type { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { type Observable, of } from 'rxjs';
import en from '../../i18n/en.json';
import ru from '../../i18n/ru.json';

const BUNDLED: Record<string, TranslationObject> = { ru, en };

/**
 * Translations are compiled into the bundle (two small JSON files), so switching the language
 * never depends on a network fetch that could fail.
 */
export class BundledTranslateLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    return of(BUNDLED[lang] ?? ru);
  }
}
