import { Router } from 'express';
import { z } from 'zod';
import type { ActorResolver } from '../auth/actor-resolver.js';
import { currentUser, requireActor } from '../auth/auth.guard.js';
import { toUserView } from '../auth/user-view.js';
import type { ContentStore } from '../content/content-store.js';
import { notFound } from '../http/http-error.js';
import { byIp, type RateLimits } from '../http/rate-limit.js';
import { receiveAvatar } from './avatar-upload.js';
import { AVATARS_ROUTE } from './avatar-url.js';
import type { AvatarsService } from './avatars.service.js';

/** The address names the file itself: what is served there never changes. */
const CACHE_SECONDS = 365 * 24 * 3600;
const fileParams = z.object({ userId: z.coerce.number().int().positive(), fileId: z.string().regex(/^[a-z0-9]{1,64}$/i) });

interface AvatarsDeps {
  avatars: AvatarsService;
  content: ContentStore;
  resolver: ActorResolver;
  limits: RateLimits;
  publicUrl: string;
}

/**
 * A4 over HTTP, at /api: the signed-in user replaces (POST, multipart field `file`) or removes
 * (DELETE) their avatar at /me/avatar, answered with their profile; anyone — visitors' widgets —
 * fetches it at /public/avatars/:userId/:fileId.
 */
export function avatarsRoutes({ avatars, content, resolver, limits, publicUrl }: AvatarsDeps): Router {
  const router = Router();
  const signedIn = requireActor(resolver, 'user');
  const uploads = limits.http('avatar-uploads', 30, 15 * 60, byIp);

  router.post('/me/avatar', signedIn, uploads, receiveAvatar, async (req, res) => {
    const me = currentUser(res.locals);
    res.json(toUserView(await avatars.replace(me.userId, me.accountId, req.file!.buffer), content, publicUrl));
  });
  router.delete('/me/avatar', signedIn, async (_req, res) => {
    const me = currentUser(res.locals);
    res.json(toUserView(await avatars.remove(me.userId, me.accountId), content, publicUrl));
  });

  router.get(`${AVATARS_ROUTE}/:userId/:fileId`, async (req, res) => {
    const params = fileParams.safeParse(req.params);
    const file = params.success ? await avatars.file(params.data.userId, params.data.fileId) : undefined;
    if (!file) throw notFound('No such avatar');
    res.setHeader('Content-Type', file.mime);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', `public, max-age=${CACHE_SECONDS}, immutable`);
    res.send(file.bytes);
  });
  return router;
}
