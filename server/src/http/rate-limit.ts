import { contract } from '@slotwise/contracts';
import type { AppRoute } from '@ts-rest/core';
import type { Request, RequestHandler, Response } from 'express';
import { sha256 } from '../app/auth/secrets';
import type { Principal } from '../app/principal';
import type { AttemptCounter, RateLimiters } from '../ports/rate-limiter';
import { routeMeta } from './authorize';
import { clientIp } from './context';
import { sendError } from './error-mapper';

function tooManyRequests(res: Response, limit: number, retryAfterMs: number) {
  const retry = Math.max(1, Math.ceil(retryAfterMs / 1000));
  res.setHeader('Retry-After', String(retry));
  res.setHeader('RateLimit-Limit', String(limit));
  res.setHeader('RateLimit-Remaining', '0');
  sendError(res, 'rate_limited', `Too many requests; retry in ${retry} s`, {
    retryAfterSeconds: retry,
  });
}

/** Per IP on public and auth routes, per API key / user on admin routes. */
export function rateLimits(limiters: RateLimiters): RequestHandler {
  return async (req, res, next) => {
    const meta = routeMeta(req);
    const p = res.locals.principal as Principal | undefined;
    const kind =
      meta.rateLimit ??
      (p ? 'admin' : meta.auth === 'none' && req.path.startsWith('/health') ? null : 'public');
    if (!kind) return next();
    const subject =
      kind === 'admin' && p
        ? p.kind === 'api_key'
          ? `key:${p.keyId}`
          : `user:${p.userId}`
        : `ip:${clientIp(req)}`;
    try {
      const r = await limiters[kind].consume(subject);
      if (!r.allowed) return tooManyRequests(res, r.limit, r.retryAfterMs);
      res.setHeader('RateLimit-Limit', String(r.limit));
      res.setHeader('RateLimit-Remaining', String(r.remaining));
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The login throttle's window (the adapter counts failures in it). */
export const LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60;

const isLogin = (req: Request) =>
  (req as Request & { tsRestRoute?: AppRoute }).tsRestRoute === contract.auth.login;

/**
 * Failed logins per account, whatever the address, so guesses spread over many IPs (a botnet,
 * credential stuffing) still get only LOGIN_FAILURES_PER_ACCOUNT tries per 15 minutes. Keyed by
 * the normalised email (hashed: no addresses in Redis), known account or not, so the 429 says
 * nothing about whether an account exists. An attempt takes its point before the password is
 * checked, so parallel guesses cannot all pass the check, and is settled by the answer: a right
 * password clears the count, a wrong one keeps its point, anything else gives it back. The
 * window is fixed and never extended: failing on purpose can shut an account's logins for at
 * most the rest of the window, never lock it beyond.
 */
/** res.locals key a handler sets to an account email whose failed logins must be forgotten. */
export const CLEAR_LOGIN_FAILURES = 'clearLoginFailures';

export function loginThrottle(failures: AttemptCounter): RequestHandler {
  return async (req, res, next) => {
    // The body is not validated yet (ts-rest does that after this middleware): read it warily.
    const email: unknown = isLogin(req) ? (req.body as { email?: unknown } | undefined)?.email : undefined;
    if (typeof email !== 'string' || !email.trim()) {
      // A password reset proved the mailbox: its account's failed logins are forgotten.
      res.once('finish', () => {
        const reset: unknown = res.locals[CLEAR_LOGIN_FAILURES];
        if (typeof reset === 'string' && res.statusCode < 300) failures.clear(sha256(reset.trim().toLowerCase())).catch(() => undefined);
      });
      return next();
    }
    const key = sha256(email.trim().toLowerCase());
    try {
      const r = await failures.consume(key);
      if (!r.allowed) return tooManyRequests(res, r.limit, r.retryAfterMs);
    } catch (err) {
      return next(err);
    }
    res.once('finish', () => {
      if (res.statusCode === 401) return; // invalid_credentials: the failure counts
      // 200, or 403 for a business the user is not in: the password was right.
      const settled =
        res.statusCode < 400 || res.statusCode === 403 ? failures.clear(key) : failures.refund(key);
      settled.catch(() => undefined);
    });
    next();
  };
}
