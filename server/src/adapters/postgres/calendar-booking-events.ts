import type pg from 'pg';
import type {
  BookingEventLease,
  BookingForCalendar,
  CalendarStore,
} from '../../ports/calendar-store';
import { inTenant } from './tenant-tx';

type BookingEventMethods = Pick<
  CalendarStore,
  | 'markBookingDirty'
  | 'leaseBookingEvent'
  | 'bookingForCalendar'
  | 'finishBookingEvent'
  | 'failBookingEvent'
  | 'dirtyBookings'
  | 'tenantContacts'
>;

/** Bookings out: the per-booking calendar rows (dirty, generation, lease) and what a write reads. */
export function pgCalendarBookingEvents(pool: pg.Pool): BookingEventMethods {
  return {
    markBookingDirty: (tenantId, bookingId, eventId, at) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query(
          `INSERT INTO calendar_booking_events (tenant_id, booking_id, event_id, dirty_since)
           SELECT b.tenant_id, b.id, $2, $3 FROM bookings b
           WHERE b.id = $1 AND (
             EXISTS (SELECT 1 FROM calendar_connections c WHERE c.provider_id = b.provider_id AND c.booking_calendar_id IS NOT NULL)
             OR EXISTS (SELECT 1 FROM calendar_booking_events e WHERE e.booking_id = b.id))
           ON CONFLICT (tenant_id, booking_id) DO UPDATE SET generation = calendar_booking_events.generation + 1,
             dirty = true, updated_at = now(),
             dirty_since = CASE WHEN calendar_booking_events.dirty THEN calendar_booking_events.dirty_since ELSE EXCLUDED.dirty_since END
           RETURNING 1`,
          [bookingId, eventId, at],
        );
        return (r.rowCount ?? 0) > 0;
      }),
    leaseBookingEvent: (tenantId, bookingId, now, until) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query<{
          generation: number;
          connection_id: string | null;
          calendar_id: string | null;
          event_id: string;
          written: boolean;
        }>(
          `UPDATE calendar_booking_events SET locked_until = $3, attempts = attempts + 1
           WHERE booking_id = $1 AND dirty AND (locked_until IS NULL OR locked_until <= $2)
           RETURNING generation, connection_id, calendar_id, event_id, written`,
          [bookingId, now, until],
        );
        const row = r.rows[0];
        return row
          ? ({
              generation: row.generation,
              connectionId: row.connection_id,
              calendarId: row.calendar_id,
              eventId: row.event_id,
              written: row.written,
            } satisfies BookingEventLease)
          : null;
      }),
    bookingForCalendar: (tenantId, bookingId) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query<{
          id: string;
          provider_id: string;
          status: string;
          start_at: Date;
          end_at: Date;
          confirmation_code: string;
          service_name: string;
          customer_name: string;
          customer_email: string | null;
          tenant_name: string;
        }>(
          `SELECT b.id, b.provider_id, b.status::text AS status, b.start_at, b.end_at, b.confirmation_code,
                  s.name AS service_name, cu.name AS customer_name,
                  CASE WHEN cu.erased_at IS NULL THEN cu.email END AS customer_email, t.name AS tenant_name
           FROM bookings b JOIN services s ON s.tenant_id = b.tenant_id AND s.id = b.service_id
           JOIN customers cu ON cu.tenant_id = b.tenant_id AND cu.id = b.customer_id
           JOIN tenants t ON t.id = b.tenant_id
           WHERE b.id = $1`,
          [bookingId],
        );
        const b = r.rows[0];
        return b
          ? ({
              bookingId: b.id,
              providerId: b.provider_id,
              status: b.status,
              startAt: b.start_at,
              endAt: b.end_at,
              code: b.confirmation_code,
              serviceName: b.service_name,
              customerName: b.customer_name,
              customerEmail: b.customer_email,
              tenantName: b.tenant_name,
            } satisfies BookingForCalendar)
          : null;
      }),
    finishBookingEvent: (tenantId, bookingId, generation, w) =>
      inTenant(pool, tenantId, async (c) => {
        await c.query(
          `UPDATE calendar_booking_events SET dirty = (generation <> $2), locked_until = NULL,
             connection_id = $3, calendar_id = $4, written = $5, last_error = NULL,
             attempts = CASE WHEN generation = $2 THEN 0 ELSE attempts END, updated_at = now()
           WHERE booking_id = $1`,
          [bookingId, generation, w.connectionId, w.calendarId, w.written],
        );
      }),
    failBookingEvent: (tenantId, bookingId, error, retryAt) =>
      inTenant(pool, tenantId, async (c) => {
        await c.query(
          'UPDATE calendar_booking_events SET last_error = $2, locked_until = $3, updated_at = now() WHERE booking_id = $1',
          [bookingId, error.slice(0, 500), retryAt],
        );
      }),
    async dirtyBookings(dirtyBefore, now, limit) {
      const r = await pool.query<{
        tenant_id: string;
        booking_id: string;
        generation: number;
        attempts: number;
      }>(
        'SELECT tenant_id, booking_id, generation, attempts FROM calendar_dirty_bookings($1, $2, $3)',
        [dirtyBefore, now, limit],
      );
      return r.rows.map((x) => ({
        tenantId: x.tenant_id,
        bookingId: x.booking_id,
        generation: x.generation,
        attempts: x.attempts,
      }));
    },
    tenantContacts: (tenantId) =>
      inTenant(pool, tenantId, async (c) => {
        const t = await c.query<{ email: string | null }>(
          'SELECT email FROM tenants WHERE id = $1',
          [tenantId],
        );
        if (t.rows[0]?.email) return [t.rows[0].email];
        const o = await c.query<{ email: string }>(
          `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.role = 'owner' ORDER BY m.created_at`,
        );
        return o.rows.map((x) => x.email);
      }),
  };
}
