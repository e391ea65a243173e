import { z } from 'zod';
import { isValidInn, isValidKpp, PAID_PLANS, PLAN_IDS, type PlanSet } from '../shared/billing.protocol.js';
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

const digits = (n: number) => z.string().trim().regex(new RegExp(`^(\\d{${n}})?$`), m('billing.planSet'));
const text = (max: number) => z.string().trim().max(max, m('billing.planSet'));

export const planSetSchema = z
  .strictObject({
    plans: z
      .array(
        z.strictObject({
          id: z.enum(PLAN_IDS, m('billing.plan')),
          maxSeats: z.number().int().min(1).max(10_000),
          pricePerSeatMonth: z.number().min(0).max(1_000_000),
          plugins: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/)).max(100).nullable(),
        }),
      )
      .length(3, m('billing.planSet'))
      .refine((plans) => new Set(plans.map((p) => p.id)).size === 3, m('billing.planSet')),
    periods: z
      .array(z.strictObject({ months: z.number().int().min(1).max(120), discount: z.number().int().min(0).max(90) }))
      .min(1)
      .max(12)
      .refine((ps) => new Set(ps.map((p) => p.months)).size === ps.length, m('billing.planSet')),
    requisites: z.strictObject({
      name: text(200),
      inn: z.string().trim().refine((v) => v === '' || isValidInn(v), m('billing.inn')),
      kpp: z.string().trim().refine((v) => v === '' || isValidKpp(v), m('billing.kpp')),
      address: text(300),
      bank: text(200),
      bik: digits(9),
      account: digits(20),
      correspondentAccount: digits(20),
    }),
    noticeDays: z.number().int().min(0).max(60),
  })
  .refine((set) => {
    const by = Object.fromEntries(set.plans.map((p) => [p.id, p]));
    return by.enterprise!.maxSeats > by.pro!.maxSeats;
  }, m('billing.planSet')) satisfies z.ZodType<PlanSet>;

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
