import type { Cluster, Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type {
  AttemptCounter,
  RateLimitDecision,
  RateLimiter,
  RateLimiters,
  RateLimitKind,
} from '../../ports/rate-limiter';

export interface RateLimitBudgets {
  publicPerMinute: number;
  authPerMinute: number;
  adminPerMinute: number;
  /** Shared counters across API processes when Redis (single node or cluster) is configured; in memory otherwise. */
  redis?: Redis | Cluster;
  /** Start of every counter's key in Redis (REDIS_PREFIX without its hash-tag braces, so keys spread over a cluster). */
  redisKeyPrefix?: string;
}

/** A fixed-window counter: in Redis (shared by API processes) when configured, else in memory. */
function counter(opts: Pick<RateLimitBudgets, 'redis' | 'redisKeyPrefix'>, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  return opts.redis
    ? new RateLimiterRedis({
        storeClient: opts.redis,
        keyPrefix: `rl:${opts.redisKeyPrefix ?? ''}${keyPrefix}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      })
    : new RateLimiterMemory({ keyPrefix, points, duration });
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
  const make = (keyPrefix: RateLimitKind, points: number) => limiter(counter(opts, keyPrefix, points, 60));
  return {
    public: make('public', opts.publicPerMinute),
    auth: make('auth', opts.authPerMinute),
    admin: make('admin', opts.adminPerMinute),
  };
}

/** Failed logins per account (LOGIN_FAILURES_PER_ACCOUNT) in a fixed window that is never extended. */
export function flexibleLoginFailures(opts: {
  failuresPerAccount: number;
  windowSeconds: number;
  redis?: Redis | Cluster;
  redisKeyPrefix?: string;
}): AttemptCounter {
  const impl = counter(opts, 'login-account', opts.failuresPerAccount, opts.windowSeconds);
  return {
    ...limiter(impl),
    refund: async (subject) => {
      await impl.reward(subject, 1);
    },
    clear: async (subject) => {
      await impl.delete(subject);
    },
  };
}
