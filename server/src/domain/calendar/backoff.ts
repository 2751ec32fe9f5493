/**
 * Waits between tries after a vendor rate limit (Google 403 rateLimitExceeded / 429): exponential
 * with full jitter, as Google's guidance asks, capped. The client library does not retry POSTs
 * (insert, watch), so this is the one backoff for every call. `random` is in [0, 1).
 */
export const RATE_LIMIT_TRIES = 5;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 32_000;

export function backoffDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(Math.max(random, 0), 0.999_999);
  // At least half the ceiling: tries spread out instead of bunching at zero.
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/** Push channels are renewed this long before they expire (Google's default lifetime is about a week). */
export const CHANNEL_RENEW_MARGIN_MS = 24 * 3_600_000;
/** Requested channel lifetime. */
export const CHANNEL_TTL_SECONDS = 7 * 86_400;
/** A connection not synced for this long is synced by the poller, push or not. */
export const POLL_INTERVAL_MS = 15 * 60_000;
