import type { RequestHandler } from 'express';
import type { Principal } from '../app/principal';
import type { RateLimiters } from '../ports/rate-limiter';
import { routeMeta } from './authorize';
import { clientIp } from './context';
import { sendError } from './error-mapper';

/** Per IP on public and auth routes, per API key / user on admin routes. */
export function rateLimits(limiters: RateLimiters): RequestHandler {
  return async (req, res, next) => {
    const meta = routeMeta(req);
    const p = res.locals.principal as Principal | undefined;
    const kind = meta.rateLimit ?? (p ? 'admin' : meta.auth === 'none' && req.path.startsWith('/health') ? null : 'public');
    if (!kind) return next();
    const subject = kind === 'admin' && p ? (p.kind === 'api_key' ? `key:${p.keyId}` : `user:${p.userId}`) : `ip:${clientIp(req)}`;
    try {
      const r = await limiters[kind].consume(subject);
      res.setHeader('RateLimit-Limit', String(r.limit));
      if (r.allowed) {
        res.setHeader('RateLimit-Remaining', String(r.remaining));
        return next();
      }
      const retry = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
      res.setHeader('Retry-After', String(retry));
      res.setHeader('RateLimit-Remaining', '0');
      return sendError(res, 'rate_limited', `Too many requests; retry in ${retry} s`, { retryAfterSeconds: retry });
    } catch (err) {
      next(err);
    }
  };
}
