import { Router } from 'express';
import { z } from 'zod';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import { emailField, passwordField } from '../auth/auth.routes.js';
import { parseOrThrow } from '../http/http-error.js';
import { byIp, type RateLimits } from '../http/rate-limit.js';
import type { TeamService } from './team.service.js';

const nameField = z.string().trim().max(100, 'At most 100 characters');
const inviteBody = z.object({
  email: emailField,
  firstName: nameField.optional(),
  lastName: nameField.optional(),
  role: z.enum(['operator', 'admin']).default('operator'),
});
const acceptBody = z.object({
  token: z.string().min(10).max(200),
  password: passwordField,
  firstName: nameField.min(1, 'Enter your first name'),
  lastName: nameField,
});
const idParam = z.coerce.number().int().positive();
const roleBody = z.object({ role: z.enum(['operator', 'admin'], 'The role is operator or admin') }).strict();

/** /api/team (admins only). */
export function teamRoutes(team: TeamService, resolver: ActorResolver): Router {
  const router = Router();
  router.use(requireActor(resolver, 'admin'));
  router.get('/', (_req, res) => {
    res.json(team.list(currentUser(res.locals).accountId));
  });
  router.post('/invitations', async (req, res) => {
    const me = currentUser(res.locals);
    res.status(201).json(await team.invite(me.accountId, parseOrThrow(inviteBody, req.body)));
  });
  router.patch('/:id', async (req, res) => {
    const me = currentUser(res.locals);
    const { role } = parseOrThrow(roleBody, req.body);
    res.json(await team.changeRole(me.accountId, parseOrThrow(idParam, req.params.id), role));
  });
  router.post('/:id/reconnect', async (req, res) => {
    const me = currentUser(res.locals);
    res.json(await team.reconnect(me.accountId, parseOrThrow(idParam, req.params.id)));
  });
  router.post('/:id/disconnect', async (req, res) => {
    const me = currentUser(res.locals);
    await team.disconnect(me.accountId, me.userId, parseOrThrow(idParam, req.params.id));
    res.status(204).end();
  });
  return router;
}

/** The invitee's side, under /api/auth: no session yet, the link's token is the proof. */
export function invitationRoutes(team: TeamService, limits: RateLimits): Router {
  const router = Router();
  const limit = limits.http('invitation', 30, 15 * 60, byIp);
  router.get('/invitations/:token', limit, async (req, res) => {
    res.json(await team.invitation(parseOrThrow(z.string().min(10).max(200), req.params.token)));
  });
  router.post('/accept-invitation', limit, async (req, res) => {
    const { token, password, firstName, lastName } = parseOrThrow(acceptBody, req.body);
    res.json(await team.accept(token, password, firstName, lastName));
  });
  return router;
}
