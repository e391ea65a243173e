import { workIntervals, type WorkInterval } from '../../../../core/src/index.js';
import type { ChatContext } from '../chat.db.js';
import { accountUserLookup, contentIndex } from '../content-index.js';
import { SCHEDULE_TYPE, type ScheduleRecord } from './schedule.record.js';

/**
 * A stored schedule's intervals, or none: the CMS keeps JSON that agency staff may edit by hand, so
 * what it holds is checked again rather than trusted.
 */
export function intervalsOf(schedule: ScheduleRecord | undefined): WorkInterval[] {
  const parsed = workIntervals.safeParse(schedule?.intervals);
  return parsed.success ? parsed.data : [];
}

/**
 * The schedules (A6) per user, as the chat reads them: the schedule switcher walks them on every
 * tick, so they are resolved once per change of the content.
 */
export class SchedulesDirectory {
  private readonly byUser: () => Map<number, ScheduleRecord[]>;

  constructor(private readonly ctx: Pick<ChatContext, 'content'>) {
    this.byUser = contentIndex(ctx, () => this.build());
  }

  /** A user's schedule, if they have one. */
  of(userId: number): ScheduleRecord | undefined {
    return this.byUser().get(userId)?.[0];
  }

  /** Every record naming this user, newest first: the one that counts and any leftovers of a race. */
  recordsOf(userId: number): readonly ScheduleRecord[] {
    return this.byUser().get(userId) ?? [];
  }

  /** Users that have a schedule, with it. */
  scheduledUsers(): [userId: number, schedule: ScheduleRecord][] {
    return [...this.byUser()].map(([userId, records]) => [userId, records[0]!]);
  }

  /**
   * A schedule counts for its user while both belong to the same account. Two admins saving at the
   * same moment may leave two records for one user: the newest counts, and the next save of that
   * user's schedule removes the others (schedules.service.ts).
   */
  private build(): Map<number, ScheduleRecord[]> {
    const { content } = this.ctx;
    const userOf = accountUserLookup(content);
    const byUser = new Map<number, ScheduleRecord[]>();
    for (const schedule of [...content.records<ScheduleRecord>(SCHEDULE_TYPE).all()].sort((a, b) => b.id - a.id)) {
      const user = schedule.user === null || schedule.account === null ? undefined : userOf(schedule.account, schedule.user);
      if (!user) continue;
      byUser.set(user.id, [...(byUser.get(user.id) ?? []), schedule]);
    }
    return byUser;
  }
}
