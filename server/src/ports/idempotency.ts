export interface StoredResponse {
  status: number;
  body: unknown;
}

export type BeginResult =
  | { kind: 'started' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

/** First response per (scope, key) for 24 h; `begin` is atomic, so duplicates never both start. */
export interface IdempotencyStore {
  begin(scope: string, key: string, requestHash: string, meta: { method: string; path: string }): Promise<BeginResult>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** The first attempt failed in a way worth retrying (5xx): let the next attempt run. */
  abandon(scope: string, key: string): Promise<void>;
}
