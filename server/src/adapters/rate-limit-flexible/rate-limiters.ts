import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type {
  RateLimitDecision,
  RateLimiter,
  RateLimiters,
  RateLimitKind,
} from '../../ports/rate-limiter';

export interface RateLimitBudgets {
  publicPerMinute: number;
  authPerMinute: number;
  adminPerMinute: number;
  /** Shared counters across API processes when Redis is configured; in memory otherwise. */
  redis?: Redis;
}

function limiter(impl: RateLimiterAbstract): RateLimiter {
  return {
    async consume(subject): Promise<RateLimitDecision> {
      try {
        const r = await impl.consume(subject);
        return { allowed: true, limit: impl.points, remaining: r.remainingPoints };
      } catch (r) {
        // rate-limiter-flexible rejects with a RateLimiterRes when the budget is spent, and with
        // an Error when the store fails (the Redis limiter then falls back to its insurance).
        if (r instanceof RateLimiterRes)
          return { allowed: false, limit: impl.points, retryAfterMs: r.msBeforeNext };
        throw r;
      }
    },
  };
}

export function flexibleRateLimiters(opts: RateLimitBudgets): RateLimiters {
  const make = (keyPrefix: RateLimitKind, points: number) =>
    limiter(
      opts.redis
        ? new RateLimiterRedis({
            storeClient: opts.redis,
            keyPrefix: `rl:${keyPrefix}`,
            points,
            duration: 60,
            insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
          })
        : new RateLimiterMemory({ keyPrefix, points, duration: 60 }),
    );
  return {
    public: make('public', opts.publicPerMinute),
    auth: make('auth', opts.authPerMinute),
    admin: make('admin', opts.adminPerMinute),
  };
}
