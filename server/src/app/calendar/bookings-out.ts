import { bookingEventId } from '../../domain/calendar';
import { CalendarFailure } from '../../ports/calendar';
import type { CalendarConnectionRecord } from '../../ports/calendar-store';
import type { OutboxEvent } from '../../ports/outbox';
import { CALENDAR_BOOKING_JOB, providerFor, withBackoff, type CalendarDeps } from './deps';
import type { CalendarSync } from './sync';

/** A worker holds a booking's row this long while it writes; killed, another takes over after. */
export const BOOKING_LEASE_MS = 2 * 60_000;
/** How long a broken connection's bookings wait before the next look (a reconnect clears it sooner). */
const BROKEN_RETRY_MS = 15 * 60_000;
/** Statuses whose time is held: they have an event. Cancelled (and declined) bookings have none. */
const HELD = new Set(['pending', 'confirmed', 'checked_in', 'completed', 'no_show']);

/**
 * Bookings out: every booking change in the outbox marks the booking's calendar row dirty and
 * queues a write. The write converges the calendar on the booking as it is now (event there and
 * up to date, or gone), so order, repeats and crashes do not matter: the event id is derived from
 * the booking, an insert that finds it exists becomes an update, a delete of a missing event is
 * done. The row stays dirty until a write for its latest generation succeeded; the scheduler
 * queues dirty rows again, so a worker killed mid-write loses nothing.
 */
export function calendarBookingsOut(deps: CalendarDeps, sync: Pick<CalendarSync, 'broken'>) {
  const { store, clock } = deps;

  /** The outbox dispatcher's fan-out (before the row is marked dispatched): idempotent. */
  async function fanOut(e: OutboxEvent) {
    if (!e.topic.startsWith('booking.')) return;
    const bookingId = (e.payload.bookingId ??
      (e.payload.booking as { id?: string } | undefined)?.id) as string | undefined;
    if (!bookingId) return;
    if (
      !(await store.markBookingDirty(e.tenantId, bookingId, bookingEventId(bookingId), clock.now()))
    )
      return;
    await deps.queue.enqueue(
      CALENDAR_BOOKING_JOB,
      { tenantId: e.tenantId, bookingId },
      { jobId: `cal-b-outbox-${e.id}` },
    );
  }

  async function writeOnce(tenantId: string, bookingId: string): Promise<boolean> {
    const now = clock.now();
    const lease = await store.leaseBookingEvent(
      tenantId,
      bookingId,
      now,
      new Date(now.getTime() + BOOKING_LEASE_MS),
    );
    if (!lease) return false;
    const booking = await store.bookingForCalendar(tenantId, bookingId);
    const connections = await store.listConnections(tenantId);
    const target =
      booking && HELD.has(booking.status)
        ? connections.find(
            (c) =>
              c.providerId === booking.providerId && c.bookingCalendarId && c.sealedRefreshToken,
          )
        : undefined;
    const previous =
      lease.written && lease.connectionId
        ? connections.find((c) => c.id === lease.connectionId)
        : undefined;
    const moving =
      previous &&
      lease.calendarId &&
      (previous.id !== target?.id || lease.calendarId !== target?.bookingCalendarId);
    const blocked = [target, moving ? previous : undefined].find((c) => c && c.status !== 'active');
    if (blocked) {
      await store.failBookingEvent(
        tenantId,
        bookingId,
        'calendar connection broken',
        new Date(now.getTime() + BROKEN_RETRY_MS),
      );
      return false;
    }
    let current: CalendarConnectionRecord | undefined;
    try {
      if (moving && previous) {
        current = previous;
        const creds = { refreshToken: deps.secrets.open(previous.sealedRefreshToken!) };
        await withBackoff(deps, () =>
          providerFor(deps, previous.vendor).deleteEvent(creds, lease.calendarId!, lease.eventId),
        );
      }
      if (target && booking) {
        current = target;
        const creds = { refreshToken: deps.secrets.open(target.sealedRefreshToken!) };
        const attendees =
          target.inviteCustomers && booking.customerEmail
            ? [{ email: booking.customerEmail, name: booking.customerName }]
            : [];
        await withBackoff(deps, () =>
          providerFor(deps, target.vendor).putEvent(
            creds,
            target.bookingCalendarId!,
            {
              id: lease.eventId,
              bookingId,
              summary: `${booking.serviceName}: ${booking.customerName}`,
              description: `${booking.status === 'pending' ? 'Requested' : 'Booked'} through ${booking.tenantName}. Confirmation code ${booking.code}.`,
              start: booking.startAt,
              end: booking.endAt,
              attendees,
            },
            // The customer already gets our own email with the invite: the vendor must not send a second.
            { notifyAttendees: false, exists: lease.written && !moving },
          ),
        );
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof CalendarFailure && err.kind === 'auth' && current) {
        await sync.broken(current, message);
        await store.failBookingEvent(
          tenantId,
          bookingId,
          message,
          new Date(now.getTime() + BROKEN_RETRY_MS),
        );
        return false;
      }
      // Released at once: the queue's retry (or the scheduler) tries again.
      await store.failBookingEvent(tenantId, bookingId, message, now);
      throw err;
    }
    await store.finishBookingEvent(
      tenantId,
      bookingId,
      lease.generation,
      target
        ? { connectionId: target.id, calendarId: target.bookingCalendarId, written: true }
        : { connectionId: null, calendarId: null, written: false },
    );
    return true;
  }

  return {
    fanOut,
    /** The job: writes until the row is clean (a change that arrived mid-write is written too). */
    async write(tenantId: string, bookingId: string) {
      for (let i = 0; i < 5 && (await writeOnce(tenantId, bookingId)); i++);
    },
  };
}
export type CalendarBookingsOut = ReturnType<typeof calendarBookingsOut>;
