import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SUPPORT_TOKEN_SECONDS, type AccessTokens } from '../auth/access-token.js';
import type { ContentStore } from '../content/content-store.js';
import { notFound, unauthorized } from '../http/http-error.js';
import type { Clock } from '../kernel/clock.js';
import type { CoreTables } from '../store/core.schema.js';
import type { AccessLogEntry, SupportSession } from './support.contract.js';
import type { AgencyStaff } from './staff.guard.js';

/** What one visit's log keeps of what it opened, at most (a long visit stays one readable row). */
export const MAX_OPENED_PER_VISIT = 100;
/** The access log's page: the newest visits. */
export const ACCESS_LOG_LIMIT = 200;

/**
 * Support visits (issue 15): agency staff open a client's panel read-only, and every visit is
 * written to the client's access log before its token exists, so no visit goes unrecorded.
 * Another agency's client answers as an unknown one (404), as in the rest of the console.
 */
export class SupportVisits {
  /** Per process, what each visit is known to have recorded already: a repeated read writes nothing. */
  private readonly noted = new Map<string, Set<string>>();

  constructor(
    private readonly deps: { db: Kysely<CoreTables>; content: ContentStore; accessTokens: AccessTokens; clock: Clock },
  ) {}

  async start(staff: AgencyStaff, accountId: string): Promise<SupportSession> {
    const { content, db, clock, accessTokens } = this.deps;
    const account = content.account(accountId);
    if (!account || account.agency !== staff.agencyId) throw notFound('No such client of this agency');
    const user = content.user(staff.userId);
    if (!user) throw unauthorized();
    const startedAt = clock.now();
    const expiresAt = startedAt + SUPPORT_TOKEN_SECONDS * 1000;
    const id = randomUUID();
    await db
      .insertInto('core_support_visits')
      .values({
        id,
        account_id: account.documentId,
        agency_id: staff.agencyId,
        agency_name: content.agency(staff.agencyId)?.name ?? '',
        staff_user_id: user.id,
        staff_name: `${user.firstName ?? ''} ${user.lastName ?? ''}`.trim(),
        staff_email: user.email,
        started_at: startedAt,
        expires_at: expiresAt,
      })
      .execute();
    const accessToken = await accessTokens.sign({ acc: account.documentId, role: 'support', agc: staff.agencyId, vis: id }, String(user.id), SUPPORT_TOKEN_SECONDS);
    return { accessToken, expiresAt: new Date(expiresAt).toISOString(), visitId: id, account: { id: account.documentId, name: account.name } };
  }

  /** The account's access log, newest first: its own visits only. */
  async list(accountId: string): Promise<AccessLogEntry[]> {
    const { db } = this.deps;
    const visits = await db.selectFrom('core_support_visits').selectAll().where('account_id', '=', accountId).orderBy('started_at', 'desc').orderBy('id').limit(ACCESS_LOG_LIMIT).execute();
    const opened = visits.length
      ? await db
          .selectFrom('core_support_visit_opened')
          .select(['visit_id', 'what'])
          .where('visit_id', 'in', visits.map((v) => v.id))
          .orderBy('at')
          .execute()
      : [];
    const byVisit = new Map<string, string[]>();
    for (const o of opened) byVisit.set(o.visit_id, [...(byVisit.get(o.visit_id) ?? []), o.what]);
    return visits.map((v) => ({
      id: v.id,
      staff: { name: v.staff_name, email: v.staff_email },
      agency: v.agency_name,
      startedAt: new Date(Number(v.started_at)).toISOString(),
      expiresAt: new Date(Number(v.expires_at)).toISOString(),
      opened: byVisit.get(v.id) ?? [],
    }));
  }

  /**
   * Records that a visit opened something (an API path, a socket read). Best effort and once per
   * visit and thing: the primary key keeps several core processes from writing it twice.
   */
  async noteOpened(visitId: string, what: string): Promise<void> {
    let seen = this.noted.get(visitId);
    if (!seen) {
      this.forgetOld();
      this.noted.set(visitId, (seen = new Set()));
    }
    if (seen.has(what) || seen.size >= MAX_OPENED_PER_VISIT) return;
    seen.add(what);
    await this.deps.db
      .insertInto('core_support_visit_opened')
      .values({ visit_id: visitId, what: what.slice(0, 300), at: this.deps.clock.now() })
      .onConflict((oc) => oc.columns(['visit_id', 'what']).doNothing())
      .execute();
  }

  /** Keeps the per-process memory of visits small: the oldest visits' sets go first. */
  private forgetOld(): void {
    while (this.noted.size >= 1000) {
      const oldest = this.noted.keys().next().value;
      if (oldest === undefined) return;
      this.noted.delete(oldest);
    }
  }
}
