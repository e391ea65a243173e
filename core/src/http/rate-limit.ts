import type { RequestHandler, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { HttpError } from './http-error.js';

/**
 * Makes the core's rate limiters (rate-limiter-flexible). On one process they count in memory;
 * with Redis (REDIS_URL) every core process counts in the same Redis keys, so a budget holds
 * however a load balancer spreads the requests — and while Redis is away each process falls back
 * to its own in-memory count rather than refusing or waving everything through.
 */
export class RateLimits {
  private readonly names = new Set<string>();

  constructor(private readonly redis?: Redis) {}

  /**
   * `points` per `seconds` for each key. `name` keeps the Redis keys of different limiters apart
   * (the same IP must not spend the login budget by opening widgets); it must be unique.
   */
  limiter(name: string, points: number, seconds: number): RateLimiterAbstract {
    if (this.names.has(name)) throw new Error(`Rate limiter "${name}" is created twice`);
    this.names.add(name);
    const memory = new RateLimiterMemory({ points, duration: seconds });
    if (!this.redis) return memory;
    return new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `callpy:rl:${name}`, points, duration: seconds, insuranceLimiter: memory });
  }

  /** An Express guard: past the budget of the request's key, 429 with Retry-After. */
  http(name: string, points: number, seconds: number, keyOf: (req: Request) => string): RequestHandler {
    const limiter = this.limiter(name, points, seconds);
    return (req, res, next) => {
      limiter
        .consume(keyOf(req))
        .then(() => next())
        .catch((rejection: unknown) => {
          if (!(rejection instanceof RateLimiterRes)) return next(rejection);
          res.setHeader('Retry-After', String(retryAfterSeconds(rejection)));
          next(tooManyAttempts(rejection));
        });
    };
  }

  /**
   * A budget of failures rather than of requests: `check` refuses (429) once `points` failures of
   * a key were counted by `fail` within `seconds`; successes cost nothing. For a target that many
   * addresses may aim at (one account's password), so a user who signs in rightly is not locked out
   * by their own successful sign-ins, only by a flood of wrong guesses.
   */
  failures(name: string, points: number, seconds: number): FailureBudget {
    const limiter = this.limiter(name, points, seconds);
    return {
      async check(key, res) {
        const spent = await limiter.get(key);
        if (!spent || spent.remainingPoints > 0) return;
        res.setHeader('Retry-After', String(retryAfterSeconds(spent)));
        throw tooManyAttempts(spent);
      },
      async fail(key) {
        await limiter.consume(key).catch((rejection: unknown) => {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
        });
      },
    };
  }
}

/** Spends one point of `key`; past the budget, the 429 `rate_limited` (a limiter's own failure is passed on). */
export async function consumeOrThrow(limiter: RateLimiterAbstract, key: string): Promise<void> {
  await limiter.consume(key).catch((rejection: unknown) => {
    throw rejection instanceof RateLimiterRes ? tooManyAttempts(rejection) : rejection;
  });
}

/** A plugin's view of the limits (`ctx.rateLimits`): its limiter names carry its id, so plugins cannot collide. */
export function scopedRateLimits(limits: RateLimits, pluginId: string) {
  const scoped = (name: string) => `plugin-${pluginId}-${name}`;
  return {
    limiter: (name: string, points: number, seconds: number) => limits.limiter(scoped(name), points, seconds),
    http: (name: string, points: number, seconds: number, keyOf: (req: Request) => string) => limits.http(scoped(name), points, seconds, keyOf),
    consume: consumeOrThrow,
  };
}

export interface FailureBudget {
  /** Throws a 429 (and sets Retry-After on `res`) when the key's failures are used up. */
  check(key: string, res: Response): Promise<void>;
  /** Counts one failure of the key. */
  fail(key: string): Promise<void>;
}

const retryAfterSeconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
const tooManyAttempts = (res: RateLimiterRes) => new HttpError(429, 'rate_limited', `Too many attempts; try again in ${retryAfterSeconds(res)} s`);

export const byIp = (req: Request) => req.ip ?? 'unknown';
