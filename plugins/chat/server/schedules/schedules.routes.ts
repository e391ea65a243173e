import { z } from 'zod';
import { parseOrThrow, workIntervals } from '../../../../core/src/index.js';
import type { ChatContext } from '../chat.db.js';
import { panelAdmin, panelUser } from '../panel-user.js';
import type { SchedulesService } from './schedules.service.js';

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
 * /api/chat/schedules (A6): everyone signed in reads what they may see (admins: the account;
 * operators: themselves); admins set hours for anyone, several people at once too; operators their own.
 */
export function registerScheduleRoutes(ctx: ChatContext, schedules: SchedulesService): void {
  const { router } = ctx.http;
  router.get('/schedules', (_req, res) => {
    res.json(schedules.list(panelUser(res.locals)));
  });
  router.put('/schedules', async (req, res) => {
    const admin = panelAdmin(res.locals);
    const { userIds, intervals } = parseOrThrow(manyBody, req.body);
    res.json(await schedules.set(admin, userIds, intervals));
  });
  router.get('/schedules/:userId', (req, res) => {
    const user = panelUser(res.locals);
    res.json(schedules.get(user, parseOrThrow(userId, req.params.userId)));
  });
  router.put('/schedules/:userId', async (req, res) => {
    const user = panelUser(res.locals);
    const id = parseOrThrow(userId, req.params.userId);
    const { intervals } = parseOrThrow(oneBody, req.body);
    const [view] = await schedules.set(user, [id], intervals);
    res.json(view);
  });
}
