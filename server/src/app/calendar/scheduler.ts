import { CHANNEL_RENEW_MARGIN_MS, POLL_INTERVAL_MS } from '../../domain/calendar';
import { BOOKING_LEASE_MS } from './bookings-out';
import { CALENDAR_BOOKING_JOB, CALENDAR_SYNC_JOB, type CalendarDeps } from './deps';

const BATCH = 200;

/**
 * The periodic half of calendar sync (the jobs runtime calls `tick` every minute): connections
 * not synced for 15 minutes (missed pushes) or with a channel due for renewal get a sync job;
 * booking rows still dirty after a lease's length (a worker died, or the queue gave up) get their
 * write queued again. Job ids carry the time bucket or generation, so a tick repeated by several
 * workers queues each job once.
 */
export function calendarScheduler(deps: Pick<CalendarDeps, 'store' | 'queue' | 'clock'>) {
  return {
    async tick() {
      const now = deps.clock.now();
      const t = now.getTime();
      const bucket = Math.floor(t / 60_000);
      const due = await deps.store.dueConnections(
        new Date(t - POLL_INTERVAL_MS),
        new Date(t + CHANNEL_RENEW_MARGIN_MS),
        BATCH,
      );
      for (const d of due) {
        await deps.queue.enqueue(
          CALENDAR_SYNC_JOB,
          { tenantId: d.tenantId, connectionId: d.connectionId },
          { jobId: `cal-poll-${d.connectionId}-${bucket}` },
        );
      }
      const dirty = await deps.store.dirtyBookings(new Date(t - BOOKING_LEASE_MS), now, BATCH);
      for (const d of dirty) {
        await deps.queue.enqueue(
          CALENDAR_BOOKING_JOB,
          { tenantId: d.tenantId, bookingId: d.bookingId },
          { jobId: `cal-b-sweep-${d.bookingId}-${d.generation}-${d.attempts}-${bucket}` },
        );
      }
      return { syncs: due.length, writes: dirty.length };
    },
  };
}
