import type { AppRoute } from '@ts-rest/core';
import type { RouteMeta } from './common/contract';
import { API_VERSION, API_VERSION_HEADER, API_VERSIONS } from './common/versioning';

type Json = Record<string, unknown>;

/**
 * One reusable response per error status the contracts declare. The codes listed are the ones the
 * server maps to that status (server/src/http/error-mapper.ts); a server test keeps them in sync.
 */
export const ERROR_RESPONSES: Record<
  string,
  { name: string; description: string; example: { code: string; message: string; details?: Json } }
> = {
  400: {
    name: 'BadRequest',
    description:
      'Malformed request (`bad_request`, `invalid_json`), or an emailed link’s token that is unknown, expired or used (`invalid_token`), ' +
      'a vendor webhook whose signature does not verify (`invalid_signature`), or a calendar the provider refused to connect (`calendar_auth_failed`).',
    example: { code: 'invalid_json', message: 'Request body is not valid JSON' },
  },
  401: {
    name: 'Unauthenticated',
    description:
      'Missing, malformed, expired or revoked credentials (`unauthenticated`, `invalid_credentials`, `token_expired`, `refresh_token_reused`).',
    example: {
      code: 'unauthenticated',
      message: 'Authentication required: send a session token or API key',
    },
  },
  403: {
    name: 'Forbidden',
    description:
      'Authenticated, but the role, API-key scope or credential kind does not allow this (`forbidden`, `insufficient_scope`).',
    example: { code: 'insufficient_scope', message: 'This API key lacks the "write" scope' },
  },
  404: {
    name: 'NotFound',
    description:
      'No such resource in this business, or a malformed id in the URL (`not_found`, `route_not_found`).',
    example: { code: 'not_found', message: 'No such resource' },
  },
  409: {
    name: 'Conflict',
    description:
      'The current state does not allow it (`conflict`, `email_taken`, `slug_taken`, `slot_unavailable`, `invalid_transition`, `idempotency_in_progress`). ' +
      'Retry `idempotency_in_progress` after a moment with the same key.',
    example: { code: 'slot_unavailable', message: 'That time is no longer available' },
  },
  422: {
    name: 'Unprocessable',
    description:
      'Validation failed (`validation_failed`, with `details.issues[{ path, message }]`), the Idempotency-Key was reused with a different request ' +
      '(`idempotency_key_reused`), or the request cannot be processed (`unprocessable`).',
    example: {
      code: 'validation_failed',
      message: 'body.email: Invalid email',
      details: { issues: [{ path: 'body.email', message: 'Invalid email' }] },
    },
  },
  402: {
    name: 'PaymentRequired',
    description:
      'A payment is needed before this can go ahead (`payment_required`), or the card was declined (`card_declined`).',
    example: { code: 'payment_required', message: 'A deposit is required to book this service' },
  },
  413: {
    name: 'PayloadTooLarge',
    description: 'The request body is over the size limit (`payload_too_large`).',
    example: { code: 'payload_too_large', message: 'Request body is too large' },
  },
  500: {
    name: 'InternalError',
    description:
      'A bug on our side (`internal_error`), logged with the request id; quote `X-Request-Id` when reporting it.',
    example: {
      code: 'internal_error',
      message: 'Something went wrong on our side; it has been logged',
    },
  },
  503: {
    name: 'ServiceUnavailable',
    description:
      'The database or another dependency is briefly unavailable (`service_unavailable`); retry after `Retry-After` seconds.',
    example: { code: 'service_unavailable', message: 'Temporarily unavailable; retry shortly' },
  },
  429: {
    name: 'RateLimited',
    description:
      'Too many requests (`rate_limited`); wait for the `Retry-After` header (seconds) before retrying.',
    example: {
      code: 'rate_limited',
      message: 'Too many requests; retry in 12 s',
      details: { retryAfterSeconds: 12 },
    },
  },
};

/** The catch-all, for a status added to the API after a client was generated. */
export const DEFAULT_ERROR_DESCRIPTION =
  'Any other error, in the same shape. Every status an operation can answer is listed on it; this covers statuses added later.';

/** Response headers, as components. */
export const HEADERS: Record<string, Json> = {
  XRequestId: {
    required: true,
    description:
      'Identifies the request in the server logs (yours when you sent a valid `X-Request-Id`); quote it to support.',
    schema: { type: 'string' },
    example: '6f1d2c3b-8a4e-4f5d-9b7c-1e2f3a4b5c6d',
  },
  SlotwiseVersion: {
    required: true,
    description: `The API version that answered (see \`${API_VERSION_HEADER}\` on the request).`,
    schema: { type: 'string', enum: [...API_VERSIONS] },
    example: API_VERSION,
  },
  RetryAfter: {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 0 },
    example: 12,
  },
  RateLimitLimit: {
    description: 'Requests allowed in the current window for this client.',
    schema: { type: 'integer', minimum: 0 },
    example: 100,
  },
  RateLimitRemaining: {
    description: 'Requests left in the current window.',
    schema: { type: 'integer', minimum: 0 },
    example: 99,
  },
  IdempotentReplayed: {
    description:
      '`true` when this is the stored response of an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', enum: ['true'] },
    example: 'true',
  },
};
export const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

export function successHeaders(route: AppRoute): Json {
  const m = (route.metadata ?? { auth: 'none' }) as RouteMeta;
  const limited = !route.path.startsWith('/health');
  return {
    'X-Request-Id': headerRef('XRequestId'),
    [API_VERSION_HEADER]: headerRef('SlotwiseVersion'),
    ...(limited
      ? {
          'RateLimit-Limit': headerRef('RateLimitLimit'),
          'RateLimit-Remaining': headerRef('RateLimitRemaining'),
        }
      : {}),
    ...((route.method === 'POST' || route.method === 'PATCH') && m
      ? { 'Idempotent-Replayed': headerRef('IdempotentReplayed') }
      : {}),
  };
}

export const VERSION_PARAMETER = {
  name: API_VERSION_HEADER,
  in: 'header',
  required: false,
  description:
    'The dated API version your code was written against (docs/guides/api-versioning.md). Omitted: the current version. An unknown version is refused with 400 `bad_request`.',
  schema: { type: 'string', enum: [...API_VERSIONS] },
  example: API_VERSION,
};
