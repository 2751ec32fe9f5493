import { CalendarFailure, type CalendarProvider } from '../../ports/calendar';
import type { CalendarStore } from '../../ports/calendar-store';
import type { Clock } from '../../ports/clock';
import type { JobQueue } from '../../ports/job-queue';
import type { Mailer } from '../../ports/mailer';
import type { Secrets } from '../../ports/secrets';
import { backoffDelayMs, RATE_LIMIT_TRIES } from '../../domain/calendar';
import type { CalendarSyncGate } from './feature-gate';

export interface CalendarDeps {
  store: CalendarStore;
  /** One adapter per vendor ('google': the Google adapter, or the local one in the embedded default). */
  providers: Record<string, CalendarProvider>;
  secrets: Pick<Secrets, 'seal' | 'open'>;
  queue: JobQueue;
  mailer: Mailer;
  clock: Clock;
  /** Where the vendor POSTs push notifications (PUBLIC_URL + /v1/webhooks/calendar/<vendor>). */
  pushAddress: (vendor: string) => string;
  /** The admin app's connections page, linked from the "connection broken" email. */
  adminUrl: string;
  /** Waits between rate-limited tries (tests pass one that records and returns at once). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  warn?: (msg: string, data: Record<string, unknown>) => void;
  /** The tenant-plan check (feature-gate.ts). */
  gate: CalendarSyncGate;
}

export const CALENDAR_SYNC_JOB = 'calendar.sync';
export const CALENDAR_BOOKING_JOB = 'calendar.booking';

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * Runs a vendor call, backing off on rate limits (403 rateLimitExceeded, 429) with exponential
 * jittered waits, RATE_LIMIT_TRIES times; then the failure goes to the job queue's own retry.
 */
export async function withBackoff<T>(deps: CalendarDeps, fn: () => Promise<T>): Promise<T> {
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (
        !(err instanceof CalendarFailure) ||
        err.kind !== 'rate_limited' ||
        attempt >= RATE_LIMIT_TRIES
      )
        throw err;
      await sleep(backoffDelayMs(attempt, random()));
    }
  }
}

export function providerFor(deps: CalendarDeps, vendor: string): CalendarProvider {
  const p = deps.providers[vendor];
  if (!p) throw new CalendarFailure('rejected', `No calendar adapter for ${vendor}`);
  return p;
}
