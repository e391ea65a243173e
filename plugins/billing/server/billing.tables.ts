import type { Generated, Selectable } from 'kysely';

/** The billing plugin's operational tables (Kysely types); created by billing.migrations.ts. */
export interface BillingTables {
  /** A purchase: a company's invoice or a person's online payment. Sums in kopecks. */
  billing_orders: {
    id: Generated<number>;
    account_id: string;
    payer_type: 'company' | 'person';
    /** The payer's details as given (JSON): printed on the invoice. */
    payer: string;
    plan: 'pro' | 'enterprise';
    seats: number;
    months: number;
    discount: number;
    total: number;
    status: 'pending' | 'paid' | 'canceled';
    created_at: number;
    paid_at: number | null;
    /** The provider's payment id (a person's order), unique. */
    payment_id: string | null;
    confirmation_url: string | null;
  };
}

export type OrderRow = Selectable<BillingTables['billing_orders']>;
