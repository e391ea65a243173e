import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { TranslateService } from '@ngx-translate/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, makeUser, signInForTest } from '../../../testing/test-providers';
import type { ClientPlugin, ClientView } from '../../core/api.types';
import { ToastService } from '../../shared/toast.service';
import { AgencyShell } from './agency-shell';
import { ClientPluginsPage } from './client-plugins.page';
import { agencySettingsUrl, ClientSiteSettingsPage } from './client-site-settings.page';
import { ClientsPage } from './clients.page';
import { NewClientPage, TIME_ZONES } from './new-client.page';

const dialogs = (value: number) => ({ id: 'chat.dialogsThisMonth', title: { ru: 'Диалогов за месяц', en: 'Dialogs this month' }, value });

const client = (over: Partial<ClientView>): ClientView => ({
  id: 'c1',
  name: 'Ромашка',
  timezone: 'Europe/Moscow',
  language: 'ru',
  createdAt: '2026-12-01T10:00:00.000Z',
  sites: [],
  operators: { used: 0, allowed: null },
  plugins: [],
  licence: null,
  lastActiveAt: null,
  figures: [dialogs(0)],
  ...over,
});

const CLIENTS: ClientView[] = [
  client({ id: 'c1', name: 'Ромашка', sites: [{ id: 's1', name: 'romashka.ru', url: 'https://romashka.ru' }], operators: { used: 3, allowed: null }, plugins: [{ id: 'chat', title: { ru: 'Чат', en: 'Chat' } }], lastActiveAt: '2026-12-02T09:00:00.000Z' }),
  client({
    id: 'c2',
    name: 'Автосалон',
    sites: [{ id: 's2', name: 'cars.example', url: 'https://cars.example' }, { id: 's3', name: 'b', url: 'https://b.example' }],
    operators: { used: 1, allowed: 5 },
    licence: { plan: 'pro', title: { ru: 'PRO', en: 'PRO' }, seats: 5, paidUntil: '2027-04-05T10:00:00.000Z', expired: false },
  }),
  client({ id: 'c3', name: 'Булочная', operators: { used: 7, allowed: null }, figures: [dialogs(42)] }),
];

let backend: HttpTestingController;
const staff = makeUser({ role: 'agency', accountId: '', accountName: 'Агентство' });

beforeEach(async () => {
  backend = await signInForTest(staff);
});
afterEach(() => backend.verify());

const lastToast = (): string => {
  const toast = TestBed.inject(ToastService).toasts().at(-1);
  return toast ? (TestBed.inject(TranslateService).instant(toast.key, toast.params) as string) : '';
};

describe('ClientsPage', () => {
  async function render() {
    const fixture = TestBed.createComponent(ClientsPage);
    await fixture.whenStable();
    backend.expectOne('/api/agency/clients').flush(CLIENTS);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const names = () => [...el.querySelectorAll('[data-testid="client-name"]')].map((n) => n.textContent?.trim());
    const click = async (id: string) => {
      el.querySelector<HTMLElement>(`[data-testid="${id}"]`)!.click();
      await fixture.whenStable();
    };
    return { fixture, el, names, click };
  }

  it('lists clients by name with seats «used / allowed» («—» without a limit), licence and its end, plugins and last activity', async () => {
    const { el, names } = await render();
    expect(names()).toEqual(['Автосалон', 'Булочная', 'Ромашка']);
    const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="client-row"]')];
    expect(rows[2]!.querySelector('[data-testid="client-operators"]')?.textContent?.trim()).toBe('3 / —');
    expect(rows[0]!.querySelector('[data-testid="client-operators"]')?.textContent?.trim()).toBe('1 / 5');
    expect(rows[0]!.querySelector('[data-testid="client-licence"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('PRO · до 5 апреля 2027 г.');
    expect(rows[2]!.querySelector('[data-testid="client-licence"]')).toBeNull();
    expect(rows[2]!.textContent).toContain('Чат');
    expect(rows[2]!.textContent).toContain('romashka.ru');
    expect(rows[0]!.querySelector('[data-testid="client-last-active"]')?.textContent?.trim()).toBe('ещё не входили');
    expect(rows[2]!.querySelector('[data-testid="client-last-active"]')?.textContent?.trim()).toBe('2 декабря 2026 г.');
    expect(rows[0]!.querySelector('[data-testid="client-plugins"]')?.getAttribute('href')).toBe('/agency/clients/c2/plugins');
    // A plugin's figure is a column of its own, headed in the panel's language.
    expect(el.querySelector('[data-testid="clients-sort-figure:chat.dialogsThisMonth"]')?.textContent?.trim()).toBe('Диалогов за месяц');
    expect(rows[1]!.querySelector('[data-testid="client-figure-chat.dialogsThisMonth"]')?.textContent?.trim()).toBe('42');
  });

  it('sorts by a column, and the other way round on a second click', async () => {
    const { fixture, el, names, click } = await render();
    await click('clients-sort-operators');
    expect(names()).toEqual(['Автосалон', 'Ромашка', 'Булочная']);
    expect(el.querySelector('[data-testid="clients-sort-operators"]')?.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    await click('clients-sort-operators');
    expect(names()).toEqual(['Булочная', 'Ромашка', 'Автосалон']);
    await click('clients-sort-sites');
    expect(names()).toEqual(['Булочная', 'Ромашка', 'Автосалон']);
    await click('clients-sort-lastActive');
    await click('clients-sort-lastActive');
    expect(names()[0]).toBe('Ромашка');
    await click('clients-sort-figure:chat.dialogsThisMonth');
    await click('clients-sort-figure:chat.dialogsThisMonth');
    expect(names()[0]).toBe('Булочная');
    fixture.destroy();
  });

  it('searches by name and by site address', async () => {
    const { fixture, el, names } = await render();
    const search = el.querySelector<HTMLInputElement>('[data-testid="clients-search"]')!;
    search.value = 'CARS';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(names()).toEqual(['Автосалон']);
    expect(el.querySelector('[data-testid="clients-count"]')?.textContent?.trim()).toBe('1 из 3');
    search.value = 'нет такого';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(names()).toEqual([]);
    expect(el.textContent).toContain('Ни один клиент не подходит под поиск');
  });
});

describe('NewClientPage', () => {
  async function render() {
    const fixture = TestBed.createComponent(NewClientPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = <T extends HTMLElement = HTMLInputElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`)!;
    const type = async (id: string, value: string) => {
      const input = q(id);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    return { fixture, el, q, type };
  }

  it('offers every IANA zone and checks the fields before sending', async () => {
    const { fixture, el, q } = await render();
    const zones = [...q<HTMLSelectElement>('client-timezone').options].map((o) => o.value);
    expect(zones).toEqual(TIME_ZONES);
    expect(zones).toContain('Asia/Yekaterinburg');
    expect(q<HTMLSelectElement>('client-language').value).toBe('ru');
    q('client-create').click();
    await fixture.whenStable();
    backend.expectNone('/api/agency/clients');
    expect(el.querySelector('#client-name-error')?.textContent).toContain('Заполните');
    expect(el.querySelector('#client-site-error')?.textContent).toBeTruthy();
    expect(el.querySelector('#client-admin-error')?.textContent).toBeTruthy();
  });

  it('sends one request with the address made absolute, then goes to the list with a notice', async () => {
    const { fixture, q, type } = await render();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await type('client-name-input', '  Ромашка ');
    const zone = q<HTMLSelectElement>('client-timezone');
    zone.value = 'Asia/Yekaterinburg';
    zone.dispatchEvent(new Event('change'));
    await type('client-site-url', 'romashka.ru');
    await type('client-admin-email', 'boss@romashka.ru');
    q('client-create').click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/agency/clients');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ name: 'Ромашка', timezone: 'Asia/Yekaterinburg', language: 'ru', siteUrl: 'https://romashka.ru', adminEmail: 'boss@romashka.ru' });
    req.flush(client({ name: 'Ромашка' }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/agency/clients']);
    expect(lastToast()).toBe('Клиент «Ромашка» создан, приглашение отправлено на boss@romashka.ru');
  });

  it("puts the reused paths' refusals at the form's fields, in the panel's language", async () => {
    const { fixture, el, q, type } = await render();
    await type('client-name-input', 'Ромашка');
    await type('client-site-url', 'https://taken.example');
    await type('client-admin-email', 'boss@romashka.ru');
    q('client-create').click();
    await fixture.whenStable();
    backend.expectOne('/api/agency/clients').flush(apiError('site_address_taken', 'This address belongs to a site of another account', { url: 'x' }), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    const siteError = el.querySelector('#client-site-error')?.textContent ?? '';
    expect(siteError).toBe(TestBed.inject(TranslateService).instant('errors.codes.site_address_taken'));
    expect(siteError).not.toContain('another account');

    q('client-create').click();
    await fixture.whenStable();
    backend.expectOne('/api/agency/clients').flush(apiError('email_taken', 'A user with this e-mail already exists', { email: 'Already in use' }), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('#client-admin-error')?.textContent).toBe(TestBed.inject(TranslateService).instant('errors.codes.email_taken'));
  });
});

const PLUGINS_WITH_SETTINGS: ClientPlugin[] = [
  { id: 'chat', title: { ru: 'Чат', en: 'Chat' }, enabled: true, siteSettings: true },
  { id: 'goals', title: { ru: 'Цели', en: 'Goals' }, enabled: false, siteSettings: true },
  { id: 'billing', title: { ru: 'Оплата', en: 'Billing' }, enabled: true, siteSettings: false },
];

describe('ClientPluginsPage', () => {
  const PLUGINS: ClientPlugin[] = [
    { id: 'chat', title: { ru: 'Чат', en: 'Chat' }, enabled: true, siteSettings: true },
    { id: 'goals', title: { ru: 'Цели', en: 'Goals' }, enabled: false, siteSettings: true },
  ];

  async function render() {
    const fixture = TestBed.createComponent(ClientPluginsPage);
    fixture.componentRef.setInput('clientId', 'c1');
    await fixture.whenStable();
    backend.expectOne('/api/agency/clients').flush(CLIENTS);
    backend.expectOne('/api/agency/clients/c1/plugins').flush(PLUGINS);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const box = (id: string) => el.querySelector<HTMLInputElement>(`[data-testid="plugin-switch-${id}"]`)!;
    return { fixture, el, box };
  }

  it("shows every installed plugin by its title in the panel's language, with its state", async () => {
    const { el, box } = await render();
    expect(el.querySelector('h1')?.textContent).toContain('Плагины: Ромашка');
    expect(el.querySelector('[data-testid="plugin-chat"]')?.textContent).toContain('Чат');
    expect(el.querySelector('[data-testid="plugin-goals"]')?.textContent).toContain('Цели');
    expect(box('chat').checked).toBe(true);
    expect(box('goals').checked).toBe(false);
    expect(el.querySelector('[data-testid="plugins-enabled-count"]')?.textContent?.trim()).toBe('включено 1 из 2');
  });

  it('saves a switch at once and says so', async () => {
    const { fixture, el, box } = await render();
    box('goals').click();
    await fixture.whenStable();
    const req = backend.expectOne('/api/agency/clients/c1/plugins/goals');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ enabled: true });
    req.flush(PLUGINS.map((p) => ({ ...p, enabled: true })));
    await fixture.whenStable();
    expect(box('goals').checked).toBe(true);
    expect(el.querySelector('[data-testid="plugins-enabled-count"]')?.textContent?.trim()).toBe('включено 2 из 2');
    expect(lastToast()).toBe('«Цели» включён для клиента');
  });

  it('puts a refused switch back and says why', async () => {
    const { fixture, el, box } = await render();
    box('chat').click();
    await fixture.whenStable();
    backend.expectOne('/api/agency/clients/c1/plugins/chat').flush(apiError('not_found', 'No such client of this agency'), { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(box('chat').checked).toBe(true);
    expect(el.textContent).toContain(TestBed.inject(TranslateService).instant('errors.codes.not_found'));
  });
});

describe('per-site plugin settings in the console (A7)', () => {
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      await TestBed.tick();
    }
  };

  it("lists the client's sites under an enabled plugin that has per-site settings, each opening the plugin's own form", async () => {
    const fixture = TestBed.createComponent(ClientPluginsPage);
    fixture.componentRef.setInput('clientId', 'c2');
    await fixture.whenStable();
    backend.expectOne('/api/agency/clients').flush(CLIENTS);
    backend.expectOne('/api/agency/clients/c2/plugins').flush(PLUGINS_WITH_SETTINGS);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const links = [...el.querySelectorAll<HTMLAnchorElement>('[data-testid="plugin-site-settings-chat"]')];
    expect(links.map((a) => a.textContent?.trim())).toEqual(['cars.example', 'b']);
    expect(links[0]!.getAttribute('href')).toBe('/agency/clients/c2/sites/s2/settings/chat/chat');
    // Off for the client: nothing to set.
    expect(el.querySelector('[data-testid="plugin-sites-goals"]')).toBeNull();
  });

  it("sends only the plugin's settings requests to the agency's route of that client", () => {
    expect(agencySettingsUrl('/api/plugins/goals/settings/sites/s2', 'c2')).toBe('/api/agency/clients/c2/plugins/goals/settings/sites/s2');
    expect(agencySettingsUrl('/api/plugins/goals/settings/account', 'c2')).toBe('/api/plugins/goals/settings/account');
    expect(agencySettingsUrl('/api/goals/hits', 'c2')).toBe('/api/goals/hits');
  });

  it("runs the plugin's own settings page (goals) for the client's site: read and saved through the agency's route, with the staff member's token", async () => {
    const fixture = TestBed.createComponent(ClientSiteSettingsPage);
    for (const [k, v] of Object.entries({ clientId: 'c2', siteId: 's2', pluginId: 'goals', path: 'goals' })) fixture.componentRef.setInput(k, v);
    await settle();
    backend.expectOne('/api/agency/clients').flush(CLIENTS);
    // The plugin's page and its background's services are lazy chunks: wait for its first request.
    const read = await vi.waitFor(() => {
      const [req] = backend.match('/api/agency/clients/c2/plugins/goals/settings/sites/s2');
      if (!req) throw new Error('not yet');
      return req;
    });
    expect(read.request.headers.get('authorization')).toBe('Bearer access-1');
    read.flush({ value: { goals: [{ id: 'g1', name: 'Заказ', type: 'url', match: 'prefix', pattern: '/thanks' }] } });
    await settle();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toContain('Цели: cars.example');
    expect(el.querySelector('[data-testid="goal-row"]')).not.toBeNull();
    el.querySelector<HTMLButtonElement>('[data-testid="goal-delete"]')!.click();
    await settle();
    el.querySelector<HTMLButtonElement>('[data-testid="goals-save"]')!.click();
    await settle();
    const save = backend.expectOne('/api/agency/clients/c2/plugins/goals/settings/sites/s2');
    expect(save.request.method).toBe('PUT');
    expect(save.request.body).toEqual({ value: { goals: [] } });
    save.flush({ value: { goals: [] } });
    await settle();
    expect(el.querySelector('[data-testid="goals-saved"]')).not.toBeNull();
  });
});

describe('AgencyShell', () => {
  it("lists the installed plugins' console pages after «Клиенты», by their labels", async () => {
    const fixture = TestBed.createComponent(AgencyShell);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const entries = [...el.querySelectorAll<HTMLAnchorElement>('.sidenav a')].map((a) => [a.dataset['testid'], a.textContent?.trim()]);
    expect(entries).toEqual([
      ['nav-clients', 'Клиенты'],
      ['nav-plans', 'Тарифы'],
      ['nav-requisites', 'Реквизиты'],
      ['nav-invoices', 'Счета'],
    ]);
    expect(el.querySelector<HTMLAnchorElement>('[data-testid="nav-invoices"]')?.getAttribute('href')).toBe('/agency/invoices');
  });
});
