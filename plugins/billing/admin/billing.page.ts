import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, type OnInit } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorAlert, errorKey, type ErrorText, I18nService, Icon, LocalDatePipe, serverFieldTexts, toApiError } from '../../../admin-ui/src/app/plugin-api';
import { formatMoney, isValidInn, isValidKpp, PLAN_TITLES, type BillingState, type OrderView, type PaidPlanId, type Payer, type PayerType, type Quote } from '../shared/billing.protocol';
import { BillingApi } from './billing-api.service';
import { billingErrorKey, registerBillingStrings } from './billing-i18n';

type Contacts = { name: string; inn: string; kpp: string; address: string; email: string };
const EMPTY: Contacts = { name: '', inn: '', kpp: '', address: '', email: '' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A9, the client admin's «Оплата»: the licence card (plan, seats used / allowed, paid until), a
 * notice before and after the end, «Купить лицензию» (plan, operators, period with its discount,
 * payer type chosen once, contacts; the total is the server's), and the payments with invoices.
 */
@Component({
  selector: 'cp-billing-page',
  imports: [TranslatePipe, ErrorAlert, Icon, LocalDatePipe],
  providers: [BillingApi],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './billing.page.html',
  styleUrls: ['./billing-common.css', './billing.page.css'],
})
export class BillingPage implements OnInit {
  private readonly api = inject(BillingApi);
  protected readonly i18n = inject(I18nService);

  constructor() {
    registerBillingStrings();
    // The total is the server's: asked again a moment after the plan, operators or period change.
    effect((onCleanup) => {
      const req = { plan: this.plan(), seats: this.seats(), months: this.months() };
      if (!this.buying() || !this.seatsValid()) return;
      const timer = setTimeout(() => void this.fetchQuote(req), 200);
      onCleanup(() => clearTimeout(timer));
    });
  }

  protected readonly state = signal<BillingState | null>(null);
  protected readonly loadError = signal<ErrorText | null>(null);
  protected readonly titles = PLAN_TITLES;

  protected readonly buying = signal(false);
  protected readonly plan = signal<PaidPlanId>('pro');
  protected readonly seats = signal(1);
  protected readonly months = signal(12);
  protected readonly payerType = signal<PayerType>('company');
  protected readonly contacts = signal<Contacts>(EMPTY);
  protected readonly quote = signal<Quote | null>(null);
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly formError = signal<ErrorText | null>(null);
  protected readonly serverFields = signal<Record<string, string>>({});
  protected readonly issued = signal<OrderView | null>(null);
  protected readonly redirecting = signal(false);

  protected readonly planById = computed(() => new Map((this.state()?.plans.plans ?? []).map((p) => [p.id, p])));
  /** PRO: 1 … its most; Enterprise: one more than PRO's most … its own most (the guide's rule). */
  protected readonly seatRange = computed(() => {
    const pro = this.planById().get('pro');
    const ent = this.planById().get('enterprise');
    return this.plan() === 'pro' ? { min: 1, max: pro?.maxSeats ?? 5 } : { min: (pro?.maxSeats ?? 5) + 1, max: ent?.maxSeats ?? 500 };
  });
  protected readonly seatsValid = computed(() => Number.isInteger(this.seats()) && this.seats() >= this.seatRange().min && this.seats() <= this.seatRange().max);
  protected readonly fixedPayer = computed(() => this.state()?.licence.payerType ?? null);

  /** Client-side checks, so obvious slips are caught before a round trip; the server checks again. */
  protected readonly problems = computed(() => {
    const c = this.contacts();
    const p: Record<string, string> = {};
    if (!c.name.trim()) p['name'] = 'billing.fields.required';
    if (this.payerType() === 'company') {
      if (!isValidInn(c.inn.trim())) p['inn'] = 'billing.fields.inn';
      if (c.inn.trim().length === 10 && !isValidKpp(c.kpp.trim().toUpperCase())) p['kpp'] = 'billing.fields.kpp';
      if (!c.address.trim()) p['address'] = 'billing.fields.required';
      if (c.email.trim() && !EMAIL.test(c.email.trim())) p['email'] = 'billing.fields.email';
    } else if (!EMAIL.test(c.email.trim())) p['email'] = 'billing.fields.email';
    if (!this.seatsValid()) p['seats'] = 'billing.fields.seats';
    return p;
  });

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const state = await this.api.state();
      this.state.set(state);
      if (state.licence.payerType) this.payerType.set(state.licence.payerType);
      const payer = state.licence.payer;
      if (payer) this.contacts.set({ ...EMPTY, ...payer, kpp: payer.type === 'company' ? (payer.kpp ?? '') : '', email: payer.email ?? '' });
    } catch (err) {
      this.loadError.set({ key: errorKey(toApiError(err)) });
    }
  }

  protected money(kopecks: number): string {
    return formatMoney(kopecks, this.i18n.current());
  }

  protected openBuy(): void {
    const licence = this.state()?.licence;
    if (licence?.paidPlan) {
      this.plan.set(licence.paidPlan === 'enterprise' ? 'enterprise' : 'pro');
      this.seats.set(Math.max(licence.seats.used, 1));
    } else this.seats.set(Math.max(1, Math.min(licence?.seats.used ?? 1, this.planById().get('pro')?.maxSeats ?? 5)));
    if (this.plan() === 'pro' && this.seats() > this.seatRange().max) this.plan.set('enterprise');
    this.issued.set(null);
    this.buying.set(true);
  }

  protected choosePlan(plan: PaidPlanId): void {
    this.plan.set(plan);
    const { min, max } = this.seatRange();
    this.seats.set(Math.min(Math.max(this.seats(), min), max));
  }

  protected setSeats(value: string): void {
    const n = Number(value);
    this.seats.set(Number.isFinite(n) ? Math.trunc(n) : 0);
    // More operators than PRO allows: that is Enterprise.
    const pro = this.planById().get('pro');
    if (pro && this.plan() === 'pro' && n > pro.maxSeats) this.plan.set('enterprise');
  }

  protected edit(field: keyof Contacts, value: string): void {
    this.contacts.update((c) => ({ ...c, [field]: value }));
    this.serverFields.update(({ [`payer.${field}`]: _gone, ...rest }) => rest);
  }

  protected fieldText(field: string): string | null {
    const server = this.serverFields()[`payer.${field}`] ?? this.serverFields()[field];
    if (server) return server;
    return this.submitted() ? (this.problems()[field] ?? null) : null;
  }

  private async fetchQuote(req: { plan: PaidPlanId; seats: number; months: number }): Promise<void> {
    try {
      const quote = await this.api.quote(req);
      if (quote.plan === this.plan() && quote.seats === this.seats() && quote.months === this.months()) this.quote.set(quote);
    } catch {
      this.quote.set(null);
    }
  }

  private payer(): Payer {
    const c = this.contacts();
    if (this.payerType() === 'person') return { type: 'person', name: c.name.trim(), email: c.email.trim() };
    return { type: 'company', name: c.name.trim(), inn: c.inn.trim(), kpp: c.kpp.trim() || undefined, address: c.address.trim(), email: c.email.trim() || undefined };
  }

  protected async pay(): Promise<void> {
    this.submitted.set(true);
    this.formError.set(null);
    if (Object.keys(this.problems()).length || this.saving()) return;
    this.saving.set(true);
    try {
      const result = await this.api.purchase({ plan: this.plan(), seats: this.seats(), months: this.months(), payer: this.payer() });
      if (result.confirmationUrl) {
        this.redirecting.set(true);
        window.location.assign(result.confirmationUrl);
        return;
      }
      this.issued.set(result.order);
      this.buying.set(false);
      this.submitted.set(false);
      await this.load();
    } catch (err) {
      const e = toApiError(err);
      this.serverFields.set(serverFieldTexts(err));
      this.formError.set({ key: billingErrorKey(e.code, errorKey(e)) });
    } finally {
      this.saving.set(false);
    }
  }

  protected async download(order: OrderView): Promise<void> {
    try {
      const blob = await this.api.invoice(order.id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `invoice-${order.number}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      this.formError.set({ key: errorKey(toApiError(err)) });
    }
  }

}
