import { Queue, Worker } from 'bullmq';
import type { JobHandler, JobQueue } from '../../ports/job-queue';
import { assertHashTagged, openRedis } from './redis';

const QUEUE = 'slotwise-events';

export interface BullmqOptions {
  url: string;
  /** REDIS_URL names a node of a Redis Cluster. */
  cluster?: boolean;
  /** Key prefix, a hash tag such as `{slotwise}` so one queue's keys share a cluster slot. */
  prefix: string;
}

/** BullMQ on Redis (single node or cluster): what API and worker processes share when REDIS_URL is set. */
export function bullmqQueue(opts: BullmqOptions): JobQueue {
  assertHashTagged(opts.prefix);
  // Connections are ours (BullMQ leaves passed-in connections open on close): one for producing,
  // one per worker, whose blocking commands would stall anything else on the same connection.
  const connections = [openRedis(opts.url, opts)];
  const queue = new Queue(QUEUE, { connection: connections[0]!, prefix: opts.prefix });
  const workers: Worker[] = [];
  return {
    async enqueue(name, data, { jobId, delayMs }) {
      // BullMQ ignores an add whose jobId exists: the outbox may re-dispatch safely.
      await queue.add(name, data, {
        jobId,
        delay: delayMs,
        attempts: 6,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 86_400, count: 10_000 },
        removeOnFail: { age: 7 * 86_400 },
      });
    },
    async work(handlers: Record<string, JobHandler>, { concurrency = 8 } = {}) {
      const connection = openRedis(opts.url, opts);
      connections.push(connection);
      const worker = new Worker(
        QUEUE,
        async (job) => {
          const h = handlers[job.name];
          if (h) await h({ id: job.id ?? '', name: job.name, data: job.data as Record<string, unknown>, attempt: job.attemptsMade + 1 });
        },
        { connection, prefix: opts.prefix, concurrency },
      );
      worker.on('error', () => undefined); // connection errors: BullMQ reconnects by itself
      workers.push(worker);
    },
    async close() {
      // Worker.close() waits for the jobs in progress to finish: that is the drain on shutdown.
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
      for (const c of connections) c.disconnect();
    },
  };
}
