import type { RequestHandler, Request } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from './http-error.js';

/**
 * An Express guard over rate-limiter-flexible: `points` requests per `seconds` for each key the
 * request yields (e.g. IP, or IP + e-mail). Past the budget: 429 with Retry-After.
 */
export function rateLimit(points: number, seconds: number, keyOf: (req: Request) => string): RequestHandler {
  const limiter = new RateLimiterMemory({ points, duration: seconds });
  return (req, res, next) => {
    limiter
      .consume(keyOf(req))
      .then(() => next())
      .catch((rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) return next(rejection);
        const retryAfter = Math.ceil(rejection.msBeforeNext / 1000);
        res.setHeader('Retry-After', String(retryAfter));
        next(new HttpError(429, 'rate_limited', `Too many attempts; try again in ${retryAfter} s`));
      });
  };
}

export const byIp = (req: Request) => req.ip ?? 'unknown';
