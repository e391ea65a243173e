import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, authResponse, makeUser, signInForTest } from '../../../testing/test-providers';
import { TokenStorage } from '../../core/token-storage';
import { PasswordForm } from './password-form.component';

describe('PasswordForm (profile: change one\'s password)', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    backend = await signInForTest(makeUser());
  });
  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(PasswordForm);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLInputElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`) as T;
    const type = async (id: string, value: string) => {
      q(id).value = value;
      q(id).dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const submit = async () => {
      q<HTMLButtonElement>('password-save').click();
      await fixture.whenStable();
    };
    return { fixture, el, q, type, submit };
  }

  it('checks the rules before sending: current password, at least 8 characters, at most 72 bytes, the same twice', async () => {
    const { el, type, submit } = await render();
    await submit();
    expect(el.querySelector('#password-current-error')?.textContent).toContain('Заполните');
    await type('password-current', 'old password');
    await type('password-new', 'short');
    await submit();
    expect(el.querySelector('#password-new-error')?.textContent).toContain('Не короче 8 символов');
    await type('password-new', 'ж'.repeat(37));
    await submit();
    expect(el.querySelector('#password-new-error')?.textContent).toContain('не больше 72 байт');
    await type('password-new', 'a new secret');
    await type('password-confirm', 'another one');
    await submit();
    expect(el.querySelector('#password-confirm-error')?.textContent).toContain('Пароли не совпадают');
    backend.expectNone('/api/me/password');
  });

  it('sends the current and the new password and takes the fresh session the server answers with', async () => {
    const { q, type, submit } = await render();
    await type('password-current', 'old password');
    await type('password-new', 'a new secret');
    await type('password-confirm', 'a new secret');
    await submit();
    const req = backend.expectOne({ method: 'POST', url: '/api/me/password' });
    expect(req.request.body).toEqual({ currentPassword: 'old password', newPassword: 'a new secret' });
    req.flush(authResponse(2));
    expect(TestBed.inject(TokenStorage).refreshToken).toBe('refresh-2');
    expect(TestBed.inject(TokenStorage).accessToken).toBe('access-2');
    expect(q('password-current').value).toBe('');
  });

  it('a wrong current password is said at its field, in Russian', async () => {
    const { fixture, el, type, submit } = await render();
    await type('password-current', 'not it');
    await type('password-new', 'a new secret');
    await type('password-confirm', 'a new secret');
    await submit();
    backend.expectOne('/api/me/password').flush(apiError('wrong_password', 'The current password is wrong', { currentPassword: 'Wrong password' }), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(el.querySelector('#password-current-error')?.textContent?.trim()).toBe('Неверный текущий пароль');
    expect(TestBed.inject(TokenStorage).refreshToken).toBe('refresh-1');
  });
});
