import type { AccountLicence, AccountLimit } from '../../../core/src/index.js';
import { PLAN_TITLES, type LicenceView, type Payer, type Plan, type PlanId, type PlanSet } from '../shared/billing.protocol.js';
import type { BillingContext, LicenceRecord, PlanSetRecord } from './billing.context.js';

const DAY = 24 * 3600 * 1000;

/** The plan whose limits apply to an account now, and why. */
export interface Standing {
  plan: Plan;
  record: LicenceRecord | undefined;
  /** Seats allowed now. */
  seats: number;
  expired: boolean;
  paidUntil: number | null;
}

/**
 * Plans and licences, both content types: read from the content cache on every call (every core
 * process has them, they survive restarts, a write counts everywhere at once), so the core's
 * synchronous limit checks can ask here. Time is `ctx.clock`'s.
 */
export class Licences {
  constructor(private readonly ctx: BillingContext) {}

  private get planSets() {
    return this.ctx.content.writable<PlanSetRecord>('billing-plan-set');
  }

  private get licences() {
    return this.ctx.content.writable<LicenceRecord>('billing-licence');
  }

  /** The agency's plans, or the installation's defaults until it saved its own. */
  planSet(agencyId: string | null | undefined): PlanSet {
    const saved = agencyId ? this.planSets.all().find((s) => s.agency === agencyId) : undefined;
    if (!saved) return this.ctx.options.defaults;
    return { plans: saved.plans, periods: saved.periods, requisites: saved.requisites, noticeDays: saved.noticeDays };
  }

  planSetOf(accountId: string): PlanSet {
    return this.planSet(this.ctx.content.account(accountId)?.agency);
  }

  async savePlanSet(agencyId: string, set: PlanSet): Promise<PlanSet> {
    const saved = this.planSets.all().find((s) => s.agency === agencyId);
    if (saved) await this.planSets.update(saved.documentId, { ...set });
    else await this.planSets.create({ ...set, agency: agencyId });
    return this.planSet(agencyId);
  }

  record(accountId: string): LicenceRecord | undefined {
    return this.licences.all().find((l) => l.account === accountId);
  }

  /** A paid plan counts until `paidUntil`; before one was bought and after it ended, Free does. */
  standing(accountId: string, now = this.ctx.clock.now()): Standing {
    const set = this.planSetOf(accountId);
    const planOf = (id: PlanId) => set.plans.find((p) => p.id === id)!;
    const record = this.record(accountId);
    const free = planOf('free');
    const paidUntil = record?.paidUntil ? Date.parse(record.paidUntil) : null;
    if (!record || record.plan === 'free') return { plan: free, record, seats: record?.seats ?? free.maxSeats, expired: false, paidUntil };
    if (paidUntil !== null && paidUntil <= now) return { plan: free, record, seats: free.maxSeats, expired: true, paidUntil };
    return { plan: planOf(record.plan), record, seats: record.seats, expired: false, paidUntil };
  }

  usedSeats(accountId: string): number {
    return this.ctx.content.usersOf(accountId).filter((u) => !u.blocked).length;
  }

  view(accountId: string): LicenceView {
    const now = this.ctx.clock.now();
    const s = this.standing(accountId, now);
    const paid = s.record && s.record.plan !== 'free' ? s.record : undefined;
    const daysLeft = paid && s.paidUntil !== null && !s.expired ? Math.floor((s.paidUntil - now) / DAY) : null;
    return {
      plan: s.plan.id,
      paidPlan: paid?.plan ?? null,
      seats: { used: this.usedSeats(accountId), allowed: s.seats },
      paidUntil: paid?.paidUntil ?? null,
      expired: s.expired,
      daysLeft,
      expiresSoon: daysLeft !== null && daysLeft < this.planSetOf(accountId).noticeDays,
      payerType: s.record?.payerType ?? null,
      payer: s.record?.payer ?? null,
    };
  }

  /** Writes the account's licence (creating it on Free the first time). */
  async write(accountId: string, change: Partial<Pick<LicenceRecord, 'plan' | 'seats' | 'paidUntil' | 'payerType' | 'payer'>>): Promise<LicenceRecord> {
    const record = this.record(accountId);
    if (record) return this.licences.update(record.documentId, change);
    const free = this.planSetOf(accountId).plans.find((p) => p.id === 'free')!;
    return this.licences.create({ plan: 'free', seats: free.maxSeats, paidUntil: null, payerType: null, payer: null, ...change, account: accountId });
  }

  /** The payer type is chosen once: the first purchase fixes it (the details may be updated). */
  async rememberPayer(accountId: string, payer: Payer): Promise<void> {
    await this.write(accountId, { payerType: payer.type, payer });
  }

  /**
   * A paid order: the plan and seats bought, the period added after what is left of the current
   * one (or from now, when it is over or there was none).
   */
  async extend(accountId: string, order: { plan: PlanId; seats: number; months: number }): Promise<LicenceRecord> {
    const now = this.ctx.clock.now();
    const s = this.standing(accountId, now);
    const from = new Date(s.paidUntil !== null && s.paidUntil > now && s.record?.plan !== 'free' ? s.paidUntil : now);
    from.setUTCMonth(from.getUTCMonth() + order.months);
    return this.write(accountId, { plan: order.plan, seats: order.seats, paidUntil: from.toISOString() });
  }

  /** What the core asks (kernel/account-limits.ts): seats, plugins of the plan, the licence for the agency's list. */
  limit(): AccountLimit {
    return {
      seats: (accountId) => this.standing(accountId).seats,
      // The «Оплата» page itself is never held off: an expired account must be able to pay.
      allowsPlugin: (accountId, pluginId) => pluginId === this.ctx.id || (this.standing(accountId).plan.plugins?.includes(pluginId) ?? true),
      licence: (accountId): AccountLicence => {
        const s = this.standing(accountId);
        const shown = s.record && s.record.plan !== 'free' ? s.record.plan : 'free';
        return { plan: shown, title: PLAN_TITLES[shown], seats: s.seats, paidUntil: s.record?.paidUntil ?? null, expired: s.expired };
      },
    };
  }
}
