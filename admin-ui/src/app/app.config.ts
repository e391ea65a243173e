import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth.interceptor';
import { I18nService } from './core/i18n.service';
import { TranslatedTitleStrategy } from './core/title.strategy';
import { LazyTranslateLoader } from './core/lazy-translate-loader';
import { enterSupportFromAddress } from './core/support-entry';
import { TokenStorage } from './core/token-storage';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    provideTranslateService({
      loader: provideTranslateLoader(LazyTranslateLoader),
      fallbackLang: 'ru',
    }),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    provideAppInitializer(() => inject(I18nService).init()),
    // A support visit's tab (issue 15) takes its token from the address before the first navigation.
    provideAppInitializer(() => enterSupportFromAddress(inject(TokenStorage))),
  ],
};
