import type { Job, JobHandler, JobQueue } from '../../ports/job-queue';

const BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

/** How long, and for how many jobs, a finished job's id still deduplicates an enqueue. */
const DONE_TTL_MS = 60 * 60_000;
const DONE_MAX = 10_000;

/**
 * The embedded default's queue: jobs run in this process, retried with backoff, nothing to install.
 * A job id enqueued twice runs once while the job is pending or running, and for an hour (at most
 * the last 10,000 ids) after it finished, like BullMQ keeping finished jobs for a while: the set of
 * ids no longer grows with every job the process ever ran.
 */
export function inProcessQueue(
  opts: { onError?: (job: Job, err: unknown) => void; now?: () => number } = {},
): JobQueue & { readonly trackedIds: number } {
  const now = opts.now ?? Date.now;
  /** Pending or running job ids. */
  const seen = new Set<string>();
  /** Finished job ids, oldest first (Map keeps insertion order), with when they finished. */
  const done = new Map<string, number>();
  const finish = (id: string) => {
    seen.delete(id);
    done.delete(id);
    done.set(id, now());
    prune();
  };
  const prune = () => {
    const cutoff = now() - DONE_TTL_MS;
    for (const [id, at] of done) {
      if (at > cutoff && done.size <= DONE_MAX) break;
      done.delete(id);
    }
  };
  const timers = new Set<NodeJS.Timeout>();
  let handlers: Record<string, JobHandler> | null = null;
  const backlog: Job[] = [];
  const running = new Set<Promise<void>>();
  let closed = false;

  const run = (job: Job) => {
    const h = handlers?.[job.name];
    if (!h) return;
    const p = h(job)
      .then(
        () => finish(job.id),
        (err) => {
          opts.onError?.(job, err);
          const delay = BACKOFF_MS[job.attempt - 1];
          if (delay !== undefined && !closed) schedule({ ...job, attempt: job.attempt + 1 }, delay);
          else finish(job.id);
        },
      )
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
    /** Ids held for deduplication (pending, running and recently finished): bounded. */
    get trackedIds() {
      return seen.size + done.size;
    },
    async enqueue(name, data, { jobId, delayMs = 0 }) {
      prune();
      if (seen.has(jobId) || done.has(jobId)) return;
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
