import type { Job, JobHandler, JobQueue } from '../../ports/job-queue';

const BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

/** The embedded default's queue: jobs run in this process, retried with backoff, nothing to install. */
export function inProcessQueue(opts: { onError?: (job: Job, err: unknown) => void } = {}): JobQueue {
  const seen = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let handlers: Record<string, JobHandler> | null = null;
  const backlog: Job[] = [];
  const running = new Set<Promise<void>>();
  let closed = false;

  const run = (job: Job) => {
    const h = handlers?.[job.name];
    if (!h) return;
    const p = h(job)
      .catch((err) => {
        opts.onError?.(job, err);
        const delay = BACKOFF_MS[job.attempt - 1];
        if (delay !== undefined && !closed) schedule({ ...job, attempt: job.attempt + 1 }, delay);
      })
      .finally(() => running.delete(p));
    running.add(p);
  };
  const schedule = (job: Job, delayMs: number) => {
    if (closed) return;
    const t = setTimeout(() => {
      timers.delete(t);
      if (handlers) run(job);
      else backlog.push(job);
    }, delayMs);
    t.unref();
    timers.add(t);
  };

  return {
    async enqueue(name, data, { jobId, delayMs = 0 }) {
      if (seen.has(jobId)) return;
      seen.add(jobId);
      schedule({ id: jobId, name, data, attempt: 1 }, delayMs);
    },
    async work(h) {
      handlers = h;
      for (const job of backlog.splice(0)) run(job);
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      // Jobs already running finish: that is the drain on shutdown.
      await Promise.all(running);
    },
  };
}
