import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { openInShell } from '../../../../admin-ui/src/testing/shell-harness';
import { apiError, signInForTest } from '../../../../admin-ui/src/testing/test-providers';
import type { TeamMember } from '../../../../admin-ui/src/app/plugin-api';
import { DepartmentsPage } from './departments.page';
import type { Department } from './departments.service';

/** Relative to this file: the repository's artifacts/screenshots/. */
const shot = (name: string) => page.screenshot({ path: `../../../../artifacts/screenshots/${name}.png` });

const TEAM: TeamMember[] = [
  { id: 1, email: 'anna@romashka.ru', firstName: 'Анна', lastName: 'Смирнова', role: 'admin', status: 'active' },
  { id: 2, email: 'ivan@romashka.ru', firstName: 'Иван', lastName: 'Петров', role: 'operator', status: 'active' },
  { id: 3, email: 'olga@romashka.ru', firstName: 'Ольга', lastName: 'Кузнецова', role: 'operator', status: 'active' },
  { id: 4, email: 'sergey@romashka.ru', firstName: 'Сергей', lastName: 'Волков', role: 'operator', status: 'disconnected' },
  { id: 5, email: 'maria@romashka.ru', firstName: 'Мария', lastName: 'Орлова', role: 'operator', status: 'invited' },
];
const DEPARTMENTS: Department[] = [
  { id: 'd2', name: 'Техническая поддержка', memberIds: [3] },
  { id: 'd1', name: 'Отдел продаж', memberIds: [2, 3, 4] },
];

describe('DepartmentsPage', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    backend = await signInForTest();
  });
  afterEach(() => backend.verify());

  async function render(departments: Department[] = DEPARTMENTS) {
    const fixture = TestBed.createComponent(DepartmentsPage);
    await fixture.whenStable();
    backend.expectOne('/api/chat/departments').flush(departments);
    backend.expectOne('/api/team').flush(TEAM);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLInputElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`) as T;
    const all = (id: string) => [...el.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
    const type = async (value: string) => {
      q('department-name-input').value = value;
      q('department-name-input').dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const member = (id: number) => el.querySelector<HTMLInputElement>(`[data-testid="department-member"][data-member-id="${id}"]`)!;
    return { fixture, el, q, all, type, member };
  }

  it('lists departments by name with their members; disconnected people are not offered', async () => {
    const { all, member } = await render();
    expect(all('department-name').map((n) => n.textContent?.trim())).toEqual(['Отдел продаж', 'Техническая поддержка']);
    expect(all('department-members')[0]?.textContent).toContain('Иван Петров, Ольга Кузнецова');
    expect(all('department-members')[0]?.textContent).not.toContain('Сергей');
    expect(all('department-member').map((m) => Number(m.dataset['memberId']))).toEqual([1, 2, 3, 5]);
    expect(member(4)).toBeNull();
  });

  it('an empty account says so', async () => {
    const { q } = await render([]);
    expect(q('departments-empty').textContent).toContain('Отделов пока нет');
  });

  it('creates: a name is required; sends the name and the chosen members', async () => {
    const { fixture, el, q, type, member, all } = await render();
    await type('   ');
    q<HTMLButtonElement>('department-save').click();
    await fixture.whenStable();
    backend.expectNone('/api/chat/departments');
    expect(el.querySelector('#department-name-error')?.textContent?.trim()).toBe('Заполните это поле');

    await type(' Консультации ');
    member(2).click();
    member(5).click();
    await fixture.whenStable();
    q<HTMLButtonElement>('department-save').click();
    await fixture.whenStable();
    const req = backend.expectOne({ method: 'POST', url: '/api/chat/departments' });
    expect(req.request.body).toEqual({ name: 'Консультации', memberIds: [2, 5] });
    req.flush({ id: 'd3', name: 'Консультации', memberIds: [2, 5] });
    await fixture.whenStable();
    expect(all('department-name').map((n) => n.textContent?.trim())).toEqual(['Консультации', 'Отдел продаж', 'Техническая поддержка']);
    expect(q('department-name-input').value).toBe('');
  });

  it('shows a taken name (409) at the name field and other refusals on top', async () => {
    const { fixture, el, q, type } = await render();
    await type('отдел продаж');
    q<HTMLButtonElement>('department-save').click();
    await fixture.whenStable();
    backend.expectOne('/api/chat/departments').flush(apiError('name_taken', 'A department with this name already exists', { name: 'Already in use' }), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('#department-name-error')?.textContent?.trim()).toBe('Такое название уже занято.');

    await type('Склад');
    q<HTMLButtonElement>('department-save').click();
    await fixture.whenStable();
    backend.expectOne('/api/chat/departments').flush(apiError('validation_failed', 'Invalid request — memberIds: User 9 is not in this account', { memberIds: 'User 9 is not in this account' }), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(el.textContent).toContain('Проверьте значение');
    expect(el.textContent).not.toContain('User 9');
  });

  it('edits: loads the department into the form and saves name and members with PATCH', async () => {
    const { fixture, el, q, all, type, member } = await render();
    all('department-edit')[0]!.click();
    await fixture.whenStable();
    expect(q('department-form-title').textContent).toContain('Отдел «Отдел продаж»');
    expect(q('department-name-input').value).toBe('Отдел продаж');
    expect(member(2).checked).toBe(true);
    // Сергей is disconnected: still a member, not offered, not counted.
    expect(el.querySelector('.members legend')?.textContent).toContain('выбрано: 2');
    await type('Продажи');
    member(2).click();
    q<HTMLButtonElement>('department-save').click();
    await fixture.whenStable();
    const req = backend.expectOne({ method: 'PATCH', url: '/api/chat/departments/d1' });
    expect(req.request.body).toEqual({ name: 'Продажи', memberIds: [3, 4] });
    req.flush({ id: 'd1', name: 'Продажи', memberIds: [3, 4] });
    await fixture.whenStable();
    expect(all('department-name').map((n) => n.textContent?.trim())).toEqual(['Продажи', 'Техническая поддержка']);
    expect(q('department-form-title').textContent).toContain('Создать отдел');
  });

  it('deletes only after confirmation, and shows a refusal in the dialog', async () => {
    const { fixture, el, q, all } = await render();
    const dialog = el.querySelector('dialog') as HTMLDialogElement;
    all('department-delete')[1]!.click();
    await fixture.whenStable();
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('Техническая поддержка');
    q<HTMLButtonElement>('delete-cancel').click();
    await fixture.whenStable();
    expect(dialog.open).toBe(false);
    backend.expectNone('/api/chat/departments/d2');

    all('department-delete')[1]!.click();
    await fixture.whenStable();
    q<HTMLButtonElement>('delete-confirm').click();
    await fixture.whenStable();
    backend.expectOne({ method: 'DELETE', url: '/api/chat/departments/d2' }).flush(apiError('content_store_unavailable', 'Хранилище настроек недоступно'), { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(dialog.textContent).toContain('Хранилище настроек временно недоступно');
    q<HTMLButtonElement>('delete-confirm').click();
    await fixture.whenStable();
    backend.expectOne({ method: 'DELETE', url: '/api/chat/departments/d2' }).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(dialog.open).toBe(false);
    expect(all('department-name').map((n) => n.textContent?.trim())).toEqual(['Отдел продаж']);
  });
});

describe('departments page screenshot', () => {
  it('desktop 1280×900, in the shell, editing a department', async () => {
    const shell = await openInShell('/departments', { width: 1280, height: 900 });
    (await shell.expectSoon('/api/chat/departments')).flush([...DEPARTMENTS, { id: 'd3', name: 'Консультации по доставке', memberIds: [] }]);
    (await shell.expectSoon('/api/team')).flush(TEAM);
    await shell.settle();
    shell.all('department-edit')[1]!.click();
    await shell.settle();
    expect(shell.q('nav-departments').classList).toContain('active');
    await shot('panel-departments');
    shell.backend.verify();
  });
});
