export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * The request that owns a key (ADR 0008). Its lease is renewed while it runs, so a process that
 * dies stops blocking the key within seconds.
 */
export interface IdempotentAttempt {
  /**
   * Runs the rest of the request so that the first transaction committing an effect in it stays
   * open until the response is known and commits the response with the effect.
   */
  run(fn: () => void): void;
  /**
   * Stores the response, in the effect's transaction when one is waiting, and resolves once it is
   * durable. `false`: nothing was stored and any effect was rolled back (the key was lost to a
   * takeover, or the transaction failed); answer with an error and the retry runs again.
   * `sealed`: the body carries a secret and is stored encrypted.
   */
  complete(response: StoredResponse, opts: { sealed: boolean }): Promise<boolean>;
  /** A 5xx or a dropped connection: roll back a waiting effect and free the key for a retry. */
  abandon(): Promise<void>;
  /**
   * A deferred attempt only: its claim found the key owned by another attempt (a duplicate
   * that ran or runs), so nothing of this request was committed; `begin` tells what to answer.
   */
  taken(): boolean;
}

export type BeginResult =
  | { kind: 'started'; attempt: IdempotentAttempt }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' }
  /** A sealed response that can no longer be opened (SECRETS_KEY changed). */
  | { kind: 'unreadable' };

/**
 * First response per (scope, key) for 24 h; `begin` is atomic, so duplicates never both start.
 * `until` (a `Date.now()` time) ends a duplicate's wait for the attempt that runs: a claim that
 * would still wait on that attempt's uncommitted claim then gives up (`in_progress`), so a
 * duplicate's whole wait, from its arrival, stays within the middleware's budget (ADR 0008 §6).
 */
export interface IdempotencyStore {
  begin(
    scope: string,
    key: string,
    requestHash: string,
    meta: { method: string; path: string },
    until: number,
  ): Promise<BeginResult>;
  /**
   * An attempt whose claim of the key is made by the request's first held transaction, with its
   * effect, instead of before the request runs (ADR 0008 §6): one statement and one commit fewer.
   * Only for a route that writes nothing before that transaction and can run twice up to it
   * (reads only); a duplicate finds out at its write (or when storing a response without one)
   * and then answers from `begin`.
   */
  deferred(
    scope: string,
    key: string,
    requestHash: string,
    meta: { method: string; path: string },
    until: number,
  ): IdempotentAttempt;
}
