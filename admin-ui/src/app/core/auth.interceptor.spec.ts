import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, appTestProviders, authResponse, initI18n, resetBrowserState } from '../../testing/test-providers';
import { AuthService } from './auth.service';
import { TokenStorage } from './token-storage';

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let tokens: TokenStorage;
  let auth: AuthService;

  beforeEach(() => {
    resetBrowserState();
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    tokens = TestBed.inject(TokenStorage);
    auth = TestBed.inject(AuthService);
    tokens.set('access-1', 'refresh-1');
  });

  afterEach(() => backend.verify());

  it('adds the Bearer token to API calls only', () => {
    http.get('/api/sites').subscribe();
    http.get('/assets/logo.svg').subscribe();
    expect(backend.expectOne('/api/sites').request.headers.get('Authorization')).toBe('Bearer access-1');
    expect(backend.expectOne('/assets/logo.svg').request.headers.has('Authorization')).toBe(false);
  });

  it('does not send the token with sign-in calls, but does send the UI language', () => {
    auth.login('anna@romashka.ru', 'secret123').subscribe();
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.headers.has('Authorization')).toBe(false);
    expect(req.request.headers.get('Accept-Language')).toBe('ru');
    req.flush(authResponse(2));
  });

  it('refreshes on 401, stores the rotated tokens and retries with the new access token', async () => {
    const result = firstValueFrom(http.get<string[]>('/api/team'));

    backend.expectOne('/api/team').flush(apiError('unauthorized', 'Token expired'), UNAUTHORIZED);
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush(authResponse(2));

    const retry = backend.expectOne('/api/team');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    retry.flush(['ok']);

    await expect(result).resolves.toEqual(['ok']);
    expect(tokens.accessToken).toBe('access-2');
    expect(tokens.refreshToken).toBe('refresh-2');
  });

  it('shares one refresh between parallel requests that all got 401', async () => {
    const urls = ['/api/sites', '/api/team', '/api/plugins'];
    const results = urls.map((url) => firstValueFrom(http.get<string>(url)));

    for (const url of urls) backend.expectOne(url).flush(apiError('unauthorized', 'expired'), UNAUTHORIZED);
    // One refresh only: the refresh token rotates, a second concurrent refresh would be rejected.
    backend.expectOne('/api/auth/refresh').flush(authResponse(2));

    for (const url of urls) {
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
      retry.flush(url);
    }
    await expect(Promise.all(results)).resolves.toEqual(urls);
  });

  it('retries without refreshing again when another request already refreshed', async () => {
    const slow = firstValueFrom(http.get('/api/sites'));
    const fast = firstValueFrom(http.get('/api/team'));
    const slowReq = backend.expectOne('/api/sites');

    backend.expectOne('/api/team').flush(apiError('unauthorized', 'expired'), UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush(authResponse(2));
    backend.expectOne('/api/team').flush('team');
    await fast;

    // The first request was sent with the old token and fails only now.
    slowReq.flush(apiError('unauthorized', 'expired'), UNAUTHORIZED);
    backend.expectNone('/api/auth/refresh');
    const retry = backend.expectOne('/api/sites');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    retry.flush('sites');
    await expect(slow).resolves.toBe('sites');
  });

  it('tries the refresh only once: a second 401 goes to the caller', async () => {
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush(apiError('unauthorized', 'expired'), UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush(authResponse(2));
    backend.expectOne('/api/me').flush(apiError('unauthorized', 'still no'), UNAUTHORIZED);

    const err = await result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpErrorResponse);
    expect((err as HttpErrorResponse).status).toBe(401);
    backend.expectNone('/api/auth/refresh');
  });

  it('ends the session and goes to /login when the refresh is rejected', async () => {
    const router = TestBed.inject(Router);
    const navigate = vi.spyOn(router, 'navigateByUrl');
    const result = firstValueFrom(http.get('/api/sites'));

    backend.expectOne('/api/sites').flush(apiError('unauthorized', 'expired'), UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush(apiError('invalid_token', 'Session expired'), UNAUTHORIZED);

    const err = await result.catch((e: unknown) => e);
    expect((err as HttpErrorResponse).status).toBe(401);
    expect(tokens.accessToken).toBeNull();
    expect(tokens.refreshToken).toBeNull();
    expect(auth.user()).toBeNull();
    expect(auth.signOutReason()).toBe('expired');
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('keeps the session when the refresh fails only because the network is down', async () => {
    const result = firstValueFrom(http.get('/api/sites'));
    backend.expectOne('/api/sites').flush(apiError('unauthorized', 'expired'), UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').error(new ProgressEvent('error'));

    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(tokens.refreshToken).toBe('refresh-1');
  });

  it('passes non-401 errors through untouched', async () => {
    const result = firstValueFrom(http.post('/api/team/invitations', {}));
    backend.expectOne('/api/team/invitations').flush(apiError('email_taken', 'Exists'), { status: 409, statusText: 'Conflict' });
    const err = (await result.catch((e: unknown) => e)) as HttpErrorResponse;
    expect(err.status).toBe(409);
    backend.expectNone('/api/auth/refresh');
  });
});
