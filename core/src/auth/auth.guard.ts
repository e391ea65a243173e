import type { RequestHandler, Request } from 'express';
import { forbidden, unauthorized } from '../http/http-error.js';
import type { Actor } from '../kernel/actor.js';
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

/** Express guard: 401 without a valid token, 403 when the role is not enough. */
export function requireActor(resolver: ActorResolver, who: Who): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    if (!token) return next(unauthorized('Sign in to continue'));
    const resolve = who === 'any' ? resolver.any(token) : resolver.user(token);
    resolve
      .then((actor) => {
        if (!actor) return next(unauthorized());
        if (who === 'admin' && (actor.kind !== 'user' || actor.role !== 'admin')) {
          return next(forbidden('Only an account administrator can do this'));
        }
        res.locals.actor = actor;
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
