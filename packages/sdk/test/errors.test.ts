import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  InvalidRequestError,
  isApiError,
  isAuthenticationError,
  isConflictError,
  isConnectionError,
  isInvalidRequestError,
  isNotFoundError,
  isPermissionError,
  isRateLimitError,
  isSlotwiseError,
  isTimeoutError,
  isValidationError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  Slotwise,
  SlotwiseError,
  ValidationError,
} from '../src';
import { errorFromResponse, parseRetryAfter } from '../src/errors';
import { apiError, fakeFetch, json } from './fake-fetch';

async function failure(res: Response): Promise<SlotwiseError> {
  const sdk = new Slotwise({
    baseUrl: 'https://api.test',
    anonymous: true,
    fetch: fakeFetch(res).fetch,
    maxRetries: 0,
  });
  return sdk.auth.me().then(
    () => {
      throw new Error('expected a failure');
    },
    (e: SlotwiseError) => e,
  );
}

describe('error mapping', () => {
  it.each([
    [400, 'bad_request', InvalidRequestError],
    [401, 'token_expired', AuthenticationError],
    [402, 'payment_required', InvalidRequestError],
    [403, 'insufficient_scope', PermissionError],
    [404, 'not_found', NotFoundError],
    [409, 'slot_unavailable', ConflictError],
    [413, 'payload_too_large', InvalidRequestError],
    [422, 'validation_failed', ValidationError],
    [422, 'idempotency_key_reused', InvalidRequestError],
    [429, 'rate_limited', RateLimitError],
    [500, 'internal_error', ApiError],
    [503, 'service_unavailable', ApiError],
  ] as const)('%i %s → %o', async (status, code, cls) => {
    const e = await failure(
      apiError(status, code, `msg ${code}`, {}, status === 429 ? { 'retry-after': '90' } : {}),
    );
    expect(e).toBeInstanceOf(cls);
    expect(e).toBeInstanceOf(SlotwiseError);
    expect(e.constructor).toBe(cls);
    expect(e.name).toBe(cls.name);
    expect(e.status).toBe(status);
    expect(e.code).toBe(code);
    expect(e.message).toBe(`msg ${code}`);
    expect(e.requestId).toBe('req_123');
  });

  it('keeps validation issues, details and the X-Request-Id header when the body has none', async () => {
    const issues = [{ path: 'body.timeZone', message: 'Unknown IANA time zone' }];
    const e = await failure(
      json(
        422,
        { error: { code: 'validation_failed', message: 'bad', details: { issues } } },
        { 'x-request-id': 'hdr-id' },
      ),
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues).toEqual(issues);
    expect(e.details).toEqual({ issues });
    expect(e.requestId).toBe('hdr-id');
  });

  it('maps a non-JSON error page (a proxy’s 502) to ApiError with an http_ code', async () => {
    const e = await failure(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        headers: { 'content-type': 'text/html' },
      }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('http_502');
    expect(e.status).toBe(502);
  });

  it('rejects a 2xx whose body is not JSON', async () => {
    const e = await failure(new Response('OK', { status: 200 }));
    expect(e.code).toBe('invalid_response');
  });

  it('reads Retry-After as seconds or an HTTP date, and falls back to details.retryAfterSeconds', () => {
    expect(parseRetryAfter('12')).toBe(12);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60);
    expect(parseRetryAfter('soon')).toBeUndefined();
    const e = errorFromResponse(
      429,
      { error: { code: 'rate_limited', message: 'x', details: { retryAfterSeconds: 4 } } },
      new Headers(),
    );
    expect((e as RateLimitError).retryAfter).toBe(4);
  });
});

describe('guards', () => {
  const make = (status: number, code: string) =>
    errorFromResponse(status, { error: { code, message: code } }, new Headers());

  it('narrow by class and by code', () => {
    const v = make(422, 'validation_failed');
    expect(isSlotwiseError(v)).toBe(true);
    expect(isSlotwiseError(v, 'validation_failed')).toBe(true);
    expect(isSlotwiseError(v, 'not_found')).toBe(false);
    expect(isValidationError(v) && isInvalidRequestError(v)).toBe(true);
    expect(isAuthenticationError(make(401, 'unauthenticated'))).toBe(true);
    expect(isPermissionError(make(403, 'forbidden'))).toBe(true);
    expect(isNotFoundError(make(404, 'not_found'))).toBe(true);
    expect(isConflictError(make(409, 'conflict'))).toBe(true);
    expect(isRateLimitError(make(429, 'rate_limited'))).toBe(true);
    expect(isApiError(make(500, 'internal_error'))).toBe(true);
    expect(isConflictError(make(404, 'not_found'))).toBe(false);
    expect(isSlotwiseError(new Error('x'))).toBe(false);
    expect(isSlotwiseError(null)).toBe(false);
  });

  it('recognise errors from another copy of the SDK (ESM and CJS loaded together) by brand and name', () => {
    const foreign = Object.assign(new Error('boom'), {
      name: 'TimeoutError',
      status: 0,
      code: 'timeout',
      [Symbol.for('slotwise.sdk.error')]: true,
    });
    expect(isSlotwiseError(foreign)).toBe(true);
    expect(isTimeoutError(foreign)).toBe(true);
    expect(isConnectionError(foreign)).toBe(true);
    expect(isApiError(foreign)).toBe(false);
  });
});
