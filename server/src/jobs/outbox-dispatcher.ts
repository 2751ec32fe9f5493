import type pg from 'pg';
import type { Logger } from 'pino';
import type { OutboxEvent } from '../app/webhooks/events';
import type { JobQueue } from '../ports/job-queue';

interface OutboxRow {
  id: string;
  tenant_id: string;
  topic: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * Moves committed outbox rows to the job queue. A row is claimed by pushing its available_at
 * forward (SKIP LOCKED keeps several dispatchers apart), enqueued with a deterministic job id,
 * then marked dispatched. A crash or a Redis outage between those steps only delays delivery:
 * the row becomes claimable again and the queue drops the duplicate id. Every job carries the
 * row's `eventId`, stable across redeliveries: handlers build their delivery keys from it, so a
 * job run twice (a worker killed mid-job) has no second visible effect (ADR 0008).
 */
export function outboxDispatcher(deps: {
  pool: pg.Pool;
  queue: JobQueue;
  logger: Logger;
  batchSize?: number;
  /**
   * Runs for each row, in outbox order, before it is marked dispatched (webhooks: one delivery per
   * subscribed endpoint). It must be idempotent: after a crash the row comes round again.
   */
  fanOut?: (event: OutboxEvent) => Promise<void>;
}) {
  const { pool, queue, logger } = deps;
  const batch = deps.batchSize ?? 100;

  async function dispatchOnce(): Promise<number> {
    const { rows } = await pool.query<OutboxRow>(
      `UPDATE outbox_events SET attempts = attempts + 1, available_at = now() + interval '30 seconds'
       WHERE id IN (
         SELECT id FROM outbox_events
         WHERE dispatched_at IS NULL AND available_at <= now()
         ORDER BY id FOR UPDATE SKIP LOCKED LIMIT $1)
       RETURNING id, tenant_id, topic, payload, created_at`,
      [batch],
    );
    // RETURNING has no order; consumers (webhook fan-out) rely on outbox order.
    rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    for (const row of rows) {
      try {
        await deps.fanOut?.({ id: String(row.id), tenantId: row.tenant_id, topic: row.topic, payload: row.payload, createdAt: row.created_at });
        await queue.enqueue(
          row.topic,
          { ...row.payload, tenantId: row.tenant_id, eventId: `evt_${row.id}`, occurredAt: row.created_at.toISOString() },
          { jobId: `outbox-${row.id}` },
        );
        await pool.query('UPDATE outbox_events SET dispatched_at = now(), last_error = NULL WHERE id = $1', [row.id]);
      } catch (err) {
        logger.warn({ err, outboxId: row.id }, 'outbox dispatch failed; will retry');
        await pool
          .query('UPDATE outbox_events SET last_error = $2 WHERE id = $1', [row.id, err instanceof Error ? err.message : String(err)])
          .catch(() => undefined);
      }
    }
    return rows.length;
  }

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    let n = 0;
    try {
      running = dispatchOnce();
      n = (await running) as number;
    } catch (err) {
      logger.warn({ err }, 'outbox poll failed');
    }
    if (!stopped) {
      timer = setTimeout(loop, n === batch ? 0 : 250);
      timer.unref();
    }
  };

  return {
    dispatchOnce,
    start() {
      stopped = false;
      void loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
export type OutboxDispatcher = ReturnType<typeof outboxDispatcher>;
