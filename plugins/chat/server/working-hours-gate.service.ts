import type { SiteHours } from '../../../core/src/index.js';
import type { ChatContext } from './chat.db.js';
import type { PresenceService } from './presence.service.js';

/** The longest sleep between two looks; edges are planned exactly, the cap bounds a clock jump. */
const MAX_SLEEP_MS = 60 * 60 * 1000;

/**
 * I2 in the widget: outside a site's working hours its widgets take the automatic path (the offline
 * form) even while operators are online, and this flips live — at the edges of the hours, and when
 * saved hours move the site in or out of them. PresenceService decides what a widget is told
 * (`operators.changed`); this job notices when the answer changes.
 *
 * Every core process runs it for its own sockets (`broadcastLocal`): each has the same content and
 * the same clock, so each widget hears of an edge once, and no process needs to outlive another.
 */
export class WorkingHoursGate {
  /** Per site of an account with the chat: whether people answer there, as its widgets were last told. */
  private within = new Map<string, { accountId: string; open: boolean }>();
  private cancelTimer: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: ChatContext,
    private readonly presence: PresenceService,
    private readonly hours: SiteHours,
  ) {}

  start(): void {
    this.within = this.look();
    this.unsubscribe = this.ctx.content.onChange(() => this.check());
    this.plan();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.cancelTimer?.();
  }

  /** Tells the widgets of each site whose answer changed since the last look, then plans the next. */
  private check(): void {
    if (this.stopped) return;
    const before = this.within;
    this.within = this.look();
    const flipped = new Map<string, string[]>();
    for (const [siteId, now] of this.within) {
      const was = before.get(siteId);
      if (was && was.open !== now.open) flipped.set(now.accountId, [...(flipped.get(now.accountId) ?? []), siteId]);
    }
    for (const [accountId, siteIds] of flipped) {
      this.presence.broadcastLocal(accountId, siteIds).catch((err: unknown) => this.ctx.logger.error({ err, accountId }, 'working-hours change could not be told'));
    }
    this.plan();
  }

  private plan(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    const now = this.ctx.clock.now();
    let wake = now + MAX_SLEEP_MS;
    for (const siteId of this.within.keys()) {
      const next = this.hours.nextChange(siteId, now);
      if (next !== undefined && next < wake) wake = next;
    }
    this.cancelTimer = this.ctx.clock.after(wake - now, () => this.check());
  }

  private look(): Map<string, { accountId: string; open: boolean }> {
    const now = this.ctx.clock.now();
    const result = new Map<string, { accountId: string; open: boolean }>();
    for (const site of this.ctx.content.sites()) {
      if (!site.account || !this.ctx.isEnabledFor(site.account)) continue;
      result.set(site.documentId, { accountId: site.account, open: this.hours.isWithinWorkingHours(site.documentId, now) });
    }
    return result;
  }
}
