import { Router } from 'express';
import { z } from 'zod';
import { staffOr } from '../agency/staff.guard.js';
import type { ContentStore } from '../content/content-store.js';
import type { AccessTokens } from './access-token.js';
import { parseOrThrow, unauthorized } from '../http/http-error.js';
import type { EventBus } from '../kernel/event-bus.js';
import type { PluginResolution } from '../kernel/plugin-enablement.js';
import type { ActorResolver } from './actor-resolver.js';
import { currentUser, requireActor } from './auth.guard.js';
import { isSupport } from '../kernel/actor.js';
import { toSupportView, toUserView } from './user-view.js';

const PHONE_DIGITS = { min: 5, max: 15 };

/** A4 and A8: what a user changes of themselves. Omitted fields stay as they are. */
export const profileBody = z
  .object({
    locale: z.enum(['ru', 'en'], 'The panel language is ru or en'),
    firstName: z.string('Enter your first name').trim().min(1, 'Enter your first name').max(100, 'At most 100 characters'),
    lastName: z.string('The surname is text').trim().max(100, 'At most 100 characters'),
    phone: z
      .string('The phone is text')
      .trim()
      .max(40, 'At most 40 characters')
      .regex(/^[+\d\s()-]*$/, 'Digits, spaces, +, ( ) and - only')
      // E.164 allows at most 15 digits; fewer than 5 is no reachable number anywhere.
      .refine((v) => {
        const digits = v.replace(/\D/g, '').length;
        return v === '' || (digits >= PHONE_DIGITS.min && digits <= PHONE_DIGITS.max);
      }, `A phone number has ${PHONE_DIGITS.min} to ${PHONE_DIGITS.max} digits`),
  })
  .partial()
  .strict();

interface MeDeps {
  content: ContentStore;
  resolver: ActorResolver;
  accessTokens: AccessTokens;
  plugins: PluginResolution;
  bus: EventBus;
  publicUrl: string;
}

/**
 * /api/me (alias /api/me/profile, A4) and /api/plugins: the signed-in user's own profile and what
 * their account has. The avatar has its own routes (profile/avatars.routes.ts).
 */
export function meRoutes({ content, resolver, accessTokens, plugins, bus, publicUrl }: MeDeps): Router {
  const router = Router();
  // Guards per route: this router sits at /api itself, so a router-wide guard would also stand
  // in front of every plugin route mounted after it.
  const signedIn = requireActor(resolver, 'user');
  // Agency staff have a profile and a panel language too (their console's top bar).
  const self = staffOr(accessTokens, content, signedIn);
  const me = (locals: Express.Locals) => {
    const user = content.user(locals.staff?.userId ?? currentUser(locals).userId);
    if (!user) throw unauthorized();
    return user;
  };
  router.get(['/me', '/me/profile'], self, (_req, res) => {
    const actor = res.locals.actor;
    res.json(isSupport(actor) ? toSupportView(actor, me(res.locals), content, publicUrl) : toUserView(me(res.locals), content, publicUrl));
  });
  router.patch(['/me', '/me/profile'], self, async (req, res) => {
    const { locale, ...names } = parseOrThrow(profileBody, req.body);
    const user = me(res.locals);
    const updated = await content.client.updateUser(user.id, { ...names, ...(locale && { panelLocale: locale }) });
    content.upsertLocal('users', updated);
    // Visitors see operators by name: open widgets are told.
    if (Object.keys(names).length && !res.locals.staff) bus.publish('core.user.updated', { accountId: currentUser(res.locals).accountId, userId: user.id });
    res.json(toUserView(updated, content, publicUrl));
  });
  router.get('/plugins', signedIn, (_req, res) => {
    res.json(plugins.enabledFor(currentUser(res.locals).accountId).map(({ id, title }) => ({ id, title })));
  });
  return router;
}
