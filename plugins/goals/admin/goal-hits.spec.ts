import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DIALOG_LIST_BADGES, NOTIFICATION_KINDS, PanelNotifications, SOCKET_FACTORY, VISITOR_CARD_SECTIONS, VISITOR_LIST_BADGES } from '../../../admin-ui/src/app/plugin-api';
import { FakePluginSocket as FakeSocket, mountSlot as mount, settle } from '../../../admin-ui/src/testing/plugin-spec-kit';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../admin-ui/src/testing/test-providers';
import { HttpTestingController } from '@angular/common/http/testing';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../../admin-ui/src/app/plugin-api';
import type { GoalHitDto } from '../shared/goals.protocol';
import { GoalBadges } from './goal-badges.component';
import { GoalHits } from './goal-hits.store';
import { goalsBackground } from './goals-background';
import { GoalsCardSection } from './goals-card-section.component';
import goals from './manifest';

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const hit = (over: Partial<GoalHitDto> & { id: string }): GoalHitDto => ({
  goalId: 'g1',
  goalName: 'Оформил заказ',
  goalType: 'url',
  siteId: 'site-1',
  visitorId: 'v-1',
  url: 'https://romashka-shop.ru/thanks',
  props: null,
  at: at(5),
  ...over,
});

/** Signed in, the goals background running as the shell runs it, on a fake `/goals` socket. */
async function startBackground() {
  resetBrowserState('ru');
  const sockets: FakeSocket[] = [];
  TestBed.configureTestingModule({
    providers: [appTestProviders(), { provide: SOCKET_FACTORY, useValue: (uri: string) => sockets[sockets.push(new FakeSocket(uri)) - 1] }],
  });
  initI18n();
  const backend = TestBed.inject(HttpTestingController);
  const login = firstValueFrom(TestBed.inject(AuthService).login('anna@romashka.ru', 'password1'));
  backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser()));
  await login;
  const injector = createEnvironmentInjector(goalsBackground.providers, TestBed.inject(EnvironmentInjector));
  injector.runInContext(goalsBackground.start);
  return { backend, injector, socket: sockets.find((s) => s.uri === '/goals')!, hits: injector.get(GoalHits) };
}

describe('goals in the panel: the hits store, list icons and the card section', () => {
  afterEach(() => vi.restoreAllMocks());

  it("opens /goals on the shell's connection, catches up since the last day on connect, adds goal.reached live and notifies", async () => {
    const notify = vi.spyOn(PanelNotifications.prototype, 'notify').mockReturnValue(true);
    const { backend, socket, hits, injector } = await startBackground();
    expect(socket).toBeTruthy();
    socket.serve('connect');
    const first = backend.expectOne((r) => r.url === '/api/goals/hits' && r.params.has('since'));
    expect(Date.now() - Date.parse(first.request.params.get('since')!)).toBeGreaterThan(23 * 3600_000);
    first.flush({ hits: [hit({ id: 'h1' })] });
    await settle();
    expect(hits.of('v-1').map((h) => h.id)).toEqual(['h1']);
    expect(notify).not.toHaveBeenCalled();

    socket.serve('goal.reached', hit({ id: 'h2', goalId: 'g2', goalName: 'Кнопка «Купить»', at: at(0) }));
    socket.serve('goal.reached', hit({ id: 'h2', goalId: 'g2', goalName: 'Кнопка «Купить»', at: at(0) }));
    expect(hits.of('v-1').map((h) => h.id)).toEqual(['h2', 'h1']);
    // Once per hit, as kind «Цели» (its own switch).
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith('goals', 'Достигнута цель «Кнопка «Купить»»', 'https://romashka-shop.ru/thanks');

    // A reconnect asks only for what came after the newest hit it knows.
    socket.serve('connect');
    const again = backend.expectOne((r) => r.url === '/api/goals/hits' && r.params.has('since'));
    expect(again.request.params.get('since')).toBe(hits.of('v-1')[0]!.at);
    again.flush({ hits: [] });
    injector.destroy();
    expect(socket.closed).toBe(true);
  });

  it('the list icons: one per goal reached, with name, time and page in the tooltip', async () => {
    const { backend, socket, injector } = await startBackground();
    socket.serve('connect');
    backend.expectOne((r) => r.url === '/api/goals/hits').flush({
      hits: [hit({ id: 'h1', at: at(30) }), hit({ id: 'h2', at: at(10) }), hit({ id: 'h3', goalId: 'g2', goalName: 'Корзина', url: 'https://romashka-shop.ru/cart', at: at(2) })],
    });
    await settle();
    const badges = mount(GoalBadges, injector, { visitorId: 'v-1' });
    await settle();
    const icons = [...(badges.location.nativeElement as HTMLElement).querySelectorAll<HTMLElement>('[data-testid="goal-badge"]')];
    expect(icons.map((i) => i.dataset['goalId'])).toEqual(['g2', 'g1']);
    expect(icons[0]!.title).toMatch(/^Цель «Корзина» — \d\d:\d\d, https:\/\/romashka-shop\.ru\/cart$/);
  });

  it('the card section lists the visitor\'s goals (GET ?visitorIds=) with time and page', async () => {
    const { backend, socket, injector } = await startBackground();
    socket.serve('connect');
    backend.expectOne((r) => r.url === '/api/goals/hits' && r.params.has('since')).flush({ hits: [] });
    const section = mount(GoalsCardSection, injector, { visitorId: 'v-7' });
    await settle();
    const el = section.location.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Загрузка целей…');
    const req = backend.expectOne((r) => r.url === '/api/goals/hits' && r.params.get('visitorIds') === 'v-7');
    req.flush({ hits: [hit({ id: 'old', visitorId: 'v-7', at: '2026-11-20T10:15:00.000Z', url: 'https://romashka-shop.ru/thanks?order=12' })] });
    await settle();
    const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="goals-card-hit"]')];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('Оформил заказ');
    expect(rows[0]!.textContent).toContain('romashka-shop.ru/thanks?order=12');
    expect(rows[0]!.querySelector('time')!.textContent).toMatch(/20 нояб\.?, \d\d:\d\d/);
    // Asked once per visitor and session.
    section.setInput('visitorId', 'v-8');
    await settle();
    backend.expectOne((r) => r.params.get('visitorIds') === 'v-8').flush({ hits: [] });
    await settle();
    expect(el.querySelector('[data-testid="goals-card-empty"]')!.textContent).toContain('Цели ещё не достигнуты.');
    section.setInput('visitorId', 'v-7');
    await settle();
    backend.expectNone((r) => r.params.get('visitorIds') === 'v-7');
  });

  it('the manifest puts them into the chat workplace: icons in both lists, the card section «Цели», the notification kind', async () => {
    const { injector: background } = await startBackground();
    const injector = createEnvironmentInjector(await goals.slots!(), background);
    expect(injector.get(VISITOR_LIST_BADGES, [], { self: true }).map((b) => b.component)).toEqual([GoalBadges]);
    expect(injector.get(DIALOG_LIST_BADGES, [], { self: true }).map((b) => b.component)).toEqual([GoalBadges]);
    expect(injector.get(VISITOR_CARD_SECTIONS, [], { self: true })).toEqual([{ id: 'goals', title: { ru: 'Цели', en: 'Goals' }, component: GoalsCardSection }]);
    expect(injector.get(NOTIFICATION_KINDS, [], { self: true })).toEqual([{ id: 'goals', label: { ru: 'Цели', en: 'Goals' } }]);
    expect(goals.siteSettings?.map((s) => [s.path, s.label])).toEqual([['goals', { ru: 'Цели', en: 'Goals' }]]);
  });
});
