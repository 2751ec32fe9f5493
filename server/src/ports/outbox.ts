/** A committed outbox row, ready to become a job. */
export interface OutboxEvent {
  id: string;
  tenantId: string;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * The outbox as the poller sees it. `claim` hides the claimed rows from other pollers for a
 * while (so several worker processes never dispatch one row at once) without marking them done:
 * a row whose dispatch is never confirmed becomes claimable again.
 */
export interface OutboxFeed {
  /** Up to `limit` claimable rows, in outbox (id) order. */
  claim(limit: number): Promise<OutboxEvent[]>;
  markDispatched(id: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
}
