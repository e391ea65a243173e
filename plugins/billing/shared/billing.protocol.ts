/**
 * A9, licences: the wire contract of the billing plugin (/api/billing, /api/billing/agency),
 * imported by the server and the panel. Types and small pure helpers only.
 */

type Localized = { ru: string; en: string };

export const PLAN_IDS = ['free', 'pro', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];
/** The plans a client buys; Free is what an account has without a paid licence. */
export const PAID_PLANS = ['pro', 'enterprise'] as const satisfies readonly PlanId[];
export type PaidPlanId = (typeof PAID_PLANS)[number];

export const PLAN_TITLES: Record<PlanId, Localized> = {
  free: { ru: 'Free', en: 'Free' },
  pro: { ru: 'PRO', en: 'PRO' },
  enterprise: { ru: 'Enterprise', en: 'Enterprise' },
};

/** One plan as the agency sets it. Prices in roubles per operator and month. */
export interface Plan {
  id: PlanId;
  /** Free and PRO: the most operators (members) the plan allows; Enterprise: the most one can buy. */
  maxSeats: number;
  pricePerSeatMonth: number;
  /** The plugins an account on this plan may have switched on; null: every installed one. */
  plugins: string[] | null;
}

/** A period one pays for at once, and its discount in per cent. */
export interface Period {
  months: number;
  discount: number;
}

/** The agency's requisites, printed on a company's invoice. */
export interface Requisites {
  name: string;
  inn: string;
  kpp: string;
  address: string;
  bank: string;
  bik: string;
  account: string;
  correspondentAccount: string;
}

/** What the agency sets (GET/PUT /api/billing/agency/plans). */
export interface PlanSet {
  plans: Plan[];
  periods: Period[];
  requisites: Requisites;
  /** Days before the end of the paid period the client's panel starts warning. */
  noticeDays: number;
}

export type PayerType = 'company' | 'person';
export interface CompanyPayer {
  type: 'company';
  name: string;
  /** 10 digits (an organisation, with KPP) or 12 (a sole proprietor, no KPP). */
  inn: string;
  kpp?: string | undefined;
  address: string;
  /** Where the invoice is mailed; the buyer's own address when absent. */
  email?: string | undefined;
}
export interface PersonPayer {
  type: 'person';
  name: string;
  email: string;
}
export type Payer = CompanyPayer | PersonPayer;

/** The account's licence now, as the «Оплата» page shows it. */
export interface LicenceView {
  /** The plan whose limits apply now (Free once a paid period is over). */
  plan: PlanId;
  /** The plan last paid for, also after its period ended; null if none ever was. */
  paidPlan: PlanId | null;
  seats: { used: number; allowed: number };
  paidUntil: string | null;
  expired: boolean;
  /** Whole days left of the paid period (0 on its last day); null without one. */
  daysLeft: number | null;
  /** The end is within the agency's notice days: the panel warns. */
  expiresSoon: boolean;
  /** Chosen with the first purchase and fixed from then on. */
  payerType: PayerType | null;
  payer: Payer | null;
}

export type OrderStatus = 'pending' | 'paid' | 'canceled';

/** A purchase: a company's invoice or a person's online payment. Sums in kopecks. */
export interface OrderView {
  id: number;
  number: string;
  payerType: PayerType;
  plan: PaidPlanId;
  seats: number;
  months: number;
  discount: number;
  total: number;
  status: OrderStatus;
  createdAt: string;
  paidAt: string | null;
  /** A person's payment still to be made: the provider's page. */
  confirmationUrl: string | null;
}

/** GET /api/billing/agency/orders: an order of one of the agency's clients. */
export interface AgencyOrderView extends OrderView {
  accountId: string;
  accountName: string;
}

/** GET /api/billing: everything the «Оплата» page needs. */
export interface BillingState {
  licence: LicenceView;
  plans: Omit<PlanSet, 'requisites'>;
  orders: OrderView[];
  /** Whether people can pay online here (a payment provider is configured). */
  onlinePayments: boolean;
}

/** POST /api/billing/quote; also the first part of a purchase. */
export interface QuoteRequest {
  plan: PaidPlanId;
  seats: number;
  months: number;
}
export interface Quote extends QuoteRequest {
  pricePerSeatMonth: number;
  discount: number;
  /** Kopecks: without the discount, and to pay. */
  full: number;
  total: number;
}

/** POST /api/billing/orders. */
export interface PurchaseRequest extends QuoteRequest {
  payer: Payer;
}
export interface PurchaseResult {
  order: OrderView;
  /** A person is sent here to pay. */
  confirmationUrl: string | null;
}

/** Kopecks as «1 234,50 ₽» / «₽1,234.50». */
export function formatMoney(kopecks: number, locale: 'ru' | 'en'): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { style: 'currency', currency: 'RUB', currencyDisplay: 'narrowSymbol', minimumFractionDigits: kopecks % 100 ? 2 : 0 }).format(kopecks / 100);
}

/**
 * The price of a licence: seats × price × months, less the period's discount, in kopecks
 * (rounded to the kopeck). The server computes it; the panel shows what the server said.
 */
export function priceOf(plan: Plan, period: Period, seats: number): { full: number; total: number } {
  const full = Math.round(plan.pricePerSeatMonth * 100) * seats * period.months;
  return { full, total: Math.round((full * (100 - period.discount)) / 100) };
}

/** INN's check digits (ФНС): 10 digits for an organisation, 12 for a person or sole proprietor. */
export function isValidInn(inn: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(inn)) return false;
  const d = [...inn].map(Number);
  const check = (weights: number[]) => (weights.reduce((sum, w, i) => sum + w * d[i]!, 0) % 11) % 10;
  if (d.length === 10) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
}

export const isValidKpp = (kpp: string): boolean => /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
