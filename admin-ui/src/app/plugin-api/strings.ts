import { DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type TranslationObject, TranslateService, TranslateStore } from '@ngx-translate/core';

/**
 * Adds a plugin's strings (under its own prefix, e.g. `goals.`) to the panel's dictionaries, so a
 * plugin ships its own RU/EN texts. Call it in an injection context (a background's `start`). A
 * language's dictionary is only extended once the panel has loaded it: merging into a language not
 * loaded yet would stop ngx-translate from ever loading the panel's own strings. A language loaded
 * later (the operator switches RU/EN) is extended when it arrives.
 */
export function registerPluginStrings(strings: Readonly<Record<'ru' | 'en', TranslationObject>>): void {
  const translate = inject(TranslateService);
  const store = inject(TranslateStore);
  const merge = (lang: string) => {
    const dictionary = strings[lang as 'ru' | 'en'];
    if (dictionary && store.hasTranslationFor(lang)) translate.setTranslation(lang, dictionary, true);
  };
  for (const lang of Object.keys(strings)) merge(lang);
  translate.onLangChange.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe(({ lang }) => merge(lang));
}
