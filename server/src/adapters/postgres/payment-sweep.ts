import type pg from 'pg';
import type { PaymentSweepSource, ProcessedEvents } from '../../ports/payments';

/** The payment sweeper's cross-tenant scans, through SECURITY DEFINER functions (ids only). */
export function pgPaymentSweepSource(pool: pg.Pool): PaymentSweepSource {
  return {
    async expiredHolds(limit) {
      const { rows } = await pool.query<{ tenant_id: string; booking_id: string }>(
        'SELECT tenant_id, booking_id FROM payment_expired_holds(now(), $1)',
        [limit],
      );
      return rows.map((r) => ({ tenantId: r.tenant_id, bookingId: r.booking_id }));
    },
    async unfinishedOperations(olderThanMs, limit) {
      const { rows } = await pool.query<{ tenant_id: string; booking_id: string }>(
        `SELECT tenant_id, booking_id FROM payment_unfinished_operations(now() - make_interval(secs => $1::double precision / 1000), $2)`,
        [olderThanMs, limit],
      );
      return rows.map((r) => ({ tenantId: r.tenant_id, bookingId: r.booking_id }));
    },
  };
}

/** stripe_events: one row per event id; the primary key is the dedupe. */
export function pgProcessedEvents(pool: pg.Pool): ProcessedEvents {
  return {
    async claim(e) {
      const { rowCount } = await pool.query(
        'INSERT INTO stripe_events (id, type, account) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
        [e.id, e.type, e.account],
      );
      return rowCount === 1;
    },
    async release(id) {
      // The app role cannot DELETE (only SELECT, INSERT, UPDATE): an unprocessed claim is reopened
      // by renaming it out of the way, keeping the failed attempt visible.
      await pool.query(
        `UPDATE stripe_events SET id = id || ':failed:' || extract(epoch from clock_timestamp())::text WHERE id = $1 AND processed_at IS NULL`,
        [id],
      );
    },
    async markProcessed(id) {
      await pool.query('UPDATE stripe_events SET processed_at = now() WHERE id = $1', [id]);
    },
  };
}
