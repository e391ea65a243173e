import { DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type TranslationObject, TranslateService, TranslateStore } from '@ngx-translate/core';
import en from './i18n/en.json';
import ru from './i18n/ru.json';

const STRINGS: Record<string, TranslationObject> = { ru, en };

/**
 * Adds the chat view's strings (under `chat.`) to the panel's dictionaries, so the plugin ships its
 * own RU/EN texts. A language's dictionary is only extended once the panel has loaded it: merging
 * into a language not loaded yet would stop ngx-translate from ever loading the panel's own strings.
 * A language loaded later (the operator switches RU/EN) is extended when it arrives.
 */
export function registerChatStrings(): void {
  const translate = inject(TranslateService);
  const store = inject(TranslateStore);
  const merge = (lang: string) => {
    const strings = STRINGS[lang];
    if (strings && store.hasTranslationFor(lang)) translate.setTranslation(lang, strings, true);
  };
  for (const lang of Object.keys(STRINGS)) merge(lang);
  translate.onLangChange.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe(({ lang }) => merge(lang));
}
