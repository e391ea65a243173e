import { z } from 'zod';
import { isValidInn, isValidKpp, PAID_PLANS, PLAN_IDS, type PlanSet } from '../shared/billing.protocol.js';
import { planSetProblems } from '../shared/plan-set-rules.js';
import type { BillingFieldText } from '../shared/billing-fields.js';

/** zod messages are keys of BILLING_FIELD_TEXTS; the routes answer them in the request's language. */
const m = (key: BillingFieldText) => key;

const name = z.string(m('billing.name')).trim().min(1, m('billing.name')).max(200, m('billing.name'));
const email = z.email(m('billing.email')).max(254, m('billing.email')).transform((e) => e.toLowerCase());

export const companyPayer = z
  .strictObject({
    type: z.literal('company'),
    name,
    inn: z.string(m('billing.inn')).trim().refine(isValidInn, m('billing.inn')),
    kpp: z
      .string(m('billing.kpp'))
      .trim()
      .transform((v) => v.toUpperCase())
      .optional()
      .transform((v) => v || undefined),
    address: z.string(m('billing.address')).trim().min(1, m('billing.address')).max(300, m('billing.address')),
    email: email.optional(),
  })
  .superRefine((payer, ctx) => {
    // An organisation (10-digit INN) has a KPP; a sole proprietor (12 digits) has none.
    const needs = payer.inn.length === 10;
    if (needs ? !payer.kpp || !isValidKpp(payer.kpp) : payer.kpp !== undefined) ctx.addIssue({ code: 'custom', path: ['kpp'], message: m('billing.kpp') });
  });

export const personPayer = z.strictObject({ type: z.literal('person'), name, email });

export const payer = z.discriminatedUnion('type', [companyPayer, personPayer], { error: m('billing.payerType') });

export const quoteRequest = z.strictObject({
  plan: z.enum(PAID_PLANS, m('billing.plan')),
  seats: z.number(m('billing.seats')).int(m('billing.seats')).min(1, m('billing.seats')).max(10_000, m('billing.seats')),
  months: z.number(m('billing.months')).int(m('billing.months')).min(1, m('billing.months')).max(120, m('billing.months')),
});

export const purchaseRequest = quoteRequest.extend({ payer });

const num = (key: BillingFieldText) => z.number(m(key));
const text = z.string(m('billing.planSet')).trim();

/**
 * An agency's plans: the shape here, every rule beyond it in `planSetProblems` (shared with the
 * console's form), each refusal at its field's path with words in both languages.
 */
export const planSetSchema = z
  .strictObject({
    plans: z.array(
      z.strictObject({
        id: z.enum(PLAN_IDS, m('billing.plan')),
        maxSeats: num('billing.planSeats'),
        pricePerSeatMonth: num('billing.price'),
        plugins: z.array(z.string(m('billing.plugins')), m('billing.plugins')).max(100, m('billing.plugins')).nullable(),
      }),
      m('billing.planSet'),
    ).max(3, m('billing.planSet')),
    periods: z.array(z.strictObject({ months: num('billing.periodMonths'), discount: num('billing.discount') }), m('billing.periods')).max(12, m('billing.periods')),
    requisites: z.strictObject({ name: text, inn: text, kpp: text, address: text, bank: text, bik: text, account: text, correspondentAccount: text }),
    noticeDays: num('billing.noticeDays'),
  })
  .superRefine((set, ctx) => {
    for (const [path, message] of Object.entries(planSetProblems(set))) ctx.addIssue({ code: 'custom', path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message });
  }) satisfies z.ZodType<PlanSet>;

/** What agency staff set as a client's licence by hand (a grant, a correction). */
export const licenceGrant = z.strictObject({
  plan: z.enum(PLAN_IDS, m('billing.plan')),
  seats: z.number(m('billing.seats')).int(m('billing.seats')).min(1, m('billing.seats')).max(10_000, m('billing.seats')),
  paidUntil: z.iso.datetime({ offset: true, error: m('billing.date') }).nullable(),
});

/** The plans an installation starts with, until the agency saves its own (the guide's example). */
export const DEFAULT_PLAN_SET: PlanSet = {
  plans: [
    { id: 'free', maxSeats: 2, pricePerSeatMonth: 0, plugins: ['chat'] },
    { id: 'pro', maxSeats: 5, pricePerSeatMonth: 990, plugins: null },
    { id: 'enterprise', maxSeats: 500, pricePerSeatMonth: 790, plugins: null },
  ],
  periods: [
    { months: 1, discount: 0 },
    { months: 6, discount: 10 },
    { months: 12, discount: 20 },
    { months: 24, discount: 30 },
  ],
  requisites: { name: '', inn: '', kpp: '', address: '', bank: '', bik: '', account: '', correspondentAccount: '' },
  noticeDays: 7,
};
