import { forbidden, notFound, roleOf, type Actor, type UserRecord, type UserRole, type WorkInterval, type WritableContentType } from '../../../../core/src/index.js';
import type { ChatContext } from '../chat.db.js';
import { SCHEDULE_TYPE, type ScheduleRecord } from './schedule.record.js';
import { intervalsOf, type SchedulesDirectory } from './schedules.directory.js';

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

const nameOf = (u: UserRecord) => [u.firstName, u.lastName].filter(Boolean).join(' ').trim() || u.email;

/**
 * Operators' working hours (A6): the chat's content in the CMS, written through the core so the rules
 * hold whoever calls — an admin sets anyone's hours in the account, an operator only their own.
 * The status switching at the edges is schedule-switch.service.ts.
 */
export class SchedulesService {
  private readonly records: WritableContentType<ScheduleRecord>;

  constructor(
    private readonly ctx: ChatContext,
    private readonly directory: SchedulesDirectory,
  ) {
    this.records = ctx.content.writable<ScheduleRecord>(SCHEDULE_TYPE);
  }

  /** Admins see everyone active in the account; operators themselves. */
  list(actor: UserActor): SchedulesView {
    const people = actor.role === 'admin' ? this.ctx.content.usersOf(actor.accountId).filter((u) => !u.blocked) : [this.person(actor, actor.userId)];
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
    return this.ctx.content.account(accountId)?.timezone ?? 'UTC';
  }

  /** A person of the actor's account the actor may see and change, or 404 / 403. */
  private person(actor: UserActor, userId: number): UserRecord {
    const user = this.ctx.content.user(userId);
    if (!user || user.account !== actor.accountId || user.blocked || !roleOf(user)) throw notFound(`No person ${userId} in this account`);
    if (actor.role !== 'admin' && userId !== actor.userId) throw forbidden('Operators can change only their own schedule');
    return user;
  }

  private view(user: UserRecord): ScheduleView {
    return { userId: user.id, name: nameOf(user), email: user.email, role: roleOf(user) ?? 'operator', intervals: intervalsOf(this.directory.of(user.id)) };
  }

  /**
   * One record per user: the counting one is updated, leftovers of a race removed. `effectiveFrom`
   * is now: edges already past are not acted on, so saving hours mid-period flips nobody at once.
   */
  private async write(accountId: string, user: UserRecord, intervals: WorkInterval[]): Promise<void> {
    const [current, ...leftovers] = this.directory.recordsOf(user.id);
    if (intervals.length) {
      const data = { intervals, effectiveFrom: new Date(this.ctx.clock.now()).toISOString() };
      if (current) await this.records.update(current.documentId, data);
      else await this.records.create({ ...data, account: accountId, user: user.documentId });
    } else if (current) {
      leftovers.unshift(current);
    }
    for (const record of leftovers) await this.records.remove(record.documentId);
  }
}
