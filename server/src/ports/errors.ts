/**
 * Why a store refused an operation, in the ports' words. Adapters translate what their backend
 * reports (SQLSTATEs, see adapters/postgres/sql-errors.ts) into these; the app decides what each
 * means for the caller (app/errors.ts `toAppError`), so no adapter picks an HTTP status.
 */
export type RefusalReason =
  /** The time was taken by another booking, or the session is full. */
  | 'slot_taken'
  /** A unique value (email, phone, slug, key) belongs to another record. */
  | 'duplicate'
  /** Concurrent writes kept aborting this one (serialization failures) until retries ran out. */
  | 'contention'
  /** A pagination cursor that this store did not produce. */
  | 'invalid_cursor'
  /** A value the store cannot hold (out of range, malformed), which the contracts let through. */
  | 'bad_input';

export class StoreRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'StoreRefusal';
  }
}
