import { recurring } from './recurring';
import type { Logger } from 'pino';
import type { JobQueue } from '../ports/job-queue';
import type { OutboxEvent, OutboxFeed } from '../ports/outbox';

/**
/**
 * Moves committed outbox rows to the job queue. A row is claimed (hidden from other pollers for a
 * while), enqueued with a deterministic job id, then marked dispatched. A crash or a Redis outage
 * between those steps only delays delivery: the row becomes claimable again and the queue drops
 * the duplicate id. Every job carries the row's `eventId`, stable across redeliveries: handlers
 * build their delivery keys from it, so a job run twice (a worker killed mid-job) has no second
 * visible effect (ADR 0008).
 */
export function outboxDispatcher(deps: {
  feed: OutboxFeed;
  queue: JobQueue;
  logger: Logger;
  batchSize?: number;
  /**
   * Runs for each row, in outbox order, before it is marked dispatched (webhooks: one delivery per
   * subscribed endpoint). It must be idempotent: after a crash the row comes round again.
   */
  fanOut?: (event: OutboxEvent) => Promise<void>;
}) {
  const { feed, queue, logger } = deps;
  const batch = deps.batchSize ?? 100;

  async function dispatchOnce(): Promise<number> {
    // In outbox order: consumers (webhook fan-out) rely on it.
    const events = await feed.claim(batch);
    for (const e of events) {
      try {
        await deps.fanOut?.(e);
        await queue.enqueue(
          e.topic,
          {
            ...e.payload,
            tenantId: e.tenantId,
            eventId: `evt_${e.id}`,
            occurredAt: e.createdAt.toISOString(),
          },
          { jobId: `outbox-${e.id}` },
        );
        await feed.markDispatched(e.id);
      } catch (err) {
        logger.warn({ err, outboxId: e.id }, 'outbox dispatch failed; will retry');
        await feed
          .markFailed(e.id, err instanceof Error ? err.message : String(err))
          .catch(() => undefined);
      }
    }
    return events.length;
  }

  return {
    dispatchOnce,
    ...recurring(dispatchOnce, {
      delayMs: (n) => (n === batch ? 0 : 250),
      onError: (err) => logger.warn({ err }, 'outbox poll failed'),
    }),
  };
}
export type OutboxDispatcher = ReturnType<typeof outboxDispatcher>;
