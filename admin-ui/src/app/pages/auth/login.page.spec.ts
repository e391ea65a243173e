import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../testing/test-providers';
import { AuthService } from '../../core/auth.service';
import { LoginPage } from './login.page';

describe('LoginPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function render(returnUrl?: string) {
    const fixture = TestBed.createComponent(LoginPage);
    if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = (id: string) => el.querySelector<HTMLInputElement>(`[data-testid="${id}"]`) as HTMLInputElement;
    const type = (id: string, value: string) => {
      q(id).value = value;
      q(id).dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      q('login-submit').click();
      await fixture.whenStable();
    };
    return { fixture, el, q, type, submit };
  }

  it('does not call the API with an empty or malformed form', async () => {
    const { el, type, submit } = await render();
    await submit();
    expect(el.querySelector('#login-email-error')?.textContent).toContain('Заполните это поле');
    expect(el.querySelector('#login-password-error')).not.toBeNull();

    type('login-email', 'anna@');
    type('login-password', 'x');
    await submit();
    expect(el.querySelector('#login-email-error')?.textContent).toContain('корректный e-mail');
    backend.expectNone('/api/auth/login');
  });

  it('words a 401 and a 403 disconnected by their codes, in the panel language', async () => {
    const { el, type, submit, fixture } = await render();
    type('login-email', 'anna@romashka.ru');
    type('login-password', 'wrong-pass');
    await submit();
    backend.expectOne('/api/auth/login').flush(apiError('invalid_credentials', 'Неверный e-mail или пароль.'), { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="login-error"]')?.textContent?.trim()).toBe('Неверный e-mail или пароль.');

    await submit();
    backend.expectOne('/api/auth/login').flush(apiError('disconnected', 'Доступ отключён администратором'), { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="login-error"]')?.textContent?.trim()).toBe('Администратор аккаунта отключил ваш доступ.');
  });

  it('falls back to a translated message when the server sends none (429 without body)', async () => {
    const { el, type, submit, fixture } = await render();
    type('login-email', 'anna@romashka.ru');
    type('login-password', 'password1');
    await submit();
    backend.expectOne('/api/auth/login').flush(null, { status: 429, statusText: 'Too Many Requests' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="login-error"]')?.textContent).toContain('Слишком много попыток');
  });

  it('lands admins on /sites and operators on /home', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const admin = await render();
    admin.type('login-email', ' anna@romashka.ru ');
    admin.type('login-password', 'password1');
    await admin.submit();
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ email: 'anna@romashka.ru', password: 'password1' });
    req.flush(authResponse(1, makeUser({ role: 'admin' })));
    expect(navigate).toHaveBeenLastCalledWith('/sites');

    TestBed.inject(AuthService).endSession('expired');
    const operator = await render();
    operator.type('login-email', 'ivan@romashka.ru');
    operator.type('login-password', 'password1');
    await operator.submit();
    backend.expectOne('/api/auth/login').flush(authResponse(2, makeUser({ role: 'operator' })));
    expect(navigate).toHaveBeenLastCalledWith('/home');
  });

  it('follows a same-app returnUrl but never an external one', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const ok = await render('/team');
    ok.type('login-email', 'anna@romashka.ru');
    ok.type('login-password', 'password1');
    await ok.submit();
    backend.expectOne('/api/auth/login').flush(authResponse(1));
    expect(navigate).toHaveBeenLastCalledWith('/team');

    const evil = await render('//evil.example/phish');
    evil.type('login-email', 'anna@romashka.ru');
    evil.type('login-password', 'password1');
    await evil.submit();
    backend.expectOne('/api/auth/login').flush(authResponse(2));
    expect(navigate).toHaveBeenLastCalledWith('/sites');
  });

  it('shows why the session ended', async () => {
    TestBed.inject(AuthService).signOutReason.set('revoked');
    const { el } = await render();
    expect(el.querySelector('[data-testid="login-notice"]')?.textContent).toContain('Вы вышли из панели');
  });

  it('says what works today and what is coming, feature by feature, in the user\'s language', async () => {
    const { el } = await render();
    const works = el.querySelector('[data-testid="features-works"]')!;
    const coming = el.querySelector('[data-testid="features-coming"]')!;
    expect(works.textContent).toContain('Онлайн-чат и рабочее место оператора');
    expect(works.textContent).toContain('C20');
    expect(works.textContent).toContain('G1');
    expect(works.textContent).toContain('Звонки посетителю и от посетителя');
    expect(works.textContent).toContain('D1');
    expect(works.textContent).toContain('Наблюдение за страницей посетителя');
    expect(works.textContent).toContain('E1');
    expect(coming.textContent).toContain('Сценарии входящих звонков');
    expect(coming.textContent).toContain('E4');
    expect(coming.textContent).not.toContain('D1,');
    // Every id of the list appears once, in one of the two states.
    const ids = [...el.querySelectorAll('[data-testid="feature-status"] .ids')].flatMap((n) => (n.textContent ?? '').split(', '));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
