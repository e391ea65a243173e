import type { ErrorRequestHandler, Request, Response, Router } from 'express';
import { z } from 'zod';
import { currentStaff, forbidden, HttpError, notFound, parseOrThrow, type Actor } from '../../../core/src/index.js';
import type { AgencyOrderView, BillingState, PlanSet } from '../shared/billing.protocol.js';
import { BILLING_FIELD_TEXTS } from '../shared/billing-fields.js';
import type { BillingContext } from './billing.context.js';
import { licenceGrant, planSetSchema, purchaseRequest, quoteRequest } from './billing.schemas.js';
import type { InvoiceMailer } from './invoice-mail.js';
import type { Licences } from './licences.js';
import type { Orders } from './orders.service.js';

const orderId = z.coerce.number().int().positive().max(2 ** 31);
// Strapi documentIds are lower-case letters and digits.
const accountId = z.string().regex(/^[a-z0-9]{1,64}$/, 'No such client');

interface Parts {
  licences: Licences;
  orders: Orders;
  invoices: InvoiceMailer;
  onlinePayments: boolean;
}

/** The account's admin (the «Оплата» page is theirs); operators and visitors are refused. */
function admin(res: Response): Extract<Actor, { kind: 'user' }> {
  const actor = res.locals.actor;
  if (actor?.kind !== 'user' || actor.role !== 'admin') throw forbidden('Only the account\'s administrators manage its licence');
  return actor;
}

/**
 * Field messages are keys of BILLING_FIELD_TEXTS: answered in the request's language
 * (Accept-Language, else the user's panel language). Other messages pass as they are.
 */
function translateFields(ctx: BillingContext): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next) => {
    if (!(err instanceof HttpError) || !err.fields) return next(err);
    const actor = res.locals.actor;
    const own = actor?.kind === 'user' ? ctx.content.user(actor.userId)?.panelLocale : undefined;
    const locale = req.headers['accept-language'] ? (req.acceptsLanguages('ru', 'en') === 'ru' ? 'ru' : 'en') : (own ?? 'en');
    const texts = BILLING_FIELD_TEXTS as Record<string, { ru: string; en: string } | undefined>;
    const fields = Object.fromEntries(Object.entries(err.fields).map(([path, message]) => [path, texts[message]?.[locale] ?? message]));
    next(new HttpError(err.status, err.code, err.message, fields));
  };
}

/** /api/billing: the client's admin — their licence, a quote, a purchase, their invoices. */
export function registerAccountRoutes(ctx: BillingContext, parts: Parts): void {
  const { router } = ctx.http;
  const { licences, orders, invoices } = parts;

  router.get('/', async (_req, res) => {
    const me = admin(res);
    const { requisites: _hidden, ...plans } = licences.planSetOf(me.accountId);
    const state: BillingState = { licence: licences.view(me.accountId), plans, orders: await orders.list(me.accountId), onlinePayments: parts.onlinePayments };
    res.json(state);
  });

  router.post('/quote', (req, res) => {
    const me = admin(res);
    res.json(orders.quote(me.accountId, parseOrThrow(quoteRequest, req.body)));
  });

  router.post('/orders', async (req, res) => {
    const me = admin(res);
    const body = parseOrThrow(purchaseRequest, req.body);
    const email = ctx.content.user(me.userId)?.email ?? '';
    res.status(201).json(await orders.purchase(me.accountId, email, body));
  });

  router.get('/orders/:id/invoice.pdf', async (req, res) => {
    const me = admin(res);
    const order = await orders.get(me.accountId, parseOrThrow(orderId, req.params.id));
    if (order.payer_type !== 'company') throw notFound('This order has no invoice');
    const pdf = await invoices.pdf(order);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="${invoices.fileName(order)}"`);
    res.setHeader('cache-control', 'private, no-store');
    res.end(pdf);
  });

  router.use(translateFields(ctx));
}

/**
 * /api/billing/agency: the agency's staff — their plans and requisites, a client's licence (also
 * set by hand), the clients' orders, and marking a company's invoice paid. Another agency's
 * client answers as an unknown one.
 */
export function registerAgencyRoutes(ctx: BillingContext, parts: Parts): void {
  const router: Router = ctx.http.agencyRouter;
  const { licences, orders } = parts;
  const agency = (res: Response) => currentStaff(res.locals).agencyId;
  const client = (res: Response, id: unknown) => {
    const account = ctx.content.account(parseOrThrow(accountId, id));
    if (!account || account.agency !== agency(res)) throw notFound('No such client of this agency');
    return account.documentId;
  };

  router.get('/plans', (_req, res) => {
    res.json(licences.planSet(agency(res)));
  });
  router.put('/plans', async (req, res) => {
    const set: PlanSet = parseOrThrow(planSetSchema, req.body);
    res.json(await licences.savePlanSet(agency(res), set));
  });

  router.get('/clients/:id/licence', (req, res) => {
    res.json(licences.view(client(res, req.params.id)));
  });
  router.put('/clients/:id/licence', async (req, res) => {
    const id = client(res, req.params.id);
    const grant = parseOrThrow(licenceGrant, req.body);
    await licences.write(id, grant);
    res.json(licences.view(id));
  });

  router.get('/orders', async (_req, res) => {
    const mine = ctx.content.accounts().filter((a) => a.agency === agency(res));
    const names = new Map(mine.map((a) => [a.documentId, a.name]));
    const list = await orders.ofAccounts([...names.keys()]);
    const views: AgencyOrderView[] = list.map((o) => ({ ...o, accountName: names.get(o.accountId) ?? '' }));
    res.json(views);
  });

  router.post('/orders/:id/paid', async (req, res) => {
    const order = await orders.byId(parseOrThrow(orderId, req.params.id));
    if (!order || ctx.content.account(order.account_id)?.agency !== agency(res)) throw notFound('No such order');
    if (order.status !== 'pending') throw new HttpError(409, 'order_not_pending', 'This order is paid or cancelled already');
    const { order: view } = await orders.markPaid(order.id);
    res.json({ order: { ...view, status: 'paid' }, licence: licences.view(order.account_id) });
  });

  router.use(translateFields(ctx));
}
