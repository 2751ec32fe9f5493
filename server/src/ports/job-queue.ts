export interface Job<T = Record<string, unknown>> {
  id: string;
  name: string;
  data: T;
  attempt: number;
}

export type JobHandler = (job: Job) => Promise<void>;

/**
 * Where dispatched outbox events go. `enqueue` with an id already queued is a no-op, so the
 * outbox dispatcher can retry after a crash without sending anything twice.
 */
export interface JobQueue {
  enqueue(name: string, data: Record<string, unknown>, opts: { jobId: string; delayMs?: number }): Promise<void>;
  /** Starts consuming with one handler per job name. */
  work(handlers: Record<string, JobHandler>, opts?: { concurrency?: number }): Promise<void>;
  close(): Promise<void>;
}
