import type { RequestHandler } from 'express';
import type { AccessTokens } from '../auth/access-token.js';
import { bearerToken } from '../auth/auth.guard.js';
import type { ContentStore } from '../content/content-store.js';
import { forbidden, unauthorized } from '../http/http-error.js';
import { isAgencyStaff } from './staff.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own extension point
  namespace Express {
    interface Locals {
      staff?: AgencyStaff;
    }
  }
}

export interface AgencyStaff {
  userId: number;
  agencyId: string;
}

/**
 * Agency routes: 401 without a valid token, 403 for a signed-in account user (an account admin is
 * no agency staff). The user is re-checked in the content cache, as ActorResolver does for account
 * users: a blocked member or one moved to another agency is refused while their token lives.
 */
export function requireStaff(accessTokens: AccessTokens, content: ContentStore): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    if (!token) return next(unauthorized('Sign in to continue'));
    accessTokens
      .verify(token)
      .then((claims) => {
        const user = claims && content.user(Number(claims.sub));
        if (!claims || !user || user.blocked) return next(unauthorized());
        if (claims.role !== 'agency') return next(forbidden('Only agency staff can do this'));
        if (!isAgencyStaff(user) || user.agency !== claims.agc) return next(unauthorized());
        res.locals.staff = { userId: user.id, agencyId: user.agency };
        next();
      })
      .catch(next);
  };
}

/**
 * The user's own routes (/api/me) serve agency staff too: a staff member's token passes here, any
 * other goes on to `otherwise` (the account users' guard).
 */
export function staffOr(accessTokens: AccessTokens, content: ContentStore, otherwise: RequestHandler): RequestHandler {
  const staff = requireStaff(accessTokens, content);
  return (req, res, next) => {
    const token = bearerToken(req);
    const fallback = () => otherwise(req, res, next);
    if (!token) return fallback();
    accessTokens
      .verify(token)
      .then((claims) => (claims?.role === 'agency' ? staff(req, res, next) : fallback()))
      .catch(next);
  };
}

/** The agency staff member of a guarded route (the guard ran before). */
export function currentStaff(locals: Express.Locals): AgencyStaff {
  if (!locals.staff) throw unauthorized();
  return locals.staff;
}
