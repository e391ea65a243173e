import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, type UrlSegment, type UrlTree } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../testing/test-providers';
import { accountGuard, adminGuard, authGuard, guestGuard, safeReturnUrl, staffGuard } from './auth.guards';
import { AuthService } from './auth.service';

const segments = (path: string) => path.split('/').map((p) => ({ path: p }) as UrlSegment);

describe('route guards', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  const run = (guard: typeof authGuard, path = 'team') =>
    TestBed.runInInjectionContext(() => guard({}, segments(path))) as Promise<boolean | UrlTree> | boolean | UrlTree;

  async function signIn(role: 'admin' | 'operator' | 'agency') {
    const login = firstValueFrom(TestBed.inject(AuthService).login('a@b.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ role })));
    await login;
  }

  it('sends a signed-out visitor to /login, remembering the page', async () => {
    const result = await run(authGuard, 'team');
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/login?returnUrl=%2Fteam');
  });

  it('lets a signed-in user into the panel and keeps guests pages away from them', async () => {
    await signIn('operator');
    expect(await run(authGuard)).toBe(true);
    expect(TestBed.inject(Router).serializeUrl((await run(guestGuard)) as UrlTree)).toBe('/home');
  });

  it('keeps operators out of the admin pages', async () => {
    await signIn('operator');
    expect(TestBed.inject(Router).serializeUrl(run(adminGuard) as UrlTree)).toBe('/home');
  });

  it('lets admins into the admin pages', async () => {
    await signIn('admin');
    expect(run(adminGuard)).toBe(true);
  });

  it("keeps agency staff in their console and an account's users out of it", async () => {
    await signIn('agency');
    const router = TestBed.inject(Router);
    expect(run(staffGuard)).toBe(true);
    expect(router.serializeUrl(run(accountGuard) as UrlTree)).toBe('/agency/clients');
    expect(router.serializeUrl((await run(guestGuard)) as UrlTree)).toBe('/agency/clients');
    expect(router.serializeUrl(run(adminGuard) as UrlTree)).toBe('/home');
  });

  it('sends account admins and operators away from the agency console', async () => {
    await signIn('admin');
    expect(TestBed.inject(Router).serializeUrl(run(staffGuard) as UrlTree)).toBe('/sites');
    expect(run(accountGuard)).toBe(true);
  });

  it('accepts only same-app return URLs', () => {
    expect(safeReturnUrl('/team')).toBe('/team');
    expect(safeReturnUrl('//evil.example')).toBeNull();
    expect(safeReturnUrl('/\\evil.example')).toBeNull();
    expect(safeReturnUrl('https://evil.example')).toBeNull();
    expect(safeReturnUrl(undefined)).toBeNull();
  });
});
