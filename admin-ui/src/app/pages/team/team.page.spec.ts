import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, appTestProviders, authResponse, initI18n, resetBrowserState } from '../../../testing/test-providers';
import type { TeamMember } from '../../core/api.types';
import { AuthService } from '../../core/auth.service';
import { TranslateService } from '@ngx-translate/core';
import { ToastService } from '../../shared/toast.service';
import { TeamPage } from './team.page';

const TEAM: TeamMember[] = [
  { id: 1, email: 'anna@romashka.ru', firstName: 'Анна', lastName: 'Смирнова', role: 'admin', status: 'active' },
  { id: 2, email: 'ivan@romashka.ru', firstName: 'Иван', lastName: 'Петров', role: 'operator', status: 'active' },
  { id: 3, email: 'sergey@romashka.ru', firstName: 'Сергей', lastName: 'Волков', role: 'operator', status: 'disconnected' },
];

describe('TeamPage', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    resetBrowserState('ru');
    TestBed.configureTestingModule({ providers: appTestProviders() });
    initI18n();
    backend = TestBed.inject(HttpTestingController);
    // Signed in as Anna (id 1).
    const login = firstValueFrom(TestBed.inject(AuthService).login('anna@romashka.ru', 'password1'));
    backend.expectOne('/api/auth/login').flush(authResponse(1));
    await login;
  });
  afterEach(() => backend.verify());

  /** The newest toast as the shell shows it, in the panel's language. */
  const lastToast = (): string => {
    const toast = TestBed.inject(ToastService).toasts().at(-1);
    return toast ? (TestBed.inject(TranslateService).instant(toast.key, toast.params) as string) : '';
  };

  async function render() {
    const fixture = TestBed.createComponent(TeamPage);
    await fixture.whenStable();
    backend.expectOne('/api/team').flush(TEAM);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = (id: string) => el.querySelector<HTMLInputElement>(`[data-testid="${id}"]`) as HTMLInputElement;
    const rows = () => [...el.querySelectorAll<HTMLElement>('[data-testid="member-row"]')];
    return { fixture, el, q, rows };
  }

  it('lists members with role and status; no disconnect for myself or the already disconnected', async () => {
    const { rows } = await render();
    expect(rows().length).toBe(3);
    expect(rows().map((r) => r.querySelector('[data-testid="member-status"]')?.textContent?.trim())).toEqual([
      'Подключён',
      'Подключён',
      'Отключён',
    ]);
    expect(rows()[1]?.querySelector<HTMLSelectElement>('[data-testid="member-role-select"]')?.value).toBe('operator');
    expect(rows()[2]?.querySelector('[data-testid="member-role"]')?.textContent?.trim()).toBe('Оператор');
    expect(rows().map((r) => !!r.querySelector('[data-testid="disconnect"]'))).toEqual([false, true, false]);
    expect(rows().map((r) => !!r.querySelector('[data-testid="reconnect"]'))).toEqual([false, false, true]);
  });

  it('invite: validates the e-mail, then sends only the filled fields', async () => {
    const { fixture, el, q, rows } = await render();
    q('invite-submit').click();
    await fixture.whenStable();
    backend.expectNone('/api/team/invitations');
    expect(el.querySelector('#invite-email-error')?.textContent).toContain('Заполните');

    q('invite-email').value = 'olga@romashka.ru';
    q('invite-email').dispatchEvent(new Event('input'));
    q('invite-role-admin').click();
    q('invite-submit').click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/team/invitations');
    expect(req.request.body).toEqual({ email: 'olga@romashka.ru', role: 'admin' });
    req.flush({ id: 4, email: 'olga@romashka.ru', firstName: '', lastName: '', role: 'admin', status: 'invited' });
    await fixture.whenStable();
    expect(rows().length).toBe(4);
    expect(rows()[3]?.dataset['status']).toBe('invited');
    expect(q('invite-email').value).toBe('');
  });

  it('invite: a 409 is worded by its code next to the e-mail field', async () => {
    const { fixture, el, q } = await render();
    q('invite-email').value = 'ivan@romashka.ru';
    q('invite-email').dispatchEvent(new Event('input'));
    q('invite-submit').click();
    await fixture.whenStable();
    backend.expectOne('/api/team/invitations').flush(apiError('email_taken', 'Сотрудник с таким e-mail уже есть'), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('#invite-email-error')?.textContent?.trim()).toBe('Пользователь с таким e-mail уже есть.');
  });

  it('disconnect asks for confirmation first, then marks the member disconnected', async () => {
    const { fixture, el, q, rows } = await render();
    const dialog = el.querySelector('dialog') as HTMLDialogElement;

    q('disconnect').click();
    await fixture.whenStable();
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('Иван Петров');
    q('disconnect-cancel').click();
    await fixture.whenStable();
    expect(dialog.open).toBe(false);
    backend.expectNone('/api/team/2/disconnect');

    q('disconnect').click();
    await fixture.whenStable();
    q('disconnect-confirm').click();
    await fixture.whenStable();
    backend.expectOne({ method: 'POST', url: '/api/team/2/disconnect' }).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(dialog.open).toBe(false);
    expect(rows()[1]?.dataset['status']).toBe('disconnected');
    expect(rows()[1]?.querySelector('[data-testid="disconnect"]')).toBeNull();
  });

  it('changes a role from the row and says so', async () => {
    const { fixture, rows } = await render();
    const select = rows()[1]!.querySelector<HTMLSelectElement>('[data-testid="member-role-select"]')!;
    select.value = 'admin';
    select.dispatchEvent(new Event('change'));
    const req = backend.expectOne({ method: 'PATCH', url: '/api/team/2' });
    expect(req.request.body).toEqual({ role: 'admin' });
    req.flush({ ...TEAM[1], role: 'admin' });
    await fixture.whenStable();
    expect(rows()[1]!.querySelector<HTMLSelectElement>('[data-testid="member-role-select"]')!.value).toBe('admin');
    expect(lastToast()).toContain('Иван Петров теперь администратор');
  });

  it('the last admin stepping down: the select goes back and the reason is in Russian', async () => {
    const { fixture, rows } = await render();
    const select = rows()[0]!.querySelector<HTMLSelectElement>('[data-testid="member-role-select"]')!;
    expect(select.value).toBe('admin');
    select.value = 'operator';
    select.dispatchEvent(new Event('change'));
    backend.expectOne({ method: 'PATCH', url: '/api/team/1' }).flush(apiError('last_admin', 'The account needs an administrator'), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(select.value).toBe('admin');
    expect(lastToast()).toContain('Вы единственный администратор');
  });

  it('reconnects a disconnected member', async () => {
    const { fixture, rows } = await render();
    rows()[2]!.querySelector<HTMLButtonElement>('[data-testid="reconnect"]')!.click();
    backend.expectOne({ method: 'POST', url: '/api/team/3/reconnect' }).flush({ ...TEAM[2], status: 'active' });
    await fixture.whenStable();
    expect(rows()[2]?.dataset['status']).toBe('active');
    expect(rows()[2]?.querySelector('[data-testid="reconnect"]')).toBeNull();
    expect(rows()[2]?.querySelector('[data-testid="disconnect"]')).not.toBeNull();
    expect(lastToast()).toContain('Сергей Волков снова подключён к панели');
  });
});
