import type { Localized } from './plugin.types.js';
import { createServiceRef, type ServiceRef } from './service-registry.js';

/**
 * What an account's licence shows of itself where the core lists accounts (the agency console's
 * «Клиенты»). The core knows no plan: a plugin (billing) gives the words and the figures.
 */
export interface AccountLicence {
  /** The plan's own id (`free`, `pro` …) and its name in both languages. */
  plan: string;
  title: Localized;
  /** Seats the account may hold now; null when the plan has no limit. */
  seats: number | null;
  /** When the paid period ends (ISO), or null for a plan that is not paid for. */
  paidUntil: string | null;
  /** The paid period is over: the account is held to the free plan's limits until paid again. */
  expired: boolean;
}

/**
 * A limit a plugin puts on accounts, asked by the core where it bites: inviting or reconnecting a
 * member (seats), switching a plugin on or serving it (plugins), and the agency's client list
 * (licence). Every method is optional and synchronous (the core asks on every request): read
 * from the content cache or memory, never the network.
 */
export interface AccountLimit {
  /** Members (not disconnected; invited ones included) the account may hold; undefined: no limit here. */
  seats?(accountId: string): number | undefined;
  /** False: the account may not have the plugin now. It is off (its data kept) and cannot be switched on. */
  allowsPlugin?(accountId: string, pluginId: string): boolean;
  licence?(accountId: string): AccountLicence | undefined;
}

/** `ctx.services.get(accountLimitsRef).register(limit)`: a plugin's limits, asked by the core. */
export interface AccountLimits {
  /** Returns what takes the limit back (a stopping plugin). */
  register(limit: AccountLimit): () => void;
}

export const accountLimitsRef: ServiceRef<AccountLimits> = createServiceRef<AccountLimits>('core.accountLimits');

/** The core's side: every registered limit applies; the tightest seat count wins. */
export class AccountLimitRegistry implements AccountLimits {
  private readonly limits = new Set<AccountLimit>();

  register(limit: AccountLimit): () => void {
    this.limits.add(limit);
    return () => this.limits.delete(limit);
  }

  /** The seats the account may hold, or null when nothing limits them. */
  seats(accountId: string): number | null {
    const counts = [...this.limits].map((l) => l.seats?.(accountId)).filter((n): n is number => n !== undefined);
    return counts.length ? Math.min(...counts) : null;
  }

  allowsPlugin(accountId: string, pluginId: string): boolean {
    return [...this.limits].every((l) => l.allowsPlugin?.(accountId, pluginId) ?? true);
  }

  licence(accountId: string): AccountLicence | null {
    for (const limit of this.limits) {
      const licence = limit.licence?.(accountId);
      if (licence) return licence;
    }
    return null;
  }
}
