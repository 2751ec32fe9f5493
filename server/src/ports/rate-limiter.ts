/** The three budgets: per IP on public and auth routes, per API key / user on admin routes. */
export type RateLimitKind = 'public' | 'auth' | 'admin';

export type RateLimitDecision =
  | { allowed: true; limit: number; remaining: number }
  | { allowed: false; limit: number; retryAfterMs: number };

/** Counts requests of one subject (an IP, a key, a user) against a per-minute budget. */
export interface RateLimiter {
  consume(subject: string): Promise<RateLimitDecision>;
}

export type RateLimiters = Record<RateLimitKind, RateLimiter>;
