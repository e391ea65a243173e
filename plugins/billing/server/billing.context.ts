import type { z } from 'zod';
import type { ContentRecord, PluginContext } from '../../../core/src/index.js';
import type { Payer, PayerType, PlanId, PlanSet } from '../shared/billing.protocol.js';
import type { billingOptions } from './billing.options.js';
import type { BillingTables } from './billing.tables.js';

export type BillingOptions = z.output<typeof billingOptions>;
export type BillingContext = PluginContext<BillingOptions, BillingTables>;

/** `billing-plan-set` (content type): one agency's plans, as the snapshot has it. */
export interface PlanSetRecord extends ContentRecord, PlanSet {
  agency: string | null;
}

/** `billing-licence` (content type): one account's licence. */
export interface LicenceRecord extends ContentRecord {
  account: string | null;
  plan: PlanId;
  seats: number;
  paidUntil: string | null;
  payerType: PayerType | null;
  payer: Payer | null;
}
