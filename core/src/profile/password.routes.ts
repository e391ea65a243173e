import { Router } from 'express';
import { z } from 'zod';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import { passwordField } from '../auth/auth.routes.js';
import type { AuthService } from '../auth/auth.service.js';
import type { SessionStore } from '../auth/session-store.js';
import type { ContentStore } from '../content/content-store.js';
import { HttpError, parseOrThrow, unauthorized } from '../http/http-error.js';
import type { RateLimits } from '../http/rate-limit.js';

const passwordBody = z
  .object({
    currentPassword: z.string('Enter your current password').min(1, 'Enter your current password').max(200),
    // The rules of a reset (auth.routes.ts), the 72-byte bcrypt limit among them.
    newPassword: passwordField,
  })
  .strict();

/**
 * POST /api/me/password (A4): a signed-in user changes their password, proving the current one.
 * Every other session ends (their refresh tokens are revoked); this one goes on with the fresh
 * session the answer carries.
 */
export function passwordRoutes(deps: { content: ContentStore; auth: AuthService; sessions: SessionStore; resolver: ActorResolver; limits: RateLimits }): Router {
  const router = Router();
  // Guessing the current password from a stolen session is slowed per user, wherever it comes from.
  const limit = deps.limits.http('password-change', 5, 15 * 60, (req) => String(currentUser(req.res?.locals ?? {}).userId));
  router.post('/me/password', requireActor(deps.resolver, 'user'), limit, async (req, res) => {
    const { currentPassword, newPassword } = parseOrThrow(passwordBody, req.body);
    const user = deps.content.user(currentUser(res.locals).userId);
    if (!user) throw unauthorized();
    if (!(await deps.content.client.verifyPassword(user.email, currentPassword))) {
      throw new HttpError(400, 'wrong_password', 'The current password is wrong', { currentPassword: 'Wrong password' });
    }
    const updated = await deps.content.client.updateUser(user.id, { password: newPassword });
    deps.content.upsertLocal('users', updated);
    await deps.sessions.revokeUser(user.id);
    res.json(await deps.auth.signIn(updated));
  });
  return router;
}
