import { Router } from 'express';
import type { AccessTokens } from '../auth/access-token.js';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import type { ContentStore } from '../content/content-store.js';
import { forbidden, parseOrThrow } from '../http/http-error.js';
import { clientId } from './clients.routes.js';
import { currentStaff, requireStaff } from './staff.guard.js';
import type { AccessLog } from './support.contract.js';
import type { SupportVisits } from './support.service.js';

/** /api/agency/clients/:id/support (agency staff only): a read-only visit to a client's panel. */
export function supportRoutes(visits: SupportVisits, accessTokens: AccessTokens, content: ContentStore): Router {
  const router = Router();
  router.post('/clients/:id/support', requireStaff(accessTokens, content), async (req, res) => {
    res.status(201).json(await visits.start(currentStaff(res.locals), parseOrThrow(clientId, req.params.id)));
  });
  return router;
}

/**
 * /api/account/audit: the account's access log, for its admins only. Not for operators, and not
 * for a support visit either, which otherwise reads what an admin reads: the log is the client's
 * own record of the agency's visits.
 */
export function accessLogRoutes(visits: SupportVisits, resolver: ActorResolver, content: ContentStore): Router {
  const router = Router();
  router.get('/audit', requireActor(resolver, 'admin'), async (_req, res) => {
    const user = currentUser(res.locals);
    if (user.role !== 'admin') throw forbidden('Only an account administrator can do this');
    const log: AccessLog = { timeZone: content.account(user.accountId)?.timezone || 'UTC', visits: await visits.list(user.accountId) };
    res.json(log);
  });
  return router;
}
