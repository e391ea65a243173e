import type { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { type Observable, of } from 'rxjs';
import en from '../../i18n/en.json';
import ru from '../../i18n/ru.json';

const BUNDLED: Record<string, TranslationObject> = { ru, en };

/**
 * Both languages compiled in and answered synchronously: what the specs run with (test-providers),
 * so a template is translated on its first render. The app loads them lazily (lazy-translate-loader).
 */
export class BundledTranslateLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    return of(BUNDLED[lang] ?? ru);
  }
}
