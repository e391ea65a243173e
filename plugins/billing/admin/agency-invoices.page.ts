import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild, type OnInit } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ConfirmDialog, ErrorAlert, errorKey, type ErrorText, I18nService, LoadError, LocalDatePipe, ToastService, toApiError } from '../../../admin-ui/src/app/plugin-api';
import { formatMoney, PLAN_TITLES, type AgencyOrderView, type OrderStatus } from '../shared/billing.protocol';
import { BillingAgencyApi } from './billing-agency-api.service';
import { billingErrorKey, registerBillingStrings } from './billing-i18n';

type Filter = 'pending' | 'all';

/**
 * A9 in the agency console, «Счета»: the clients' orders (a company's invoices, a person's online
 * payments), pending ones first to the eye; «Отметить оплаченным» on a pending invoice marks it
 * paid and the server extends the client's licence (once: a second click finds it paid).
 */
@Component({
  selector: 'cp-billing-agency-invoices-page',
  imports: [TranslatePipe, ConfirmDialog, ErrorAlert, LoadError, LocalDatePipe],
  providers: [BillingAgencyApi],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agency-invoices.page.html',
  styleUrls: ['./billing-common.css', './agency-console.css'],
})
export class AgencyInvoicesPage implements OnInit {
  private readonly api = inject(BillingAgencyApi);
  private readonly toasts = inject(ToastService);
  protected readonly i18n = inject(I18nService);
  protected readonly titles = PLAN_TITLES;
  private readonly confirm = viewChild.required(ConfirmDialog);

  protected readonly orders = signal<AgencyOrderView[] | null>(null);
  protected readonly loadError = signal<ErrorText | null>(null);
  protected readonly actionError = signal<ErrorText | null>(null);
  protected readonly filters: readonly Filter[] = ['pending', 'all'];
  protected readonly filter = signal<Filter>('pending');
  protected readonly paying = signal<number | null>(null);
  /** The invoice the confirmation is about. */
  protected readonly asked = signal<AgencyOrderView | null>(null);
  protected readonly counts = computed(() => {
    const all = this.orders() ?? [];
    return { pending: all.filter((o) => o.status === 'pending').length, all: all.length };
  });
  protected readonly shown = computed(() => (this.orders() ?? []).filter((o) => this.filter() === 'all' || o.status === 'pending'));

  constructor() {
    registerBillingStrings();
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.orders.set(await this.api.orders());
    } catch (err) {
      this.loadError.set({ key: errorKey(toApiError(err)) });
    }
  }

  protected money(kopecks: number): string {
    return formatMoney(kopecks, this.i18n.current());
  }

  protected ask(order: AgencyOrderView): void {
    this.asked.set(order);
    this.actionError.set(null);
    this.confirm().open();
  }

  protected async markPaid(): Promise<void> {
    const order = this.asked();
    this.confirm().close();
    if (!order || this.paying() !== null) return;
    this.paying.set(order.id);
    try {
      const { licence } = await this.api.markPaid(order.id);
      this.update(order.id, 'paid');
      this.toasts.show('success', 'billing.agency.invoices.paidToast', { number: order.number, client: order.accountName, date: licence.paidUntil ? new LocalDatePipe().transform(licence.paidUntil, this.i18n.current()) : '—' }, 8000);
    } catch (err) {
      const e = toApiError(err);
      this.actionError.set({ key: billingErrorKey(e.code, errorKey(e)) });
      // Paid meanwhile (another staff member, another tab): the list says so.
      if (e.code === 'order_not_pending') void this.load();
    } finally {
      this.paying.set(null);
    }
  }

  private update(id: number, status: OrderStatus): void {
    this.orders.update((list) => (list ?? []).map((o) => (o.id === id ? { ...o, status, paidAt: status === 'paid' ? new Date().toISOString() : o.paidAt } : o)));
  }
}
