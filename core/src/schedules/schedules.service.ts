import type { ContentStore } from '../content/content-store.js';
import type { ScheduleRecord, UserRecord } from '../content/content.types.js';
import { roleOf } from '../auth/actor-resolver.js';
import { forbidden, notFound } from '../http/http-error.js';
import type { Actor, UserRole } from '../kernel/actor.js';
import type { Clock } from '../kernel/clock.js';
import { workIntervals, type WorkInterval } from './working-hours.js';

/** One person's working hours as the panel shows them. */
export interface ScheduleView {
  userId: number;
  name: string;
  email: string;
  role: UserRole;
  intervals: WorkInterval[];
}

export interface SchedulesView {
  /** The account's IANA time zone: every interval is in it. */
  timezone: string;
  schedules: ScheduleView[];
}

type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * A stored schedule's intervals, or none: the CMS keeps JSON that agency staff may edit by hand, so
 * what it holds is checked again rather than trusted.
 */
export function intervalsOf(schedule: ScheduleRecord | undefined): WorkInterval[] {
  const parsed = workIntervals.safeParse(schedule?.intervals);
  return parsed.success ? parsed.data : [];
}

const nameOf = (u: UserRecord) => [u.firstName, u.lastName].filter(Boolean).join(' ').trim() || u.email;

/**
 * Operators' working hours (A6): admin content in the CMS, written through the core so the rules
 * hold whoever calls — an admin sets anyone's hours in the account, an operator only their own.
 * The status switching at the edges is the chat's (plugins/chat/server/schedule-switch.service.ts).
 */
export class SchedulesService {
  constructor(
    private readonly content: ContentStore,
    private readonly clock: Clock,
  ) {}

  /** Admins see everyone active in the account; operators themselves. */
  list(actor: UserActor): SchedulesView {
    const people = actor.role === 'admin' ? this.content.usersOf(actor.accountId).filter((u) => !u.blocked) : [this.person(actor, actor.userId)];
    return {
      timezone: this.timezoneOf(actor.accountId),
      schedules: people.map((u) => this.view(u)).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  get(actor: UserActor, userId: number): ScheduleView {
    return this.view(this.person(actor, userId));
  }

  /**
   * Gives every one of `userIds` the same hours (none: no schedule, status by hand only). Checked for
   * all before any is written, so a bad id changes nothing.
   */
  async set(actor: UserActor, userIds: readonly number[], intervals: WorkInterval[]): Promise<ScheduleView[]> {
    const people = userIds.map((id) => this.person(actor, id));
    const views: ScheduleView[] = [];
    for (const user of people) {
      await this.write(actor.accountId, user, intervals);
      views.push(this.view(user));
    }
    return views;
  }

  timezoneOf(accountId: string): string {
    return this.content.account(accountId)?.timezone ?? 'UTC';
  }

  /** A person of the actor's account the actor may see and change, or 404 / 403. */
  private person(actor: UserActor, userId: number): UserRecord {
    const user = this.content.user(userId);
    if (!user || user.account !== actor.accountId || user.blocked || !roleOf(user)) throw notFound(`No person ${userId} in this account`);
    if (actor.role !== 'admin' && userId !== actor.userId) throw forbidden('Operators can change only their own schedule');
    return user;
  }

  private view(user: UserRecord): ScheduleView {
    return { userId: user.id, name: nameOf(user), email: user.email, role: roleOf(user) ?? 'operator', intervals: intervalsOf(this.content.scheduleOf(user.id)) };
  }

  /**
   * One record per user: the counting one is updated, leftovers of a race removed. `effectiveFrom`
   * is now: edges already past are not acted on, so saving hours mid-period flips nobody at once.
   */
  private async write(accountId: string, user: UserRecord, intervals: WorkInterval[]): Promise<void> {
    const { client } = this.content;
    const [current, ...leftovers] = this.content.scheduleRecordsOf(user.id);
    if (intervals.length) {
      const data = { intervals, effectiveFrom: new Date(this.clock.now()).toISOString() };
      const saved = current ? await client.schedules.update(current.documentId, data) : await client.schedules.create({ ...data, account: accountId, user: user.documentId });
      // Strapi answers a write with relations unpopulated; we know what we set.
      this.content.upsertLocal('schedules', { ...saved, account: accountId, user: user.documentId });
    } else if (current) {
      leftovers.unshift(current);
    }
    for (const record of leftovers) {
      await client.schedules.remove(record.documentId);
      this.content.removeLocal('schedules', record.documentId);
    }
  }
}
