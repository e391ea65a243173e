import { Router } from 'express';
import { z } from 'zod';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import { parseOrThrow } from '../http/http-error.js';
import type { SchedulesService } from './schedules.service.js';
import { workIntervals } from './working-hours.js';

const userId = z.coerce.number('Not a user id').int('Not a user id').positive('Not a user id');
const oneBody = z.object({ intervals: workIntervals }).strict();
const manyBody = z
  .object({
    userIds: z
      .array(z.number().int().positive(), 'A list of user ids')
      .min(1, 'Choose at least one person')
      .max(500, 'At most 500 people at once')
      .transform((ids) => [...new Set(ids)]),
    intervals: workIntervals,
  })
  .strict();

/**
 * /api/schedules (A6): everyone signed in reads what they may see (admins: the account; operators:
 * themselves); admins set hours for anyone, several people at once too; operators their own.
 */
export function schedulesRoutes(schedules: SchedulesService, resolver: ActorResolver): Router {
  const router = Router();
  const signedIn = requireActor(resolver, 'user');
  router.get('/', signedIn, (_req, res) => {
    res.json(schedules.list(currentUser(res.locals)));
  });
  router.put('/', requireActor(resolver, 'admin'), async (req, res) => {
    const { userIds, intervals } = parseOrThrow(manyBody, req.body);
    res.json(await schedules.set(currentUser(res.locals), userIds, intervals));
  });
  router.get('/:userId', signedIn, (req, res) => {
    res.json(schedules.get(currentUser(res.locals), parseOrThrow(userId, req.params.userId)));
  });
  router.put('/:userId', signedIn, async (req, res) => {
    const id = parseOrThrow(userId, req.params.userId);
    const { intervals } = parseOrThrow(oneBody, req.body);
    const [view] = await schedules.set(currentUser(res.locals), [id], intervals);
    res.json(view);
  });
  return router;
}
