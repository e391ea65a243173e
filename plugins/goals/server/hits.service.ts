import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { HttpError, type PluginContext } from '../../../core/src/index.js';
import '../shared/goals.events.js';
import { urlMatches, type GoalHitDto, type GoalHitInput, type GoalsSiteSettings } from '../shared/goals.protocol.js';
import type { GoalsSettingsSpec } from './goals.settings.js';
import type { GoalsTables } from './goals.tables.js';

export type GoalsContext = PluginContext<{ hitsPerMinute: number }, GoalsTables, GoalsSettingsSpec>;

/**
 * A visit is the visitor's activity without a pause of 30 minutes or more — the usual analytics
 * session. Activity is a page load (each opens the `/goals` socket) and a hit. A goal counts once
 * per visit.
 */
export const VISIT_GAP_MS = 30 * 60_000;
/** How many hits of one visitor the panel gets at most (newest first), and since a moment. */
export const HITS_PER_VISITOR = 50;
export const HITS_SINCE_MAX = 1000;

type HitRow = Selectable<GoalsTables['goals_hits']>;

/** G1 on the server: a visitor's hits, checked against the site's goals, stored once per visit. */
export class HitsService {
  constructor(private readonly ctx: GoalsContext) {}

  /** Marks the visitor active now; returns the key of their current visit. */
  async touchVisit({ visitorId, siteId }: { visitorId: string; siteId: string }, now = this.ctx.clock.now()): Promise<string> {
    const cutoff = now - VISIT_GAP_MS;
    // One statement, so two hits racing at a visit's start agree on which visit they are in.
    const row = await this.ctx.db.kysely
      .insertInto('goals_visits')
      .values({ visitor_id: visitorId, site_id: siteId, started_at: now, last_at: now })
      .onConflict((oc) =>
        oc.column('visitor_id').doUpdateSet({
          started_at: sql<number>`CASE WHEN goals_visits.last_at < ${cutoff} THEN ${now} ELSE goals_visits.started_at END`,
          last_at: now,
        }),
      )
      .returning('started_at')
      .executeTakeFirstOrThrow();
    return String(row.started_at);
  }

  /**
   * A hit of `visitor` (site and account from their token). The goal must be one of the site's
   * goals as they are now — another site's id, or a deleted goal's, is refused the same way, so
   * ids of other sites cannot be probed. Answers null when this visit already reached it. The codes
 * are listed with their words in shared/goals-error-codes.ts (a unit test holds them together).
   */
  async hit(visitor: { visitorId: string; siteId: string; accountId: string }, input: GoalHitInput): Promise<GoalHitDto | null> {
    const settings: GoalsSiteSettings = this.ctx.settings.site(visitor.siteId);
    const goal = settings.goals.find((g) => g.id === input.goalId);
    if (!goal) throw new HttpError(404, 'unknown_goal', 'This site has no such goal');
    if (goal.type === 'url' && !urlMatches(goal.match, goal.pattern, input.url)) {
      throw new HttpError(400, 'goal_not_reached', "The page's address does not match the goal");
    }
    const now = this.ctx.clock.now();
    const visitKey = await this.touchVisit(visitor, now);
    return this.ctx.db.transaction(async (trx, after) => {
      const row: HitRow = {
        id: randomUUID(),
        account_id: visitor.accountId,
        site_id: visitor.siteId,
        visitor_id: visitor.visitorId,
        goal_id: goal.id,
        goal_name: goal.name,
        goal_type: goal.type,
        url: input.url,
        props: input.props && Object.keys(input.props).length ? JSON.stringify(input.props) : null,
        visit_key: visitKey,
        reached_at: now,
      };
      const inserted = await trx
        .insertInto('goals_hits')
        .values(row)
        .onConflict((oc) => oc.columns(['visitor_id', 'goal_id', 'visit_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return null;
      const hit = toDto(row);
      // Into the durable log with the hit itself: statistics and webhooks must not miss one.
      after.record('goals.goal.reached', { accountId: visitor.accountId, hit });
      return hit;
    });
  }

  /** The account's hits of these visitors, newest first, at most HITS_PER_VISITOR each. */
  async ofVisitors(accountId: string, visitorIds: readonly string[]): Promise<GoalHitDto[]> {
    const lists = await Promise.all(visitorIds.map((visitorId) => this.newest(accountId).where('visitor_id', '=', visitorId).limit(HITS_PER_VISITOR).execute()));
    return lists
      .flat()
      .sort((a, b) => b.reached_at - a.reached_at)
      .map(toDto);
  }

  /** The account's hits since `since` (ms), newest first, at most HITS_SINCE_MAX. */
  async since(accountId: string, since: number): Promise<GoalHitDto[]> {
    const rows = await this.newest(accountId).where('reached_at', '>=', since).limit(HITS_SINCE_MAX).execute();
    return rows.map(toDto);
  }

  /** A deleted site's hits and visits go with it (`core.site.deleted`). */
  async removeSite(siteId: string): Promise<void> {
    await this.ctx.db.transaction(async (trx) => {
      await trx.deleteFrom('goals_hits').where('site_id', '=', siteId).execute();
      await trx.deleteFrom('goals_visits').where('site_id', '=', siteId).execute();
    });
  }

  /** The account's hits, newest first (both of the panel's reads narrow it further). */
  private newest(accountId: string) {
    return this.ctx.db.kysely.selectFrom('goals_hits').selectAll().where('account_id', '=', accountId).orderBy('reached_at', 'desc').orderBy('id');
  }
}

function toDto(row: HitRow): GoalHitDto {
  return {
    id: row.id,
    goalId: row.goal_id,
    goalName: row.goal_name,
    goalType: row.goal_type as GoalHitDto['goalType'],
    siteId: row.site_id,
    visitorId: row.visitor_id,
    url: row.url,
    props: row.props ? (JSON.parse(row.props) as GoalHitDto['props']) : null,
    at: new Date(Number(row.reached_at)).toISOString(),
  };
}
