import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, type EnvironmentProviders, type Provider, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type Routes, provideRouter, withComponentInputBinding } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import type { ApiErrorBody, AuthResponse, User } from '../app/core/api.types';
import { AuthService } from '../app/core/auth.service';
import { authInterceptor } from '../app/core/auth.interceptor';
import { I18nService, LOCALE_STORAGE_KEY } from '../app/core/i18n.service';
import { BundledTranslateLoader } from '../app/core/translate-loader';

@Component({ selector: 'cp-blank', template: '' })
export class Blank {}

export const TEST_ROUTES: Routes = [
  { path: 'login', component: Blank },
  { path: 'home', component: Blank },
  { path: 'sites', component: Blank },
  { path: 'team', component: Blank },
];

/** The app's real HTTP stack (with the auth interceptor) over Angular's testing backend. */
export function appTestProviders(routes: Routes = TEST_ROUTES): (Provider | EnvironmentProviders)[] {
  return [
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([authInterceptor])),
    provideHttpClientTesting(),
    provideTranslateService({ loader: provideTranslateLoader(BundledTranslateLoader), fallbackLang: 'ru' }),
  ];
}

/** Fresh storage and a Russian UI, as a first visit from a Russian browser would have. */
export function resetBrowserState(locale: 'ru' | 'en' = 'ru'): void {
  localStorage.clear();
  sessionStorage.clear();
  localStorage.setItem(LOCALE_STORAGE_KEY, locale);
}

export function initI18n(): I18nService {
  const i18n = TestBed.inject(I18nService);
  i18n.init();
  return i18n;
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 1,
    email: 'anna@romashka.ru',
    firstName: 'Анна',
    lastName: 'Смирнова',
    phone: '',
    role: 'admin',
    accountId: 'acc_1',
    accountName: 'ООО «Ромашка»',
    locale: 'ru',
    avatarUrl: null,
    ...overrides,
  };
}

export function authResponse(n: number, user: User = makeUser()): AuthResponse {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, user };
}

/**
 * A Russian UI with `user` signed in through the real login call, the app's HTTP stack over the
 * testing backend; returns that backend for the test's own requests.
 */
export async function signInForTest(user: User = makeUser()): Promise<HttpTestingController> {
  resetBrowserState('ru');
  TestBed.configureTestingModule({ providers: appTestProviders() });
  initI18n();
  const backend = TestBed.inject(HttpTestingController);
  const login = firstValueFrom(TestBed.inject(AuthService).login(user.email, 'password1'));
  backend.expectOne('/api/auth/login').flush(authResponse(1, user));
  await login;
  return backend;
}

export function apiError(code: string, message: string, fields?: Record<string, string>): ApiErrorBody {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}
