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

/**
 * Attempts of one subject in a fixed window, settled after the fact: an attempt takes its point
 * before it is checked (so parallel attempts cannot all pass), then the caller may give the point
 * back or clear the subject's count.
 */
export interface AttemptCounter extends RateLimiter {
  /** The attempt did not count: gives its point back. */
  refund(subject: string): Promise<void>;
  /** The attempt succeeded: forgets the subject's earlier attempts. */
  clear(subject: string): Promise<void>;
}
