import { z } from 'zod';
import { HttpError } from '../../../core/src/index.js';
import type { BillingContext } from './billing.context.js';
import type { Orders } from './orders.service.js';
import type { PaymentProvider } from './payments/payment-provider.js';

/** A YooKassa notification: only the payment's id is taken from it; the rest is fetched from the API. */
const notification = z.object({
  type: z.literal('notification'),
  event: z.enum(['payment.succeeded', 'payment.canceled', 'payment.waiting_for_capture', 'refund.succeeded']),
  object: z.object({ id: z.string().min(1).max(64) }).loose(),
});

/**
 * POST /api/billing/public/payments/webhook (no session: the provider calls it). A notification
 * is believed only as far as the provider's API confirms it: the payment is re-fetched, and it
 * must be ours (an order holds its id), for that order, for its sum, and succeeded. A forged one
 * is refused; one delivered twice pays once (Orders.markPaid).
 */
export function registerWebhook(ctx: BillingContext, orders: Orders, provider: PaymentProvider): void {
  const refuse = (why: string) => new HttpError(400, 'webhook_refused', `Notification refused: ${why}`);
  ctx.http.publicRouter.post('/payments/webhook', ctx.rateLimits.http('webhook', 120, 60, (req) => req.ip ?? ''), async (req, res) => {
    const parsed = notification.safeParse(req.body);
    if (!parsed.success) throw refuse('not a payment notification');
    const { event, object } = parsed.data;
    const order = await ctx.db.kysely.selectFrom('billing_orders').selectAll().where('payment_id', '=', object.id).executeTakeFirst();
    if (!order) throw refuse('no order has this payment');
    const payment = await provider.fetch(object.id);
    if (!payment || payment.orderId !== Number(order.id)) throw refuse('the provider does not confirm it');
    if (event === 'payment.canceled' && payment.status === 'canceled') {
      await orders.cancel(Number(order.id));
      return res.json({ ok: true });
    }
    if (event !== 'payment.succeeded') return res.json({ ok: true });
    if (payment.status !== 'succeeded' || !payment.paid || payment.currency !== 'RUB' || payment.amountKopecks !== Number(order.total)) {
      ctx.logger.warn({ order: order.id, payment: object.id, status: payment.status }, 'payment notification not confirmed by the provider');
      throw refuse('the provider does not confirm it');
    }
    const { paid } = await orders.markPaid(Number(order.id));
    res.json({ ok: true, paid });
  });
}
