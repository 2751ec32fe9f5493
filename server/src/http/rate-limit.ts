import { contract } from '@slotwise/contracts';
import type { AppRoute } from '@ts-rest/core';
import type { Request, RequestHandler, Response } from 'express';
import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { sha256 } from '../app/auth/secrets';
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

/** A fixed-window counter: in Redis (shared by API processes) when configured, else in memory. */
function limiter(redis: Redis | Cluster | undefined, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  return redis
    ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `rl:${keyPrefix}`, points, duration, insuranceLimiter: new RateLimiterMemory({ points, duration }) })
    : new RateLimiterMemory({ keyPrefix, points, duration });
}

function tooManyRequests(res: Response, l: RateLimiterAbstract, r: RateLimiterRes) {
  const retry = Math.max(1, Math.ceil(r.msBeforeNext / 1000));
  res.setHeader('Retry-After', String(retry));
  res.setHeader('RateLimit-Limit', String(l.points));
  res.setHeader('RateLimit-Remaining', '0');
  sendError(res, 'rate_limited', `Too many requests; retry in ${retry} s`, { retryAfterSeconds: retry });
}

/** Per IP on public and auth routes, per API key / user on admin routes. */
export function rateLimits(opts: RateLimitOptions): RequestHandler {
  const make = (keyPrefix: string, points: number) => limiter(opts.redis, `${opts.redisKeyPrefix ?? ''}${keyPrefix}`, points, 60);
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
      if (r instanceof RateLimiterRes) return tooManyRequests(res, limiter, r);
      next(r);
    }
  };
}

export interface LoginThrottleOptions {
  /** Failed logins allowed per account in a window (LOGIN_FAILURES_PER_ACCOUNT). */
  failuresPerAccount: number;
  redis?: Redis | Cluster;
  /** REDIS_PREFIX without its braces, as for the other limiters. */
  redisKeyPrefix?: string;
}

export const LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60;

const isLogin = (req: Request) => (req as Request & { tsRestRoute?: AppRoute }).tsRestRoute === contract.auth.login;

/**
 * Failed logins per account, whatever the address, so guesses spread over many IPs (a botnet,
 * credential stuffing) still get only `failuresPerAccount` tries per 15 minutes. Keyed by the
 * normalised email (hashed: no addresses in Redis), known account or not, so the 429 says
 * nothing about whether an account exists. An attempt takes its point before the password is
 * checked, so parallel guesses cannot all pass the check, and is settled by the answer: a right
 * password clears the count, a wrong one keeps its point, anything else gives it back. The
 * window is fixed and never extended: failing on purpose can shut an account's logins for at
 * most the rest of the window, never lock it beyond.
 */
export function loginThrottle(opts: LoginThrottleOptions): RequestHandler {
  const failures = limiter(opts.redis, `${opts.redisKeyPrefix ?? ''}login-account`, opts.failuresPerAccount, LOGIN_THROTTLE_WINDOW_SECONDS);
  return async (req, res, next) => {
    // The body is not validated yet (ts-rest does that after this middleware): read it warily.
    const email: unknown = isLogin(req) ? (req.body as { email?: unknown } | undefined)?.email : undefined;
    if (typeof email !== 'string' || !email.trim()) return next();
    const key = sha256(email.trim().toLowerCase());
    try {
      await failures.consume(key);
    } catch (r) {
      if (r instanceof RateLimiterRes) return tooManyRequests(res, failures, r);
      return next(r);
    }
    res.once('finish', () => {
      if (res.statusCode === 401) return; // invalid_credentials: the failure counts
      // 200, or 403 for a business the user is not in: the password was right.
      const settled = res.statusCode < 400 || res.statusCode === 403 ? failures.delete(key) : failures.reward(key, 1);
      settled.catch(() => undefined);
    });
    next();
  };
}
