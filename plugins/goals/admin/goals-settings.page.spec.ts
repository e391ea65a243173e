import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, makeUser, signInForTest } from '../../../admin-ui/src/testing/test-providers';
import type { Goal } from '../shared/goals.protocol';
import { registerGoalsStrings } from './goals-i18n';
import { GoalsSettingsPage } from './goals-settings.page';
import { settle } from '../../../admin-ui/src/testing/plugin-spec-kit';

const URL = '/api/plugins/goals/settings/sites/site-1';
const GOALS: Goal[] = [
  { id: 'g1', name: 'Оформил заказ', type: 'url', match: 'prefix', pattern: '/thanks' },
  { id: 'g2', name: 'Кнопка «Купить»', type: 'click', selector: '#buy' },
];

async function render(goals: Goal[] = GOALS, locale: 'ru' | 'en' = 'ru') {
  const backend: HttpTestingController = await signInForTest(makeUser({ locale }));
  TestBed.runInInjectionContext(registerGoalsStrings);
  const fixture = TestBed.createComponent(GoalsSettingsPage);
  fixture.componentRef.setInput('siteId', 'site-1');
  await settle();
  backend.expectOne(URL).flush({ value: { goals } });
  await settle();
  const el = fixture.nativeElement as HTMLElement;
  const q = <T extends HTMLElement = HTMLElement>(id: string, root: ParentNode = el) => root.querySelector<T>(`[data-testid="${id}"]`)!;
  const rows = () => [...el.querySelectorAll<HTMLElement>('[data-testid="goal-row"]')];
  const type = (input: HTMLInputElement | HTMLSelectElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  };
  return { backend, fixture, el, q, rows, type, page: fixture.componentInstance };
}

describe('Sites → Settings → «Цели» (G1)', () => {
  afterEach(() => localStorage.clear());

  it("shows the site's goals as saved, each with its type's fields", async () => {
    const { q, rows } = await render();
    expect(rows()).toHaveLength(2);
    expect(q<HTMLInputElement>('goal-name', rows()[0]).value).toBe('Оформил заказ');
    expect(q<HTMLSelectElement>('goal-match', rows()[0]).value).toBe('prefix');
    expect(q<HTMLInputElement>('goal-pattern', rows()[0]).value).toBe('/thanks');
    expect(q<HTMLInputElement>('goal-selector', rows()[1]).value).toBe('#buy');
    expect(q<HTMLButtonElement>('goals-save').disabled).toBe(true);
  });

  it('creates an event goal, shows the snippet with its name, and saves the whole list with PUT { value: { goals } }', async () => {
    const { backend, q, rows, type } = await render();
    q('goals-add').click();
    await settle();
    const row = rows()[2]!;
    type(q<HTMLInputElement>('goal-name', row), 'Добавил в корзину');
    type(q<HTMLSelectElement>('goal-type', row), 'event');
    await settle();
    expect(q('goal-snippet', row).textContent).toBe("Callpy.track('add_to_cart', { sum: 1200 })");
    type(q<HTMLInputElement>('goal-event', row), 'cart_add');
    await settle();
    expect(q('goal-snippet', row).textContent).toBe("Callpy.track('cart_add', { sum: 1200 })");

    q('goals-save').click();
    await settle();
    const req = backend.expectOne({ method: 'PUT', url: URL });
    const sent = (req.request.body as { value: { goals: Goal[] } }).value.goals;
    expect(sent.slice(0, 2)).toEqual(GOALS);
    expect(sent[2]).toEqual({ id: expect.stringMatching(/^g_/), name: 'Добавил в корзину', type: 'event', event: 'cart_add' });
    req.flush({ value: { goals: sent } });
    await settle();
    expect(q('goals-saved')).toBeTruthy();
    expect(q<HTMLButtonElement>('goals-save').disabled).toBe(true);
  });

  it('refuses a selector the browser cannot parse and a bad event name before asking the server', async () => {
    const { backend, q, rows, type } = await render();
    type(q<HTMLInputElement>('goal-selector', rows()[1]), 'button[[');
    q('goals-add').click();
    await settle();
    type(q<HTMLInputElement>('goal-name', rows()[2]), 'Событие');
    type(q<HTMLSelectElement>('goal-type', rows()[2]), 'event');
    await settle();
    type(q<HTMLInputElement>('goal-event', rows()[2]), 'в корзину');
    await settle();
    q('goals-save').click();
    await settle();
    backend.expectNone({ method: 'PUT', url: URL });
    expect(q('goal-error-selector', rows()[1]).textContent?.trim()).toBe('Браузер не понимает этот селектор.');
    expect(q('goal-error-event', rows()[2]).textContent?.trim()).toContain('Латинские буквы');
    expect(q('goals-save-error').textContent).toContain('Исправьте отмеченные поля.');
  });

  it("shows the server's words next to the field it names (goals.1.selector), and drops them once the field is edited", async () => {
    const { backend, q, rows, type } = await render();
    type(q<HTMLInputElement>('goal-name', rows()[0]), 'Заказ оформлен');
    await settle();
    q('goals-save').click();
    await settle();
    backend
      .expectOne({ method: 'PUT', url: URL })
      .flush(apiError('validation_failed', 'Invalid', { 'goals.1.selector': 'Селектор не разбирается: «#buy»' }), { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(q('goal-error-selector', rows()[1]).textContent?.trim()).toBe('Селектор не разбирается: «#buy»');
    expect(q('goal-error-selector', rows()[0])).toBeNull();
    expect(q('goals-save-error').textContent).toContain('Исправьте отмеченные поля.');
    type(q<HTMLInputElement>('goal-selector', rows()[1]), '#buy-now');
    await settle();
    expect(q('goal-error-selector', rows()[1])).toBeNull();
  });

  it('deletes a goal; leaving with unsaved changes asks first', async () => {
    const { backend, q, rows, page } = await render();
    q('goal-delete', rows()[0]).click();
    await settle();
    expect(rows()).toHaveLength(1);
    const leaving = page.confirmLeave();
    expect(leaving).toBeInstanceOf(Promise);
    await settle();
    expect(q<HTMLDialogElement>('goals-leave-dialog').open).toBe(true);
    q('goals-leave-cancel').click();
    expect(await leaving).toBe(false);
    q('goals-save').click();
    await settle();
    const req = backend.expectOne({ method: 'PUT', url: URL });
    expect((req.request.body as { value: { goals: Goal[] } }).value.goals).toEqual([GOALS[1]]);
    req.flush({ value: { goals: [GOALS[1]] } });
    await settle();
    expect(page.confirmLeave()).toBe(true);
  });

  it('speaks English', async () => {
    const { el, q } = await render([], 'en');
    expect(el.textContent).toContain('Goals');
    expect(q('goals-empty').textContent).toContain('No goals yet');
    expect(q('goals-add').textContent).toContain('Add a goal');
  });
});
