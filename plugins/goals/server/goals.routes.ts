import { z } from 'zod';
import { HttpError, parseOrThrow } from '../../../core/src/index.js';
import type { GoalsContext, HitsService } from './hits.service.js';

const VISITORS_PER_REQUEST = 100;

/** `?visitorIds=a,b` (the visitors list, the card) or `?since=<ISO>` (what the panel missed). */
const hitsQuery = z.union([
  z.strictObject({
    visitorIds: z
      .string()
      .max(VISITORS_PER_REQUEST * 40)
      .transform((v) => [...new Set(v.split(',').filter(Boolean))])
      .pipe(z.array(z.string().max(36)).min(1, 'Name at least one visitor').max(VISITORS_PER_REQUEST, `At most ${VISITORS_PER_REQUEST} visitors`)),
  }),
  z.strictObject({ since: z.iso.datetime({ offset: true, error: 'since is a moment in ISO 8601, e.g. 2026-12-03T10:00:00Z' }) }),
]);

/** GET /api/goals/hits (goals.protocol.ts): operators and admins, their own account's hits only. */
export function registerGoalsRoutes(ctx: GoalsContext, hits: HitsService): void {
  ctx.http.router.get('/hits', async (req, res) => {
    const actor = res.locals.actor!;
    if (actor.kind !== 'user') throw new HttpError(403, 'forbidden', 'For the panel only');
    const query = parseOrThrow(hitsQuery, req.query);
    res.json({ hits: 'since' in query ? await hits.since(actor.accountId, Date.parse(query.since)) : await hits.ofVisitors(actor.accountId, query.visitorIds) });
  });
}
