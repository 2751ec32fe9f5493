import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { JobHandler, JobQueue } from '../../ports/job-queue';

const QUEUE = 'slotwise-events';

/** BullMQ on Redis: what API and worker processes share when REDIS_URL is set. */
export function bullmqQueue(redisUrl: string, opts: { prefix?: string } = {}): JobQueue {
  const connection: ConnectionOptions = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue(QUEUE, { connection, prefix: opts.prefix });
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
      const worker = new Worker(
        QUEUE,
        async (job) => {
          const h = handlers[job.name];
          if (h) await h({ id: job.id ?? '', name: job.name, data: job.data as Record<string, unknown>, attempt: job.attemptsMade + 1 });
        },
        { connection, prefix: opts.prefix, concurrency },
      );
      workers.push(worker);
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
    },
  };
}
