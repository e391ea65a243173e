import { accountLimitsRef, definePlugin } from '../../core/src/index.js';
import { billingMigrations } from './server/billing.migrations.js';
import { billingOptions } from './server/billing.options.js';
import { registerAccountRoutes, registerAgencyRoutes } from './server/billing.routes.js';
import type { BillingTables } from './server/billing.tables.js';
import { InvoiceMailer } from './server/invoice-mail.js';
import { Licences } from './server/licences.js';
import { Orders } from './server/orders.service.js';
import { YooKassa } from './server/payments/yookassa.js';
import { registerWebhook } from './server/webhook.routes.js';

/**
 * A9: client licences. The agency's plans (Free, PRO, Enterprise) and each account's licence are
 * content types; the limits bite through the core's `accountLimitsRef` (seats on invitations,
 * plugins outside the plan, the agency's client list); a company buys by invoice (PDF, mailed,
 * marked paid by agency staff), a person pays online (YooKassa-style API, verified webhook).
 */
export default definePlugin<typeof billingOptions, BillingTables>({
  id: 'billing',
  title: { ru: 'Оплата', en: 'Billing' },
  options: billingOptions,
  migrations: billingMigrations,
  setup(ctx) {
    const licences = new Licences(ctx);
    const invoices = new InvoiceMailer(ctx, licences);
    const payments = ctx.options.payments;
    const provider = payments && new YooKassa({ ...payments, returnUrl: payments.returnUrl ?? `${ctx.publicUrl}/billing` });
    const orders = new Orders(ctx, licences, invoices, provider);
    const unregister = ctx.services.get(accountLimitsRef).register(licences.limit());
    const parts = { licences, orders, invoices, onlinePayments: Boolean(provider) };
    registerAccountRoutes(ctx, parts);
    registerAgencyRoutes(ctx, parts);
    if (provider) registerWebhook(ctx, orders, provider);
    return { stop: unregister };
  },
});
