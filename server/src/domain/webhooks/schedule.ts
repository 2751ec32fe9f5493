/**
 * The Standard Webhooks retry schedule: the first attempt at once, then after 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h and 10 h (eight attempts over about 27.6 hours); then the delivery has failed.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** An endpoint that has failed without a single success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 86_400_000;

/** Delay before the next attempt after `attemptsMade` failed ones, or null when it has failed for good. */
export function retryDelayMs(attemptsMade: number): number | null {
  return RETRY_DELAYS_MS[attemptsMade - 1] ?? null;
}

export type AttemptOutcome = 'succeeded' | 'gone' | 'failed';

/**
 * Only a 2xx is a success: a redirect is never followed and counts as a failure, and 410 Gone
 * tells us to stop for good. No status at all (timeout, refused address, network error) fails.
 */
export function outcomeOf(status: number | null): AttemptOutcome {
  if (status !== null && status >= 200 && status < 300) return 'succeeded';
  if (status === 410) return 'gone';
  return 'failed';
}
