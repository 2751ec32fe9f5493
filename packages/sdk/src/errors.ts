import type { ErrorCode } from './generated/constants';
import type { FieldIssue } from './generated/types';

/**
 * A brand survives the dual-package hazard (the ESM and CJS builds loaded side by side), where
 * `instanceof` would fail; the guards below check it instead.
 */
const BRAND = Symbol.for('slotwise.sdk.error');

export interface SlotwiseErrorInit {
  status: number;
  code: string;
  message: string;
  requestId?: string;
  details?: Record<string, unknown>;
  headers?: Headers;
  cause?: unknown;
}

/**
 * Every failure the SDK throws. `status` is the HTTP status, or 0 when no response arrived
 * (connection failure, timeout). `code` is the API's stable error code (see the errors guide).
 */
export class SlotwiseError extends Error {
  readonly [BRAND] = true;
  // Explicit names: bundlers may rename classes, and the guards compare names across builds.
  override name = 'SlotwiseError';
  readonly status: number;
  /** An `ErrorCode` from the API, or an SDK code: connection_error, timeout, invalid_response, http_<status>. */
  readonly code: ErrorCode | (string & {});
  readonly requestId: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Headers | undefined;

  constructor(init: SlotwiseErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
    this.headers = init.headers;
  }
}

/** 400, 402, 413 and 422 other than validation: the request itself cannot be processed. */
export class InvalidRequestError extends SlotwiseError {
  override name = 'InvalidRequestError';
}

/** 422 `validation_failed`: `issues` says which fields, by dotted path (`body.email`, `query.limit`). */
export class ValidationError extends InvalidRequestError {
  override name = 'ValidationError';
  readonly issues: FieldIssue[];
  constructor(init: SlotwiseErrorInit) {
    super(init);
    const raw = init.details?.issues;
    this.issues = Array.isArray(raw) ? (raw as FieldIssue[]) : [];
  }
}

/** 401: missing, malformed, expired or revoked credentials. */
export class AuthenticationError extends SlotwiseError {
  override name = 'AuthenticationError';
}
/** 403: authenticated, but the role, API-key scope or credential kind does not allow this. */
export class PermissionError extends SlotwiseError {
  override name = 'PermissionError';
}
/** 404: no such resource in this tenant (or no such route). */
export class NotFoundError extends SlotwiseError {
  override name = 'NotFoundError';
}
/** 409: the state changed under you, e.g. `slot_unavailable`, `email_taken`, `invalid_transition`. */
export class ConflictError extends SlotwiseError {
  override name = 'ConflictError';
}

/** 429: slow down. `retryAfter` is in seconds, from the Retry-After header. */
export class RateLimitError extends SlotwiseError {
  override name = 'RateLimitError';
  readonly retryAfter: number | undefined;
  constructor(init: SlotwiseErrorInit & { retryAfter?: number }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}

/** 5xx: the server failed; safe calls were already retried. */
export class ApiError extends SlotwiseError {
  override name = 'ApiError';
}
/** No response: DNS, refused or reset connection, CORS, offline. */
export class ConnectionError extends SlotwiseError {
  override name = 'ConnectionError';
}
/** No response within `timeoutMs` (per attempt). */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
}

function isBranded(err: unknown): err is SlotwiseError {
  return (
    typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true
  );
}

type ErrorClass<T extends SlotwiseError> = abstract new (...args: never[]) => T;

function guard<T extends SlotwiseError>(cls: ErrorClass<T>, names: string[]) {
  return (err: unknown): err is T =>
    err instanceof cls || (isBranded(err) && names.includes(err.name));
}

/** True for anything the SDK throws, optionally with one API error code (`isSlotwiseError(e, 'slot_unavailable')`). */
export function isSlotwiseError(err: unknown, code?: ErrorCode): err is SlotwiseError {
  return isBranded(err) && (code === undefined || err.code === code);
}
export const isInvalidRequestError = guard(InvalidRequestError, [
  'InvalidRequestError',
  'ValidationError',
]);
export const isValidationError = guard(ValidationError, ['ValidationError']);
export const isAuthenticationError = guard(AuthenticationError, ['AuthenticationError']);
export const isPermissionError = guard(PermissionError, ['PermissionError']);
export const isNotFoundError = guard(NotFoundError, ['NotFoundError']);
export const isConflictError = guard(ConflictError, ['ConflictError']);
export const isRateLimitError = guard(RateLimitError, ['RateLimitError']);
export const isApiError = guard(ApiError, ['ApiError']);
export const isConnectionError = guard(ConnectionError, ['ConnectionError', 'TimeoutError']);
const isSdkTimeout = guard(TimeoutError, ['TimeoutError']);
/**
 * The SDK's TimeoutError (its own `timeoutMs`, or a call's `signal: AbortSignal.timeout(ms)`), and
 * also the bare DOMException TimeoutError that `AbortSignal.timeout()` aborts other code with.
 */
export const isTimeoutError = (err: unknown): err is TimeoutError =>
  isSdkTimeout(err) ||
  (typeof DOMException !== 'undefined' &&
    err instanceof DOMException &&
    err.name === 'TimeoutError');

/** Seconds from a Retry-After header (delta-seconds or HTTP date); undefined when absent or unparsable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/** Maps a non-2xx response to the matching error class. */
export function errorFromResponse(status: number, body: unknown, headers: Headers): SlotwiseError {
  const e = (body as { error?: Record<string, unknown> } | undefined)?.error;
  const code = typeof e?.code === 'string' ? e.code : `http_${status}`;
  const init: SlotwiseErrorInit = {
    status,
    code,
    message: typeof e?.message === 'string' ? e.message : `HTTP ${status} from the Slotwise API`,
    requestId:
      (typeof e?.requestId === 'string' ? e.requestId : undefined) ??
      headers.get('x-request-id') ??
      undefined,
    details:
      e?.details && typeof e.details === 'object'
        ? (e.details as Record<string, unknown>)
        : undefined,
    headers,
  };
  if (status === 401) return new AuthenticationError(init);
  if (status === 403) return new PermissionError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 409) return new ConflictError(init);
  if (status === 429) {
    const detail = init.details?.retryAfterSeconds;
    return new RateLimitError({
      ...init,
      retryAfter:
        parseRetryAfter(headers.get('retry-after')) ??
        (typeof detail === 'number' ? detail : undefined),
    });
  }
  if (code === 'validation_failed') return new ValidationError(init);
  if (status >= 500) return new ApiError(init);
  if (status >= 400) return new InvalidRequestError(init);
  return new SlotwiseError(init);
}
