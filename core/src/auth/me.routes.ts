import { Router } from 'express';
import { z } from 'zod';
import type { ContentStore } from '../content/content-store.js';
import { parseOrThrow, unauthorized } from '../http/http-error.js';
import type { PluginResolution } from '../kernel/plugin-enablement.js';
import type { ActorResolver } from './actor-resolver.js';
import { currentUser, requireActor } from './auth.guard.js';
import { toUserView } from './user-view.js';

const meBody = z
  .object({
    locale: z.enum(['ru', 'en']),
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().max(100),
    phone: z.string().trim().max(40).regex(/^[+\d\s()-]*$/, 'Digits, spaces, +, ( ) and - only'),
  })
  .partial()
  .strict();

/** /api/me and /api/plugins: the signed-in user's own profile and what their account has. */
export function meRoutes(content: ContentStore, resolver: ActorResolver, plugins: PluginResolution): Router {
  const router = Router();
  // Guards per route: this router sits at /api itself, so a router-wide guard would also stand
  // in front of every plugin route mounted after it.
  const signedIn = requireActor(resolver, 'user');
  const me = (locals: Express.Locals) => {
    const user = content.user(currentUser(locals).userId);
    if (!user) throw unauthorized();
    return user;
  };
  router.get('/me', signedIn, (_req, res) => {
    res.json(toUserView(me(res.locals), content));
  });
  router.patch('/me', signedIn, async (req, res) => {
    const { locale, ...names } = parseOrThrow(meBody, req.body);
    const updated = await content.client.updateUser(me(res.locals).id, { ...names, ...(locale && { panelLocale: locale }) });
    content.upsertLocal('users', updated);
    res.json(toUserView(updated, content));
  });
  router.get('/plugins', signedIn, (_req, res) => {
    res.json(plugins.enabledFor(currentUser(res.locals).accountId).map(({ id, title }) => ({ id, title })));
  });
  return router;
}
