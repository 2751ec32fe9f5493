import type pg from 'pg';
import type { OutboxEvent, OutboxFeed } from '../../ports/outbox';

interface OutboxRow {
  id: string;
  tenant_id: string;
  topic: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * The outbox on raw pg (no tenant is set: the poller reads every tenant's rows). A row is claimed
 * by pushing its available_at 30 s forward, SKIP LOCKED keeping concurrent pollers apart.
 */
export function pgOutboxFeed(pool: pg.Pool): OutboxFeed {
  return {
    async claim(limit): Promise<OutboxEvent[]> {
      const { rows } = await pool.query<OutboxRow>(
        `UPDATE outbox_events SET attempts = attempts + 1, available_at = now() + interval '30 seconds'
         WHERE id IN (
           SELECT id FROM outbox_events
           WHERE dispatched_at IS NULL AND available_at <= now()
           ORDER BY id FOR UPDATE SKIP LOCKED LIMIT $1)
         RETURNING id, tenant_id, topic, payload, created_at`,
        [limit],
      );
      // RETURNING has no order; consumers (webhook fan-out) rely on outbox order.
      rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      return rows.map((r) => ({
        id: r.id,
        tenantId: r.tenant_id,
        topic: r.topic,
        payload: r.payload,
        createdAt: r.created_at,
      }));
    },
    async markDispatched(id) {
      await pool.query(
        'UPDATE outbox_events SET dispatched_at = now(), last_error = NULL WHERE id = $1',
        [id],
      );
    },
    async markFailed(id, error) {
      await pool.query('UPDATE outbox_events SET last_error = $2 WHERE id = $1', [id, error]);
    },
  };
}
