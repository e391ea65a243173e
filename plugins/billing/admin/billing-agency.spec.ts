import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ToastService } from '../../../admin-ui/src/app/plugin-api';
import { apiError, makeUser, signInForTest } from '../../../admin-ui/src/testing/test-providers';
import type { AgencyOrderView, PlanSet } from '../shared/billing.protocol';
import { AgencyInvoicesPage } from './agency-invoices.page';
import { AgencyPlansPage } from './agency-plans.page';
import { AgencyRequisitesPage } from './agency-requisites.page';
import { settle } from '../../../admin-ui/src/testing/plugin-spec-kit';

// A9 in the agency console: the agency's plans, its requisites, and its clients' invoices.

const SET: PlanSet = {
  plans: [
    { id: 'free', maxSeats: 2, pricePerSeatMonth: 0, plugins: ['chat'] },
    { id: 'pro', maxSeats: 5, pricePerSeatMonth: 990, plugins: null },
    { id: 'enterprise', maxSeats: 500, pricePerSeatMonth: 790, plugins: null },
  ],
  periods: [
    { months: 1, discount: 0 },
    { months: 12, discount: 20 },
    { months: 24, discount: 30 },
  ],
  requisites: { name: '', inn: '', kpp: '', address: '', bank: '', bik: '', account: '', correspondentAccount: '' },
  noticeDays: 7,
};
const INSTALLED = [
  { id: 'chat', title: { ru: 'Чат', en: 'Chat' } },
  { id: 'goals', title: { ru: 'Цели', en: 'Goals' } },
  { id: 'billing', title: { ru: 'Оплата', en: 'Billing' } },
];

let backend: HttpTestingController;
beforeEach(async () => {
  backend = await signInForTest(makeUser({ role: 'agency', accountId: '', accountName: 'Агентство' }));
});
afterEach(() => backend.verify());

function helpers(el: HTMLElement) {
  const q = <T extends HTMLElement = HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`)!;
  const type = async (id: string, value: string) => {
    const input = q<HTMLInputElement>(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };
  return { q, type };
}

const lastToast = (): string => {
  const toast = TestBed.inject(ToastService).toasts().at(-1);
  return toast ? (TestBed.inject(TranslateService).instant(toast.key, toast.params) as string) : '';
};

describe('«Тарифы» (AgencyPlansPage)', () => {
  async function render() {
    const fixture = TestBed.createComponent(AgencyPlansPage);
    await settle();
    backend.expectOne('/api/billing/agency/plans').flush(structuredClone(SET));
    backend.expectOne('/api/agency/plugins').flush(INSTALLED);
    await settle();
    const el = fixture.nativeElement as HTMLElement;
    return { fixture, el, ...helpers(el) };
  }

  it("shows the plans as stored: Free's plugins (billing is never off), PRO's and Enterprise's prices, the periods", async () => {
    const { el, q } = await render();
    expect(el.querySelector('h1')?.textContent).toBe('Тарифы');
    expect(q<HTMLInputElement>('plan-free-seats').value).toBe('2');
    expect(q('plan-free-plugin-chat').querySelector('input')!.checked).toBe(true);
    expect(q('plan-free-plugin-goals').querySelector('input')!.checked).toBe(false);
    expect(q('plan-free-plugin-billing')).toBeNull();
    expect(q<HTMLInputElement>('plan-pro-price').value).toBe('990');
    expect(q<HTMLInputElement>('plan-enterprise-price').value).toBe('790');
    expect(el.querySelectorAll('[data-testid="period-row"]')).toHaveLength(3);
    expect(q<HTMLInputElement>('period-2-discount').value).toBe('30');
    expect(q<HTMLButtonElement>('billing-agency-save').disabled).toBe(true);
  });

  it("checks the server's rules beside each field before sending, then saves the whole set", async () => {
    const { q, type } = await render();
    await type('plan-pro-price', '9,999');
    await type('period-1-discount', '95');
    await type('plan-enterprise-seats', '5');
    q('billing-agency-save').click();
    await settle();
    backend.expectNone('/api/billing/agency/plans');
    expect(q('plan-pro-price-error').textContent).toBe('Цена — от 0 до 1 000 000 ₽, не точнее копейки');
    expect(q('period-1-discount-error').textContent).toBe('Скидка — целое число от 0 до 90 %');
    expect(q('plan-enterprise-seats-error').textContent).toBe('В Enterprise операторов должно быть больше, чем в PRO');
    expect(q('billing-agency-error').textContent).toContain('Исправьте поля, отмеченные ниже');

    await type('plan-pro-price', '1090');
    await type('period-1-discount', '25');
    await type('plan-enterprise-seats', '300');
    q('plan-free-plugin-goals').querySelector('input')!.click();
    await settle();
    q('billing-agency-save').click();
    await settle();
    const req = backend.expectOne('/api/billing/agency/plans');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({
      ...SET,
      plans: [
        { id: 'free', maxSeats: 2, pricePerSeatMonth: 0, plugins: ['chat', 'goals'] },
        { id: 'pro', maxSeats: 5, pricePerSeatMonth: 1090, plugins: null },
        { id: 'enterprise', maxSeats: 300, pricePerSeatMonth: 790, plugins: null },
      ],
      periods: [{ months: 1, discount: 0 }, { months: 12, discount: 25 }, { months: 24, discount: 30 }],
    });
    req.flush(req.request.body as PlanSet);
    await settle();
    expect(lastToast()).toBe('Сохранено');
    expect(q<HTMLButtonElement>('billing-agency-save').disabled).toBe(true);
  });

  it("places the server's refusal at its field, in the server's words", async () => {
    const { q, type } = await render();
    await type('notice-days', '14');
    q('billing-agency-save').click();
    await settle();
    backend.expectOne('/api/billing/agency/plans').flush(apiError('validation_failed', 'Invalid', { 'plans.1.pricePerSeatMonth': 'Цена — от 0 до 1 000 000 ₽, не точнее копейки' }), { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(q('plan-pro-price-error').textContent).toBe('Цена — от 0 до 1 000 000 ₽, не точнее копейки');
    // Edited, the field's refusal goes.
    await type('plan-pro-price', '1000');
    expect(q('plan-pro-price-error')).toBeNull();
  });

  it('adds and removes payment periods', async () => {
    const { el, q } = await render();
    q('period-add').click();
    await settle();
    expect(el.querySelectorAll('[data-testid="period-row"]')).toHaveLength(4);
    expect(q<HTMLInputElement>('period-3-months').value).toBe('36');
    el.querySelectorAll<HTMLButtonElement>('[data-testid="period-row"] .remove')[0]!.click();
    await settle();
    expect(el.querySelectorAll('[data-testid="period-row"]')).toHaveLength(3);
    expect(q<HTMLInputElement>('period-0-months').value).toBe('12');
  });
});

describe('«Реквизиты» (AgencyRequisitesPage)', () => {
  it('checks INN, BIK and the accounts as the server does, and saves the requisites with the plans as stored', async () => {
    const fixture = TestBed.createComponent(AgencyRequisitesPage);
    await settle();
    backend.expectOne('/api/billing/agency/plans').flush(structuredClone(SET));
    await settle();
    const { q, type } = helpers(fixture.nativeElement as HTMLElement);
    await type('req-name', 'ООО «Агентство»');
    await type('req-inn', '7707083890');
    await type('req-bik', '0445');
    q('billing-agency-save').click();
    await settle();
    backend.expectNone('/api/billing/agency/plans');
    expect(q('req-inn-error').textContent).toContain('ИНН');
    expect(q('req-bik-error').textContent).toBe('БИК — 9 цифр');
    await type('req-inn', '7707083893');
    await type('req-bik', '044525225');
    q('billing-agency-save').click();
    await settle();
    const req = backend.expectOne('/api/billing/agency/plans');
    expect(req.request.body).toEqual({ ...SET, requisites: { ...SET.requisites, name: 'ООО «Агентство»', inn: '7707083893', bik: '044525225' } });
    req.flush(req.request.body as PlanSet);
    await settle();
  });
});

describe('«Счета» (AgencyInvoicesPage)', () => {
  const order = (over: Partial<AgencyOrderView>): AgencyOrderView => ({
    id: 1,
    number: '2026-00001',
    payerType: 'company',
    plan: 'pro',
    seats: 4,
    months: 12,
    discount: 20,
    total: 3_801_600,
    status: 'pending',
    createdAt: '2026-12-03T10:00:00.000Z',
    paidAt: null,
    confirmationUrl: null,
    accountId: 'c1',
    accountName: 'Ромашка',
    ...over,
  });
  const ORDERS = [order({}), order({ id: 2, number: '2026-00002', payerType: 'person', accountName: 'Булочная' }), order({ id: 3, number: '2026-00003', status: 'paid', accountName: 'Автосалон' })];

  async function render(list = ORDERS) {
    const fixture = TestBed.createComponent(AgencyInvoicesPage);
    await settle();
    backend.expectOne('/api/billing/agency/orders').flush(list);
    await settle();
    const el = fixture.nativeElement as HTMLElement;
    const rows = () => [...el.querySelectorAll<HTMLElement>('[data-testid="agency-order"]')];
    return { el, rows, ...helpers(el) };
  }

  it('shows what awaits payment first, all on request; only a pending invoice can be marked paid', async () => {
    const { rows, q } = await render();
    expect(rows().map((r) => r.dataset['number'])).toEqual(['2026-00001', '2026-00002']);
    expect(rows()[0]!.textContent).toContain('Ромашка');
    expect(rows()[0]!.textContent).toMatch(/38\s016\s₽/);
    expect(rows()[0]!.querySelector('[data-testid="agency-order-mark-paid"]')).not.toBeNull();
    // A person pays online: the provider's webhook marks it.
    expect(rows()[1]!.querySelector('[data-testid="agency-order-mark-paid"]')).toBeNull();
    q('invoices-filter-all').click();
    await settle();
    expect(rows()).toHaveLength(3);
    expect(rows()[2]!.querySelector('[data-testid="agency-order-status"]')?.textContent).toBe('Оплачен');
  });

  it('«Отметить оплаченным» asks first, then the invoice is paid and the licence extended, as the server says', async () => {
    const { rows, q } = await render();
    rows()[0]!.querySelector<HTMLButtonElement>('[data-testid="agency-order-mark-paid"]')!.click();
    await settle();
    expect(q<HTMLDialogElement>('mark-paid-dialog').open).toBe(true);
    expect(q('mark-paid-dialog').textContent).toContain('Ромашка');
    q('mark-paid-confirm').click();
    await settle();
    const req = backend.expectOne('/api/billing/agency/orders/1/paid');
    expect(req.request.method).toBe('POST');
    req.flush({ order: { ...ORDERS[0], status: 'paid' }, licence: { paidUntil: '2027-12-03T10:00:00.000Z' } });
    await settle();
    expect(lastToast()).toBe('Счёт № 2026-00001 оплачен: лицензия «Ромашка» до 3 декабря 2027 г.');
    expect(rows().map((r) => r.dataset['number'])).toEqual(['2026-00002']);
  });

  it('an invoice paid meanwhile: said in the panel\'s words, and the list is read again', async () => {
    const { rows, q } = await render();
    rows()[0]!.querySelector<HTMLButtonElement>('[data-testid="agency-order-mark-paid"]')!.click();
    await settle();
    q('mark-paid-confirm').click();
    await settle();
    backend.expectOne('/api/billing/agency/orders/1/paid').flush(apiError('order_not_pending', 'This order is paid or cancelled already'), { status: 409, statusText: 'Conflict' });
    await settle();
    expect(q('invoices-error').textContent).toContain('Этот счёт уже оплачен или отменён');
    backend.expectOne('/api/billing/agency/orders').flush([{ ...ORDERS[0], status: 'paid' }]);
    await settle();
    expect(q('invoices-empty').textContent).toContain('Нет счетов, ожидающих оплаты');
  });
});
