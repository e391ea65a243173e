import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { openInShell } from '../../../../admin-ui/src/testing/shell-harness';
import { apiError, makeUser, signInForTest } from '../../../../admin-ui/src/testing/test-providers';
import type { SchedulesView } from './schedules.service';
import { SchedulesPage } from './schedules.page';

/** Relative to this file: the repository's artifacts/screenshots/. */
const shot = (name: string) => page.screenshot({ path: `../../../../artifacts/screenshots/${name}.png` });

const WEEKDAYS = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));
const VIEW: SchedulesView = {
  timezone: 'Asia/Vladivostok',
  schedules: [
    { userId: 1, name: 'Анна Смирнова', email: 'anna@romashka.ru', role: 'admin', intervals: [] },
    { userId: 2, name: 'Иван Петров', email: 'ivan@romashka.ru', role: 'operator', intervals: WEEKDAYS },
    {
      userId: 3,
      name: 'Ольга Кузнецова',
      email: 'olga@romashka.ru',
      role: 'operator',
      intervals: [
        { day: 6, from: '10:00', to: '14:00' },
        { day: 6, from: '15:00', to: '20:00' },
        { day: 7, from: '10:00', to: '16:00' },
      ],
    },
  ],
};

describe('SchedulesPage', () => {
  let backend: HttpTestingController;

  const signIn = async (role: 'admin' | 'operator') => {
    backend = await signInForTest(makeUser({ role }));
  };
  beforeEach(() => signIn('admin'));
  afterEach(() => backend.verify());

  async function render(view: SchedulesView = VIEW) {
    const fixture = TestBed.createComponent(SchedulesPage);
    await fixture.whenStable();
    backend.expectOne('/api/chat/schedules').flush(view);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`) as T;
    const all = <T extends HTMLElement = HTMLElement>(id: string) => [...el.querySelectorAll<T>(`[data-testid="${id}"]`)];
    const day = (n: number) => el.querySelector<HTMLElement>(`[data-testid="schedule-day"][data-day="${n}"]`)!;
    const person = (id: number) => el.querySelector<HTMLElement>(`[data-testid="schedule-person"][data-user-id="${id}"]`)!;
    return { fixture, el, q, all, day, person };
  }

  it('shows the account time zone, everyone\'s hours in short, and opens my own week first', async () => {
    const { q, person, all } = await render();
    expect(q('schedules-timezone').textContent).toContain('Asia/Vladivostok');
    expect(q('schedules-timezone').textContent).toContain('UTC+10:00');
    expect(person(2).querySelector('[data-testid="schedule-summary"]')?.textContent?.trim()).toBe('Пн–Пт 09:00–18:00');
    expect(person(3).querySelector('[data-testid="schedule-summary"]')?.textContent).toContain('Сб 10:00–14:00, 15:00–20:00');
    expect(person(1).querySelector('[data-testid="schedule-summary"]')?.textContent?.trim()).toBe('График не задан');
    expect(q('schedule-editor-title').textContent).toContain('График: Анна Смирнова');
    expect(all('schedule-bar')).toHaveLength(0);
  });

  it('a preset fills the week; saving one person sends PUT /api/chat/schedules/:id and updates the list', async () => {
    const { fixture, q, all, person } = await render();
    q<HTMLButtonElement>('preset-weekdays').click();
    await fixture.whenStable();
    expect(all('schedule-bar')).toHaveLength(5);
    q<HTMLButtonElement>('schedule-save').click();
    await fixture.whenStable();
    const req = backend.expectOne({ method: 'PUT', url: '/api/chat/schedules/1' });
    expect(req.request.body).toEqual({ intervals: WEEKDAYS });
    req.flush({ ...VIEW.schedules[0], intervals: WEEKDAYS });
    await fixture.whenStable();
    expect(person(1).querySelector('[data-testid="schedule-summary"]')?.textContent?.trim()).toBe('Пн–Пт 09:00–18:00');
  });

  it('drawing on a day paints half-hour steps; drawing over painted hours clears them', async () => {
    const { fixture, day, all } = await render();
    const track = day(3).querySelector<HTMLElement>('[data-testid="schedule-track"]')!;
    // Measured at each event, as the pointer sees the track where it is drawn now.
    const pointer = (type: string, hour: number) => {
      const rect = track.getBoundingClientRect();
      track.dispatchEvent(new PointerEvent(type, { clientX: rect.left + (hour / 24) * rect.width + 1, clientY: rect.top + 5, bubbles: true, pointerId: 1, button: 0 }));
    };
    pointer('pointerdown', 9);
    pointer('pointermove', 12);
    pointer('pointermove', 17.5);
    pointer('pointerup', 17.5);
    await fixture.whenStable();
    const inputs = () => [...day(3).querySelectorAll<HTMLInputElement>('input.time')].map((i) => i.value);
    expect(inputs()).toEqual(['09:00', '18:00']);
    expect(all('schedule-bar')).toHaveLength(1);
    pointer('pointerdown', 12);
    pointer('pointerup', 12);
    await fixture.whenStable();
    expect(inputs()).toEqual(['09:00', '12:00', '12:30', '18:00']);
  });

  it('checks typed times before saving, with a message on the day', async () => {
    const { fixture, q, day } = await render();
    day(2).querySelector<HTMLButtonElement>('[data-testid="period-add"]')!.click();
    await fixture.whenStable();
    const to = day(2).querySelector<HTMLInputElement>('[data-testid="period-to"]')!;
    to.value = '08:00';
    to.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(day(2).querySelector('[data-testid="day-error"]')?.textContent).toContain('Конец периода должен быть позже начала');
    q<HTMLButtonElement>('schedule-save').click();
    await fixture.whenStable();
    backend.expectNone('/api/chat/schedules/1');
    expect(q('schedule-error').textContent).toContain('Исправьте отмеченные дни');

    to.value = '25:00';
    to.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(day(2).querySelector('[data-testid="day-error"]')?.textContent).toContain('ЧЧ:ММ');
    to.value = '18:00';
    to.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(day(2).querySelector('[data-testid="day-error"]')).toBeNull();
  });

  it('several people get the same hours in one PUT /api/chat/schedules; the server\'s refusal is shown', async () => {
    const { fixture, q, person } = await render();
    person(2).querySelector<HTMLInputElement>('[data-testid="schedule-pick"]')!.click();
    person(3).querySelector<HTMLInputElement>('[data-testid="schedule-pick"]')!.click();
    await fixture.whenStable();
    expect(q('schedule-editor-title').textContent).toContain('Общий график для выбранных (3)');
    expect(q('schedule-group-note').textContent).toContain('Иван Петров');
    q<HTMLButtonElement>('preset-every-day').click();
    q<HTMLButtonElement>('schedule-save').click();
    await fixture.whenStable();
    const refused = backend.expectOne({ method: 'PUT', url: '/api/chat/schedules' });
    expect(refused.request.body.userIds).toEqual([1, 2, 3]);
    expect(refused.request.body.intervals).toHaveLength(7);
    refused.flush(apiError('not_found', 'No person 3 in this account'), { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(q('schedule-error').textContent).toContain('Не найдено: возможно, это уже удалили.');

    q<HTMLButtonElement>('schedule-save').click();
    await fixture.whenStable();
    const saved = backend.expectOne({ method: 'PUT', url: '/api/chat/schedules' });
    saved.flush(VIEW.schedules.map((p) => ({ ...p, intervals: saved.request.body.intervals })));
    await fixture.whenStable();
    expect(person(3).querySelector('[data-testid="schedule-summary"]')?.textContent?.trim()).toBe('Пн–Вс 09:00–21:00');
  });

  it('an operator sees only their own week, without picking others', async () => {
    TestBed.resetTestingModule();
    await signIn('operator');
    const { el, q } = await render({ timezone: 'Europe/Moscow', schedules: [VIEW.schedules[0]!] });
    expect(el.querySelector('[data-testid="schedule-pick"]')).toBeNull();
    expect(q('schedule-editor-title').textContent).toContain('Анна Смирнова');
  });
});

describe('schedules page screenshot', () => {
  it('desktop 1366×900, in the shell, an operator\'s week', async () => {
    const shell = await openInShell('/schedules', { width: 1366, height: 900 });
    (await shell.expectSoon('/api/chat/schedules')).flush(VIEW);
    await shell.settle();
    shell.all('schedule-open')[1]!.click();
    await shell.settle();
    expect(shell.q('nav-schedules').classList).toContain('active');
    await shot('panel-schedules');
    shell.backend.verify();
  });
});
