import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../testing/test-providers';
import { AuthService } from './auth.service';
import { type I18nService, LOCALE_STORAGE_KEY } from './i18n.service';
import { TokenStorage } from './token-storage';

describe('AuthService', () => {
  let auth: AuthService;
  let backend: HttpTestingController;
  let tokens: TokenStorage;
  let i18n: I18nService;

  beforeEach(() => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    i18n = initI18n();
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
    tokens = TestBed.inject(TokenStorage);
  });

  afterEach(() => backend.verify());

  it('signs in: keeps both tokens in localStorage and applies the user saved language', async () => {
    const result = firstValueFrom(auth.login('john@acme.com', 'password1'));
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ email: 'john@acme.com', password: 'password1' });
    req.flush(authResponse(1, makeUser({ locale: 'en', role: 'operator' })));

    await result;
    expect(localStorage.getItem('callpy.accessToken')).toBe('access-1');
    expect(localStorage.getItem('callpy.refreshToken')).toBe('refresh-1');
    expect(auth.isAdmin()).toBe(false);
    expect(i18n.current()).toBe('en');
    expect(TestBed.inject(TranslateService).getCurrentLang()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('restores the session from stored tokens through GET /api/me', async () => {
    tokens.set('access-1', 'refresh-1');
    const first = auth.ensureSession();
    const second = auth.ensureSession();
    backend.expectOne('/api/me').flush(makeUser({ firstName: 'Иван', lastName: '' }));
    await expect(first).resolves.toMatchObject({ firstName: 'Иван' });
    await expect(second).resolves.toMatchObject({ firstName: 'Иван' });
    expect(auth.displayName()).toBe('Иван');
  });

  it('has no session without tokens (no request at all)', async () => {
    await expect(auth.ensureSession()).resolves.toBeNull();
    backend.expectNone('/api/me');
  });

  it('signs out: forgets the tokens, revokes the refresh token and goes to /login', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl');
    const login = firstValueFrom(auth.login('a@b.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1));
    await login;

    const done = auth.logout();
    expect(tokens.accessToken).toBeNull();
    expect(auth.user()).toBeNull();
    const req = backend.expectOne('/api/auth/logout');
    expect(req.request.body).toEqual({ refreshToken: 'refresh-1' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await done;
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('ignores a profile answer that arrives after sign-out (no zombie session)', async () => {
    const login = firstValueFrom(auth.login('a@b.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1));
    await login;

    auth.changeLocale('en').subscribe();
    const patch = backend.expectOne('/api/me');
    void auth.logout();
    backend.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    patch.flush(makeUser({ locale: 'en' }));

    expect(auth.user()).toBeNull();
    await expect(auth.ensureSession()).resolves.toBeNull();
  });
});

describe('language switch persistence', () => {
  let auth: AuthService;
  let backend: HttpTestingController;

  beforeEach(() => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('before sign-in: switches the UI and remembers it in localStorage only', async () => {
    await expect(firstValueFrom(auth.changeLocale('en'))).resolves.toBeNull();
    backend.expectNone('/api/me');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(TestBed.inject(TranslateService).instant('login.submit')).toBe('Sign in');
  });

  it('signed in: saves the language to the profile with PATCH /api/me {locale}', async () => {
    const login = firstValueFrom(auth.login('a@b.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ locale: 'ru' })));
    await login;

    const saved = firstValueFrom(auth.changeLocale('en'));
    // The UI switches at once, before the server answers.
    expect(TestBed.inject(TranslateService).instant('nav.logout')).toBe('Sign out');
    const req = backend.expectOne('/api/me');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ locale: 'en' });
    expect(req.request.headers.get('Authorization')).toBe('Bearer access-1');
    req.flush(makeUser({ locale: 'en' }));

    await saved;
    expect(auth.user()?.locale).toBe('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
  });

  it('quick switches are written one at a time, and the last one is what stays', async () => {
    const login = firstValueFrom(auth.login('a@b.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ locale: 'ru' })));
    await login;
    const toEn = firstValueFrom(auth.changeLocale('en'));
    const backToRu = firstValueFrom(auth.changeLocale('ru'));
    // The second waits for the first: the server cannot store them out of order.
    const first = backend.expectOne('/api/me');
    expect(first.request.body).toEqual({ locale: 'en' });
    backend.expectNone('/api/me');
    first.flush(makeUser({ locale: 'en' }));
    await toEn;
    await new Promise((resolve) => setTimeout(resolve));
    const second = backend.expectOne('/api/me');
    expect(second.request.body).toEqual({ locale: 'ru' });
    second.flush(makeUser({ locale: 'ru' }));
    await backToRu;
    expect(auth.user()?.locale).toBe('ru');
    expect(TestBed.inject(TranslateService).instant('nav.logout')).toBe('Выйти');
  });

  it('the saved language wins at the next sign-in, whatever the page showed before', async () => {
    await firstValueFrom(auth.changeLocale('ru'));
    const login = firstValueFrom(auth.login('a@b.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ locale: 'en' })));
    await login;
    expect(TestBed.inject(TranslateService).instant('nav.sites')).toBe('Sites');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
  });
});
