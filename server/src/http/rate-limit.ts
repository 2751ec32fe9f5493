import type { RequestHandler } from 'express';
import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '../app/principal';
import { routeMeta } from './authorize';
import { clientIp } from './context';
import { sendError } from './error-mapper';

export interface RateLimitOptions {
  publicPerMinute: number;
  authPerMinute: number;
  adminPerMinute: number;
  /** Shared counters across API processes when Redis (single node or cluster) is configured. */
  redis?: Redis | Cluster;
  /** Start of every counter's key in Redis (REDIS_PREFIX without its hash-tag braces, so keys spread over a cluster). */
  redisKeyPrefix?: string;
}

/** Per IP on public and auth routes, per API key / user on admin routes. */
export function rateLimits(opts: RateLimitOptions): RequestHandler {
  const make = (keyPrefix: string, points: number): RateLimiterAbstract =>
    opts.redis
      ? new RateLimiterRedis({ storeClient: opts.redis, keyPrefix: `${opts.redisKeyPrefix ?? ''}rl:${keyPrefix}`, points, duration: 60, insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }) })
      : new RateLimiterMemory({ keyPrefix, points, duration: 60 });
  const limiters = {
    public: make('public', opts.publicPerMinute),
    auth: make('auth', opts.authPerMinute),
    admin: make('admin', opts.adminPerMinute),
  };
  return async (req, res, next) => {
    const meta = routeMeta(req);
    const p = res.locals.principal as Principal | undefined;
    const kind = meta.rateLimit ?? (p ? 'admin' : meta.auth === 'none' && req.path.startsWith('/health') ? null : 'public');
    if (!kind) return next();
    const subject = kind === 'admin' && p ? (p.kind === 'api_key' ? `key:${p.keyId}` : `user:${p.userId}`) : `ip:${clientIp(req)}`;
    const limiter = limiters[kind];
    try {
      const r = await limiter.consume(subject);
      res.setHeader('RateLimit-Limit', String(limiter.points));
      res.setHeader('RateLimit-Remaining', String(r.remainingPoints));
      next();
    } catch (r) {
      if (r instanceof RateLimiterRes) {
        const retry = Math.max(1, Math.ceil(r.msBeforeNext / 1000));
        res.setHeader('Retry-After', String(retry));
        res.setHeader('RateLimit-Limit', String(limiter.points));
        res.setHeader('RateLimit-Remaining', '0');
        return sendError(res, 'rate_limited', `Too many requests; retry in ${retry} s`, { retryAfterSeconds: retry });
      }
      next(r);
    }
  };
}
