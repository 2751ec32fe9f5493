/** What the SDK knows about an HTTP response: every result and every API error carries one. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
  /** `X-Request-Id`: quote it when you contact support; it is in the server's logs. */
  requestId: string | undefined;
  method: string;
  url: string;
  /** `Slotwise-Version` the server answered with. */
  apiVersion: string | undefined;
  /** True when an Idempotency-Key replay answered instead of a new action (`Idempotent-Replayed`). */
  replayed: boolean;
}

/** Passed to `hooks.onRequest` before every attempt (retries included). Headers may be changed. */
export interface RequestEvent {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** 0 for the first attempt. */
  attempt: number;
}

/** Passed to `hooks.onResponse` after every attempt that got a response (errors included). */
export interface ResponseEvent extends ResponseInfo {
  attempt: number;
  durationMs: number;
}

/** Logging and instrumentation. A hook that throws fails the call with its error. */
export interface Hooks {
  onRequest?(event: RequestEvent): void | Promise<void>;
  onResponse?(event: ResponseEvent): void | Promise<void>;
}

/** Per-call options, next to `params` / `query` / `body`. */
export interface RequestOptions {
  /** Sent as Idempotency-Key on POST/PATCH; generated when omitted and reused across retries of the call. */
  idempotencyKey?: string;
  /** Aborts the call (and any pending retry) when signalled; `AbortSignal.timeout(ms)` gives a `TimeoutError`. */
  signal?: AbortSignal;
  /** Per-attempt timeout, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
}
/** @deprecated The old name of `RequestOptions`. */
export type CallOptions = RequestOptions;
