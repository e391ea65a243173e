import { z } from 'zod';
import { parseOrThrow } from '../../../../core/src/index.js';
import type { ChatContext } from '../chat.db.js';
import { panelAdmin, panelUser } from '../panel-user.js';
import type { DepartmentsService } from './departments.service.js';

const name = z.string().trim().min(1, 'Enter a name for the department').max(100, 'At most 100 characters');
const memberIds = z
  .array(z.number().int().positive(), 'A list of user ids')
  .max(1000, 'At most 1000 members')
  .transform((ids) => [...new Set(ids)]);
const createBody = z.object({ name, memberIds: memberIds.default([]) });
const updateBody = z
  .object({ name: name.optional(), memberIds: memberIds.optional() })
  .refine((b) => b.name !== undefined || b.memberIds !== undefined, 'Give a name or memberIds to change');
// Strapi documentIds: letters and digits.
const idParam = z.string().regex(/^[a-z0-9]{1,64}$/i, 'Not a department id');

/** /api/chat/departments: every user of the account reads them (transfer, routing); admins change them. */
export function registerDepartmentRoutes(ctx: ChatContext, departments: DepartmentsService): void {
  const { router } = ctx.http;
  router.get('/departments', (_req, res) => {
    res.json(departments.list(panelUser(res.locals).accountId));
  });
  router.post('/departments', async (req, res) => {
    const { accountId } = panelAdmin(res.locals);
    res.status(201).json(await departments.create(accountId, parseOrThrow(createBody, req.body)));
  });
  router.patch('/departments/:id', async (req, res) => {
    const { accountId } = panelAdmin(res.locals);
    res.json(await departments.update(accountId, parseOrThrow(idParam, req.params.id), parseOrThrow(updateBody, req.body)));
  });
  router.delete('/departments/:id', async (req, res) => {
    const { accountId } = panelAdmin(res.locals);
    await departments.remove(accountId, parseOrThrow(idParam, req.params.id));
    res.status(204).end();
  });
}
