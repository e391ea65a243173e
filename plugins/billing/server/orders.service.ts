import { HttpError, notFound } from '../../../core/src/index.js';
import { priceOf, type OrderView, type Payer, type PurchaseRequest, type PurchaseResult, type Quote, type QuoteRequest } from '../shared/billing.protocol.js';
import type { BillingContext } from './billing.context.js';
import type { OrderRow } from './billing.tables.js';
import type { InvoiceMailer } from './invoice-mail.js';
import type { Licences } from './licences.js';
import type { PaymentProvider } from './payments/payment-provider.js';

/** «2026-00042»: the year of the order and its number, the same on the invoice and in the list. */
export const orderNumber = (row: Pick<OrderRow, 'id' | 'created_at'>) => `${new Date(Number(row.created_at)).getUTCFullYear()}-${String(row.id).padStart(5, '0')}`;

export function toOrderView(row: OrderRow): OrderView {
  return {
    id: Number(row.id),
    number: orderNumber(row),
    payerType: row.payer_type,
    plan: row.plan,
    seats: Number(row.seats),
    months: Number(row.months),
    discount: Number(row.discount),
    total: Number(row.total),
    status: row.status,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    paidAt: row.paid_at === null ? null : new Date(Number(row.paid_at)).toISOString(),
    confirmationUrl: row.status === 'pending' ? row.confirmation_url : null,
  };
}

/** Quotes, purchases (a company's invoice, a person's payment) and their payment, once. */
export class Orders {
  constructor(
    private readonly ctx: BillingContext,
    private readonly licences: Licences,
    private readonly invoices: InvoiceMailer,
    private readonly provider: PaymentProvider | undefined,
  ) {}

  /** The price on the account's agency's plans; a plan, period or seat count outside them is refused. */
  quote(accountId: string, req: QuoteRequest): Quote {
    const set = this.licences.planSetOf(accountId);
    const plan = set.plans.find((p) => p.id === req.plan);
    if (!plan) throw new HttpError(400, 'plan_not_offered', 'No such plan', { plan: 'billing.plan' });
    const period = set.periods.find((p) => p.months === req.months);
    if (!period) throw new HttpError(400, 'period_not_offered', 'No such period', { months: 'billing.months' });
    // PRO up to its seats; more operators are Enterprise (the guide's rule).
    const pro = set.plans.find((p) => p.id === 'pro')!;
    const min = plan.id === 'enterprise' ? pro.maxSeats + 1 : 1;
    if (req.seats < min || req.seats > plan.maxSeats) {
      throw new HttpError(400, 'seats_out_of_plan', `The ${plan.id} plan is for ${min}–${plan.maxSeats} operators`, { seats: 'billing.seats' });
    }
    return { ...req, pricePerSeatMonth: plan.pricePerSeatMonth, discount: period.discount, ...priceOf(plan, period, req.seats) };
  }

  async list(accountId: string): Promise<OrderView[]> {
    const rows = await this.ctx.db.kysely.selectFrom('billing_orders').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(50).execute();
    return rows.map(toOrderView);
  }

  /** One order of the account; another account's answers as an unknown one. */
  async get(accountId: string, id: number): Promise<OrderRow> {
    const row = await this.ctx.db.kysely.selectFrom('billing_orders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.account_id !== accountId) throw notFound('No such order');
    return row;
  }

  async byId(id: number): Promise<OrderRow | undefined> {
    return this.ctx.db.kysely.selectFrom('billing_orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * «Оплатить»: the payer type is chosen once per account (a different one later is refused);
   * a company gets a numbered invoice (PDF, also mailed), a person the provider's payment page.
   */
  async purchase(accountId: string, buyerEmail: string, req: PurchaseRequest): Promise<PurchaseResult> {
    const quote = this.quote(accountId, req);
    const fixed = this.licences.record(accountId)?.payerType;
    if (fixed && fixed !== req.payer.type) {
      throw new HttpError(409, 'payer_type_fixed', `This account pays as a ${fixed}; the payer type is chosen once`);
    }
    if (req.payer.type === 'person' && !this.provider) throw new HttpError(503, 'payments_unavailable', 'Online payment is not configured');
    const row = await this.insert(accountId, req.payer, quote);
    await this.licences.rememberPayer(accountId, req.payer);
    if (req.payer.type === 'company') {
      await this.invoices.send(row, req.payer.email ?? buyerEmail);
      return { order: toOrderView(row), confirmationUrl: null };
    }
    const payment = await this.provider!.create({
      idempotenceKey: `order-${row.id}`,
      amountKopecks: quote.total,
      description: `Callpy ${row.plan.toUpperCase()} × ${row.seats}, ${row.months} mo., № ${orderNumber(row)}`,
      orderId: row.id,
      accountId,
    });
    await this.ctx.db.kysely.updateTable('billing_orders').set({ payment_id: payment.id, confirmation_url: payment.confirmationUrl }).where('id', '=', row.id).execute();
    return { order: toOrderView({ ...row, payment_id: payment.id, confirmation_url: payment.confirmationUrl }), confirmationUrl: payment.confirmationUrl };
  }

  private async insert(accountId: string, payer: Payer, quote: Quote): Promise<OrderRow> {
    const values = {
      account_id: accountId,
      payer_type: payer.type,
      payer: JSON.stringify(payer),
      plan: quote.plan,
      seats: quote.seats,
      months: quote.months,
      discount: quote.discount,
      total: quote.total,
      status: 'pending' as const,
      created_at: this.ctx.clock.now(),
      paid_at: null,
      payment_id: null,
      confirmation_url: null,
    };
    const { id } = await this.ctx.db.kysely.insertInto('billing_orders').values(values).returning('id').executeTakeFirstOrThrow();
    return { ...values, id: Number(id) };
  }

  /**
   * Marks a pending order paid and extends the licence, once: the status changes only from
   * `pending`, so a second delivery (a webhook twice, two staff clicks) finds nothing to do. If
   * the licence cannot be written, the order goes back to pending and the caller is told (the
   * provider delivers again; staff click again).
   */
  async markPaid(id: number): Promise<{ paid: boolean; order: OrderView }> {
    const now = this.ctx.clock.now();
    const claimed = await this.ctx.db.kysely.updateTable('billing_orders').set({ status: 'paid', paid_at: now }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    const row = await this.byId(id);
    if (!row) throw notFound('No such order');
    if (Number(claimed.numUpdatedRows) !== 1) return { paid: false, order: toOrderView(row) };
    try {
      await this.licences.extend(row.account_id, { plan: row.plan, seats: Number(row.seats), months: Number(row.months) });
    } catch (err) {
      await this.ctx.db.kysely.updateTable('billing_orders').set({ status: 'pending', paid_at: null }).where('id', '=', id).execute();
      throw err;
    }
    this.ctx.logger.info({ order: id, account: row.account_id }, 'order paid, licence extended');
    return { paid: true, order: toOrderView(row) };
  }

  async cancel(id: number): Promise<void> {
    await this.ctx.db.kysely.updateTable('billing_orders').set({ status: 'canceled' }).where('id', '=', id).where('status', '=', 'pending').execute();
  }

  /** The agency's pending and recent orders, for its console. */
  async ofAccounts(accountIds: string[]): Promise<(OrderView & { accountId: string })[]> {
    if (!accountIds.length) return [];
    const rows = await this.ctx.db.kysely.selectFrom('billing_orders').selectAll().where('account_id', 'in', accountIds).orderBy('id', 'desc').limit(200).execute();
    return rows.map((r) => ({ ...toOrderView(r), accountId: r.account_id }));
  }
}
