import { ApplicationRef, ChangeDetectionStrategy, Component, EnvironmentInjector, createComponent, createEnvironmentInjector, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { PANEL_PLUGIN_REGISTRY } from '../../../admin-ui/src/testing/plugin-testing';
import { openInShell } from '../../../admin-ui/src/testing/shell-harness';
import { apiError, signInForTest } from '../../../admin-ui/src/testing/test-providers';
import type { Goal, GoalHitDto } from '../shared/goals.protocol';
import { GoalHits } from './goal-hits.store';
import { goalsBackground } from './goals-background';
import { GoalsCardSection } from './goals-card-section.component';
import goals from './manifest';

/** Relative to this file: the repository's artifacts/screenshots/. */
const shot = (name: string) => page.screenshot({ path: `../../../artifacts/screenshots/${name}.png` });

const GOALS: Goal[] = [
  { id: 'g1', name: 'Оформил заказ', type: 'url', match: 'prefix', pattern: '/checkout/thanks' },
  { id: 'g2', name: 'Нажал «Купить в 1 клик»', type: 'click', selector: '#one-click-buy' },
  { id: 'g3', name: 'Заявка на доставку', type: 'form', selector: 'form.delivery-request' },
  { id: 'g4', name: 'Добавил в корзину', type: 'event', event: 'add_to_cart' },
];

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const hit = (id: string, goal: Goal, minutesAgo: number, url: string): GoalHitDto => ({
  id, goalId: goal.id, goalName: goal.name, goalType: goal.type, siteId: 'site-1', visitorId: 'v-1', url, props: null, at: ago(minutesAgo),
});

/** The visitor card's frame around the section, as the chat draws it (heading, padding, width). */
@Component({
  selector: 'cp-card-frame',
  imports: [GoalsCardSection],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host { display: block; padding: 1.5rem; background: var(--gray-50); min-height: 100vh; box-sizing: border-box; }
    aside { width: min(22rem, 100%); background: #fff; border: 1px solid var(--gray-200); border-radius: 14px; }
    .section { padding: 1rem 1.25rem; }
    h3 { margin: 0 0 .75rem; font-size: .75rem; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--gray-400); }
  `,
  template: `<aside><div class="section"><h3>Цели</h3><cp-goals-card-section [visitorId]="visitorId()" /></div></aside>`,
})
class CardFrame {
  readonly visitorId = input.required<string>();
}

describe('goals screenshots', () => {
  for (const [width, height, name] of [[1280, 800, 'desktop'], [390, 844, 'phone']] as const) {
    it(`settings page, ${name} ${width}×${height}: the goals of each type, then a field the server refused`, async () => {
      const shell = await openInShell('/sites/site-1/settings/goals/goals', {
        width, height,
        plugins: [{ id: 'goals', title: { ru: 'Цели', en: 'Goals' } }],
        providers: [{ provide: PANEL_PLUGIN_REGISTRY, useValue: [goals] }],
      });
      (await shell.expectSoon('/api/plugins/goals/settings/sites/site-1')).flush({ value: { goals: GOALS } });
      await shell.settle();
      expect(shell.all('goal-row')).toHaveLength(4);
      await shot(`goals-settings-${name}`);

      const selector = shell.all('goal-row')[1]!.querySelector<HTMLInputElement>('[data-testid="goal-selector"]')!;
      selector.value = '#one-click-buy >';
      selector.dispatchEvent(new Event('input'));
      await shell.settle();
      shell.q('goals-save').click();
      await shell.settle();
      expect(shell.q('goal-error-selector').textContent).toContain('Браузер не понимает этот селектор.');
      // Put right; the server then refuses another field in its own words.
      selector.value = '#one-click-buy';
      selector.dispatchEvent(new Event('input'));
      const pattern = shell.all('goal-row')[0]!.querySelector<HTMLInputElement>('[data-testid="goal-pattern"]')!;
      pattern.value = '/checkout/thanks/';
      pattern.dispatchEvent(new Event('input'));
      await shell.settle();
      shell.q('goals-save').click();
      (await shell.expectSoon({ method: 'PUT', url: '/api/plugins/goals/settings/sites/site-1' })).flush(
        apiError('validation_failed', 'Invalid', { 'goals.0.pattern': 'Такая цель уже есть: «Оформил заказ» срабатывает на этих адресах.' }),
        { status: 400, statusText: 'Bad Request' },
      );
      await shell.settle();
      expect(shell.q('goal-error-pattern').textContent).toContain('Такая цель уже есть');
      await shot(`goals-settings-${name}-error`);
    });

    it(`visitor card section, ${name} ${width}×${height}`, async () => {
      await page.viewport(width, height);
      const backend = await signInForTest();
      const injector = createEnvironmentInjector(goalsBackground.providers, TestBed.inject(EnvironmentInjector));
      injector.runInContext(goalsBackground.start);
      const frame = createComponent(CardFrame, { environmentInjector: injector });
      frame.setInput('visitorId', 'v-1');
      TestBed.inject(ApplicationRef).attachView(frame.hostView);
      document.body.appendChild(frame.location.nativeElement as HTMLElement);
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      backend.expectOne((r) => r.params.get('visitorIds') === 'v-1').flush({
        hits: [
          hit('h3', GOALS[0]!, 1, 'https://romashka-shop.ru/checkout/thanks?order=4812'),
          hit('h2', GOALS[3]!, 6, 'https://romashka-shop.ru/catalog/roses/51-red-roses'),
          hit('h1', GOALS[1]!, 9, 'https://romashka-shop.ru/catalog/roses/51-red-roses'),
        ],
      });
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await TestBed.tick();
      }
      expect(injector.get(GoalHits).of('v-1')).toHaveLength(3);
      await shot(`goals-card-section-${name}`);
      frame.destroy();
      (frame.location.nativeElement as HTMLElement).remove();
    });
  }
});
