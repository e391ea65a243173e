import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../testing/test-providers';
import { TokenStorage } from '../../core/token-storage';
import { AcceptInvitationPage } from './accept-invitation.page';

const INVITE = { email: 'maria@romashka.ru', accountName: 'ООО «Ромашка»', firstName: 'Мария', lastName: '' };

describe('AcceptInvitationPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function render(token: string | null = 'inv-1') {
    const fixture = TestBed.createComponent(AcceptInvitationPage);
    if (token) fixture.componentRef.setInput('token', token);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = (id: string) => el.querySelector<HTMLInputElement>(`[data-testid="${id}"]`) as HTMLInputElement;
    const type = (id: string, value: string) => {
      q(id).value = value;
      q(id).dispatchEvent(new Event('input'));
    };
    return { fixture, el, q, type };
  }

  it('shows the invited e-mail and account, prefilled name', async () => {
    const { fixture, q } = await render('a/b');
    backend.expectOne('/api/auth/invitations/a%2Fb').flush(INVITE);
    await fixture.whenStable();
    expect(q('accept-email').value).toBe('maria@romashka.ru');
    expect(q('accept-account').textContent).toBe('ООО «Ромашка»');
    expect(q('accept-first-name').value).toBe('Мария');
  });

  it('explains an invalid or expired invitation (404)', async () => {
    const { fixture, el } = await render();
    backend.expectOne('/api/auth/invitations/inv-1').flush(null, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="accept-invalid"]')?.textContent).toContain('Приглашение недействительно');
  });

  it('without a token it does not even ask the server', async () => {
    const { el } = await render(null);
    backend.expectNone(() => true);
    expect(el.querySelector('[data-testid="accept-invalid"]')).not.toBeNull();
  });

  it('requires last name, 8+ character password and a matching confirmation', async () => {
    const { fixture, el, q, type } = await render();
    backend.expectOne('/api/auth/invitations/inv-1').flush(INVITE);
    await fixture.whenStable();

    type('accept-password', 'short');
    type('accept-password-confirm', 'shorter');
    q('accept-submit').click();
    await fixture.whenStable();
    expect(el.querySelector('#accept-last-name-error')?.textContent).toContain('Заполните');
    expect(el.querySelector('#accept-password-error')?.textContent).toContain('Не короче 8 символов');
    expect(el.querySelector('#accept-confirm-error')?.textContent).toContain('Пароли не совпадают');

    // Fixing the password re-checks the confirmation too.
    type('accept-password', 'shorter');
    await fixture.whenStable();
    expect(el.querySelector('#accept-confirm-error')).toBeNull();
    backend.expectNone('/api/auth/accept-invitation');
  });

  it('accepts, signs the invitee in and lands in the panel', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture, q, type } = await render();
    backend.expectOne('/api/auth/invitations/inv-1').flush(INVITE);
    await fixture.whenStable();

    type('accept-last-name', ' Иванова ');
    type('accept-password', 'long-enough-1');
    type('accept-password-confirm', 'long-enough-1');
    q('accept-submit').click();
    await fixture.whenStable();

    const req = backend.expectOne('/api/auth/accept-invitation');
    expect(req.request.body).toEqual({ token: 'inv-1', password: 'long-enough-1', firstName: 'Мария', lastName: 'Иванова' });
    req.flush(authResponse(7, makeUser({ role: 'operator', email: INVITE.email })));
    expect(TestBed.inject(TokenStorage).accessToken).toBe('access-7');
    expect(navigate).toHaveBeenCalledWith('/home');
  });
});
