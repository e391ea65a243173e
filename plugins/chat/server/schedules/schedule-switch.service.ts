import { isValidTimeZone, lastEdge, nextEdge, type ScheduleEdge } from '../../../../core/src/index.js';
import type { OperatorStatus } from '../../shared/chat.protocol.js';
import type { ChatContext } from '../chat.db.js';
import type { PresenceService } from '../presence.service.js';
import { intervalsOf, type SchedulesDirectory } from './schedules.directory.js';

/**
 * The longest sleep between two looks at the schedules. Edges are planned to the minute; the cap
 * only bounds what a missed change or a clock jump can cost.
 */
const MAX_SLEEP_MS = 60 * 60 * 1000;

interface Due {
  userId: number;
  accountId: string;
  edge: ScheduleEdge;
}

/**
 * A6, the automatic part: an operator's status goes `online` when a working period of their
 * schedule starts and `offline` when it ends, in the account's time zone. The schedules are the
 * chat's content (schedules.service.ts); the job runs here, beside the status (its table, its
 * events), and the change must tell what a change by hand tells (PresenceService.announce).
 *
 * The rule: the latest edge counts unless the status was changed after it — a status set by hand
 * holds until the next edge. An edge before the schedule was saved does not count (saving hours
 * mid-period flips nobody), and one missed while no core ran is applied at the next start.
 *
 * Several core processes run this job at once: each computes the same edge and writes it with a
 * condition (`updated_at` older than the edge), so one of them writes and announces, the others
 * find it done. No lease, nothing kept between ticks: any process may stop at any time.
 */
export class ScheduleSwitchService {
  private cancelTimer: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private queue = Promise.resolve();
  private stopped = false;
  private readonly warnedZones = new Set<string>();

  constructor(
    private readonly ctx: ChatContext,
    private readonly presence: PresenceService,
    private readonly directory: SchedulesDirectory,
  ) {}

  start(): void {
    // New hours, a new time zone or a chat switched on: plan again from what the content says now.
    this.unsubscribe = this.ctx.content.onChange(() => this.plan());
    this.tick();
  }

  /** Waits for a tick in progress, so its writes finish before the database closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.cancelTimer?.();
    await this.queue;
  }

  /** Applies what is due, then plans the next look; ticks never overlap. */
  private tick(): void {
    this.queue = this.queue
      .then(() => this.applyDue())
      .catch((err: unknown) => this.ctx.logger.error({ err }, 'schedule edges could not be applied'))
      .finally(() => this.plan());
  }

  private plan(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    const now = this.ctx.clock.now();
    let wake = now + MAX_SLEEP_MS;
    for (const { intervals, zone } of this.schedules()) {
      const next = nextEdge(intervals, zone, now);
      if (next && next.at < wake) wake = next.at;
    }
    this.cancelTimer = this.ctx.clock.after(wake - now, () => this.tick());
  }

  private async applyDue(): Promise<void> {
    const changed = new Map<string, { userId: number; status: OperatorStatus }[]>();
    for (const { userId, accountId, edge } of this.due()) {
      const status: OperatorStatus = edge.working ? 'online' : 'offline';
      if (!(await this.presence.setStatusAtEdge(userId, accountId, status, edge.at))) continue;
      changed.set(accountId, [...(changed.get(accountId) ?? []), { userId, status }]);
    }
    for (const [accountId, changes] of changed) await this.presence.announce(accountId, changes);
  }

  /** For each scheduled operator, the latest edge — when it came after their schedule was saved. */
  private due(): Due[] {
    const now = this.ctx.clock.now();
    return this.schedules().flatMap(({ userId, accountId, intervals, zone, effectiveFrom }) => {
      const edge = lastEdge(intervals, zone, now);
      return edge && edge.at >= effectiveFrom ? [{ userId, accountId, edge }] : [];
    });
  }

  /** Schedules of active users of accounts that have the chat, with their account's time zone. */
  private schedules() {
    const { content } = this.ctx;
    return this.directory.scheduledUsers().flatMap(([userId, schedule]) => {
      const user = content.user(userId);
      const account = schedule.account ? content.account(schedule.account) : undefined;
      if (!user || user.blocked || !user.role || !account || !this.ctx.isEnabledFor(account.documentId)) return [];
      if (!isValidTimeZone(account.timezone)) {
        this.warnZone(account.documentId, account.timezone);
        return [];
      }
      return [{ userId, accountId: account.documentId, intervals: intervalsOf(schedule), zone: account.timezone, effectiveFrom: Date.parse(schedule.effectiveFrom) }];
    });
  }

  /** An account's time zone is typed by agency staff in the CMS: say once which one is wrong. */
  private warnZone(accountId: string, zone: string): void {
    if (this.warnedZones.has(`${accountId}|${zone}`)) return;
    this.warnedZones.add(`${accountId}|${zone}`);
    this.ctx.logger.warn({ accountId, timezone: zone }, 'account time zone is not an IANA zone: its schedules are not applied');
  }
}
