import type { Job, JobHandler } from '../../ports/job-queue';
import { calendarBookingsOut } from './bookings-out';
import { calendarConnections } from './connections';
import { CALENDAR_BOOKING_JOB, CALENDAR_SYNC_JOB, type CalendarDeps } from './deps';
import { calendarScheduler } from './scheduler';
import { calendarSync } from './sync';

export { CALENDAR_BOOKING_JOB, CALENDAR_SYNC_JOB, type CalendarDeps } from './deps';

/** Calendar sync as one unit: admin use cases, the push entry point, jobs, fan-out and scheduler. */
export function calendarService(deps: CalendarDeps) {
  const sync = calendarSync(deps);
  const out = calendarBookingsOut(deps, sync);
  const scheduler = calendarScheduler(deps);
  const str = (job: Job, k: string) => String(job.data[k] ?? '');
  const handlers: Record<string, JobHandler> = {
    [CALENDAR_SYNC_JOB]: (job) =>
      sync.syncConnection(str(job, 'tenantId'), str(job, 'connectionId')),
    [CALENDAR_BOOKING_JOB]: (job) => out.write(str(job, 'tenantId'), str(job, 'bookingId')),
  };
  return {
    connections: calendarConnections(deps),
    sync,
    push: sync.push,
    syncConnection: sync.syncConnection,
    writeBooking: out.write,
    fanOut: out.fanOut,
    tick: scheduler.tick,
    handlers,
  };
}
export type CalendarService = ReturnType<typeof calendarService>;
