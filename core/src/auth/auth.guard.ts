import type { RequestHandler, Request } from 'express';
import { forbidden, readOnly, unauthorized } from '../http/http-error.js';
import { isSupport, type Actor } from '../kernel/actor.js';
import type { AccessTokens } from './access-token.js';
import type { ActorResolver } from './actor-resolver.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own extension point
  namespace Express {
    interface Locals {
      actor?: Actor;
    }
  }
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

type Who = 'user' | 'admin' | 'any';

/**
 * Express guard: 401 without a valid token, 403 when the role is not enough. A support visit
 * passes where an admin does: it reads what the admin reads, and `readOnlySupport` (before every
 * route) has refused its writes already.
 */
export function requireActor(resolver: ActorResolver, who: Who): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    if (!token) return next(unauthorized('Sign in to continue'));
    const resolve = who === 'any' ? resolver.any(token) : resolver.user(token);
    resolve
      .then((actor) => {
        if (!actor) return next(unauthorized());
        if (who === 'admin' && (actor.kind !== 'user' || actor.role === 'operator')) {
          return next(forbidden('Only an account administrator can do this'));
        }
        res.locals.actor = actor;
        next();
      })
      .catch(next);
  };
}

/**
 * Before every API route: a support visit's token may read (GET, HEAD) and nothing else — one
 * rule here rather than a check per route, so no route (core or plugin) can forget it. What it
 * reads is noted in the client's access log.
 */
export function readOnlySupport(accessTokens: AccessTokens, resolver: ActorResolver, noteRead: (visitId: string, what: string) => void): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) return next();
    accessTokens
      .verify(token)
      .then(async (claims) => {
        if (claims?.role !== 'support') return next();
        if (req.method !== 'GET' && req.method !== 'HEAD') return next(readOnly());
        const actor = await resolver.user(token);
        if (isSupport(actor)) noteRead(actor.visitId, `GET ${req.originalUrl.split('?')[0]}`);
        next();
      })
      .catch(next);
  };
}

/** The signed-in user of a guarded route (the guard ran before). */
export function currentUser(locals: Express.Locals): Extract<Actor, { kind: 'user' }> {
  const actor = locals.actor;
  if (actor?.kind !== 'user') throw unauthorized();
  return actor;
}
