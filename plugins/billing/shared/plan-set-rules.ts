import { isValidInn, isValidKpp, PLAN_IDS, type PlanSet } from './billing.protocol.js';
import type { BillingFieldText } from './billing-fields.js';

/** What an agency may set: the server refuses past these, the console's form says so first. */
export const PLAN_SET_LIMITS = {
  seats: { min: 1, max: 10_000 },
  price: { min: 0, max: 1_000_000 },
  months: { min: 1, max: 120 },
  discount: { min: 0, max: 90 },
  periods: { min: 1, max: 12 },
  noticeDays: { min: 0, max: 60 },
  plugins: 100,
} as const;

const PLUGIN_ID = /^[a-z][a-z0-9-]{0,63}$/;
const whole = (n: unknown, { min, max }: { min: number; max: number }) => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
const digits = (v: string, n: number) => v === '' || new RegExp(`^\\d{${n}}$`).test(v);

/**
 * The rules of an agency's plan set beyond its shape, as dotted field paths (`plans.1.pricePerSeatMonth`)
 * and keys of BILLING_FIELD_TEXTS. One function for both sides: the server's schema
 * (billing.schemas.ts) adds each as an issue, the console's form shows each beside its field before
 * anything is sent. Requisites are compared trimmed, as the server stores them.
 */
export function planSetProblems(set: PlanSet): Record<string, BillingFieldText> {
  const problems: Record<string, BillingFieldText> = {};
  const ids = set.plans.map((p) => p.id);
  if (set.plans.length !== PLAN_IDS.length || new Set(ids).size !== ids.length || !PLAN_IDS.every((id) => ids.includes(id))) problems['plans'] = 'billing.planSet';
  set.plans.forEach((plan, i) => {
    if (!whole(plan.maxSeats, PLAN_SET_LIMITS.seats)) problems[`plans.${i}.maxSeats`] = 'billing.planSeats';
    const price = plan.pricePerSeatMonth;
    if (!(Number.isFinite(price) && price >= PLAN_SET_LIMITS.price.min && price <= PLAN_SET_LIMITS.price.max && Math.abs(Math.round(price * 100) - price * 100) < 1e-6)) {
      problems[`plans.${i}.pricePerSeatMonth`] = 'billing.price';
    }
    if (plan.plugins !== null && (plan.plugins.length > PLAN_SET_LIMITS.plugins || plan.plugins.some((id) => !PLUGIN_ID.test(id)))) problems[`plans.${i}.plugins`] = 'billing.plugins';
  });
  const pro = set.plans.find((p) => p.id === 'pro');
  const ent = set.plans.findIndex((p) => p.id === 'enterprise');
  if (pro && ent >= 0 && !problems[`plans.${ent}.maxSeats`] && set.plans[ent]!.maxSeats <= pro.maxSeats) problems[`plans.${ent}.maxSeats`] = 'billing.enterpriseSeats';

  if (set.periods.length < PLAN_SET_LIMITS.periods.min || set.periods.length > PLAN_SET_LIMITS.periods.max) problems['periods'] = 'billing.periods';
  const seen = new Set<number>();
  set.periods.forEach((period, i) => {
    if (!whole(period.months, PLAN_SET_LIMITS.months)) problems[`periods.${i}.months`] = 'billing.periodMonths';
    else if (seen.has(period.months)) problems[`periods.${i}.months`] = 'billing.periodTwice';
    seen.add(period.months);
    if (!whole(period.discount, PLAN_SET_LIMITS.discount)) problems[`periods.${i}.discount`] = 'billing.discount';
  });
  if (!whole(set.noticeDays, PLAN_SET_LIMITS.noticeDays)) problems['noticeDays'] = 'billing.noticeDays';

  const r = set.requisites;
  const t = (v: string) => v.trim();
  if (t(r.name).length > 200) problems['requisites.name'] = 'billing.max200';
  if (t(r.bank).length > 200) problems['requisites.bank'] = 'billing.max200';
  if (t(r.address).length > 300) problems['requisites.address'] = 'billing.max300';
  if (t(r.inn) !== '' && !isValidInn(t(r.inn))) problems['requisites.inn'] = 'billing.inn';
  if (t(r.kpp) !== '' && !isValidKpp(t(r.kpp))) problems['requisites.kpp'] = 'billing.kpp';
  if (!digits(t(r.bik), 9)) problems['requisites.bik'] = 'billing.bik';
  if (!digits(t(r.account), 20)) problems['requisites.account'] = 'billing.bankAccount';
  if (!digits(t(r.correspondentAccount), 20)) problems['requisites.correspondentAccount'] = 'billing.bankAccount';
  return problems;
}
