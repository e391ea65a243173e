import { Router } from 'express';
import { z } from 'zod';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import { parseOrThrow } from '../http/http-error.js';
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

/** /api/departments: every user of the account reads them (transfer, routing); admins change them. */
export function departmentsRoutes(departments: DepartmentsService, resolver: ActorResolver): Router {
  const router = Router();
  const admin = requireActor(resolver, 'admin');
  router.get('/', requireActor(resolver, 'user'), (_req, res) => {
    res.json(departments.list(currentUser(res.locals).accountId));
  });
  router.post('/', admin, async (req, res) => {
    res.status(201).json(await departments.create(currentUser(res.locals).accountId, parseOrThrow(createBody, req.body)));
  });
  router.patch('/:id', admin, async (req, res) => {
    const id = parseOrThrow(idParam, req.params.id);
    res.json(await departments.update(currentUser(res.locals).accountId, id, parseOrThrow(updateBody, req.body)));
  });
  router.delete('/:id', admin, async (req, res) => {
    await departments.remove(currentUser(res.locals).accountId, parseOrThrow(idParam, req.params.id));
    res.status(204).end();
  });
  return router;
}
