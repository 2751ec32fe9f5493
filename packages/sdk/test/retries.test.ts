import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  ConnectionError,
  RateLimitError,
  Slotwise,
  TimeoutError,
  ValidationError,
} from '../src';
import { backoffDelayMs } from '../src/transport';
import { apiError, fakeFetch, hang, json } from './fake-fetch';

const base = 'https://api.test';
const tenant = { slug: 'acme' };
const memberBody = { email: 'a@b.co', name: 'A', role: 'staff' as const };

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  // Jitter factor 0.5 + 0.5 * 0.5 = 0.75 of the cap: 375 ms, 750 ms, 1500 ms, ...
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs the call while advancing fake time, and returns its settled outcome. */
async function settle<T>(p: PromiseLike<T>, ms = 120_000): Promise<{ value?: T; error?: unknown }> {
  const out: { value?: T; error?: unknown } = {};
  const done = Promise.resolve(p).then(
    (v) => (out.value = v),
    (e) => (out.error = e),
  );
  await vi.advanceTimersByTimeAsync(ms);
  await done;
  return out;
}

describe('backoff', () => {
  it('grows exponentially with jitter and is capped at 8 s', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect([0, 1, 2, 3, 4, 5, 10].map(backoffDelayMs)).toEqual([
      250, 500, 1000, 2000, 4000, 4000, 4000,
    ]);
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect(backoffDelayMs(0)).toBe(500);
    expect(backoffDelayMs(10)).toBe(8000);
  });
});

describe('retries', () => {
  it('retries network errors on GET with jittered exponential backoff, then succeeds', async () => {
    const f = fakeFetch(
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      json(200, tenant),
    );
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const r = await settle(sdk.public.tenants.get({ params: { slug: 'acme' } }));
    expect(r.value).toEqual(tenant);
    expect(f.calls.map((c) => c.at)).toEqual([0, 375, 375 + 750]);
  });

  it('gives up after maxRetries and throws ConnectionError with the cause', async () => {
    const cause = new TypeError('ECONNREFUSED');
    const f = fakeFetch(cause);
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch, maxRetries: 3 });
    const r = await settle(sdk.public.tenants.get({ params: { slug: 'acme' } }));
    expect(f.calls).toHaveLength(4);
    expect(r.error).toBeInstanceOf(ConnectionError);
    expect((r.error as ConnectionError).status).toBe(0);
    expect((r.error as ConnectionError).code).toBe('connection_error');
    expect((r.error as Error).cause).toBe(cause);
  });

  it('retries 5xx and surfaces ApiError when they persist', async () => {
    const f = fakeFetch(apiError(503, 'service_unavailable'));
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch, maxRetries: 2 });
    const r = await settle(sdk.members.list());
    expect(f.calls).toHaveLength(3);
    expect(r.error).toBeInstanceOf(ApiError);
    expect((r.error as ApiError).status).toBe(503);
  });

  it('honours Retry-After on 429 instead of its own backoff', async () => {
    const f = fakeFetch(
      apiError(429, 'rate_limited', 'slow down', {}, { 'retry-after': '7' }),
      json(200, tenant),
    );
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const r = await settle(sdk.public.tenants.get({ params: { slug: 'acme' } }));
    expect(r.value).toEqual(tenant);
    expect(f.calls.map((c) => c.at)).toEqual([0, 7000]);
  });

  it('does not sleep through a Retry-After over 60 s: throws RateLimitError with retryAfter', async () => {
    const f = fakeFetch(
      apiError(
        429,
        'rate_limited',
        'slow down',
        { details: { retryAfterSeconds: 120 } },
        { 'retry-after': '120' },
      ),
    );
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const r = await settle(sdk.members.list());
    expect(f.calls).toHaveLength(1);
    expect(r.error).toBeInstanceOf(RateLimitError);
    expect((r.error as RateLimitError).retryAfter).toBe(120);
  });

  it('reuses one generated Idempotency-Key across every retry of a POST', async () => {
    const f = fakeFetch(
      new TypeError('socket hang up'),
      apiError(502, 'bad_gateway'),
      json(201, { id: 'x' }),
    );
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const r = await settle(sdk.members.add({ body: memberBody }));
    expect(r.value).toEqual({ id: 'x' });
    const keys = f.calls.map((c) => c.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('retries idempotency_in_progress (409) but no other 4xx', async () => {
    const inProgress = fakeFetch(apiError(409, 'idempotency_in_progress'), json(201, { id: 'x' }));
    const a = await settle(
      new Slotwise({ baseUrl: base, anonymous: true, fetch: inProgress.fetch }).members.add({
        body: memberBody,
        idempotencyKey: 'k1',
      }),
    );
    expect(a.value).toEqual({ id: 'x' });
    expect(inProgress.calls.map((c) => c.headers['idempotency-key'])).toEqual(['k1', 'k1']);

    const invalid = fakeFetch(
      apiError(422, 'validation_failed', 'bad', {
        details: { issues: [{ path: 'body.email', message: 'Invalid email' }] },
      }),
    );
    const b = await settle(
      new Slotwise({ baseUrl: base, anonymous: true, fetch: invalid.fetch }).members.add({
        body: memberBody,
      }),
    );
    expect(invalid.calls).toHaveLength(1);
    expect(b.error).toBeInstanceOf(ValidationError);
    expect((b.error as ValidationError).issues).toEqual([
      { path: 'body.email', message: 'Invalid email' },
    ]);
  });

  it('maxRetries: 0 makes exactly one attempt', async () => {
    const f = fakeFetch(apiError(500, 'internal_error'));
    const r = await settle(
      new Slotwise({
        baseUrl: base,
        anonymous: true,
        fetch: f.fetch,
        maxRetries: 0,
      }).members.list(),
    );
    expect(f.calls).toHaveLength(1);
    expect(r.error).toBeInstanceOf(ApiError);
  });
});

describe('timeouts and abort', () => {
  it('times each attempt out after timeoutMs, retries, then throws TimeoutError', async () => {
    const f = fakeFetch(hang);
    const sdk = new Slotwise({
      baseUrl: base,
      anonymous: true,
      fetch: f.fetch,
      timeoutMs: 1000,
      maxRetries: 1,
    });
    const r = await settle(sdk.members.list());
    expect(r.error).toBeInstanceOf(TimeoutError);
    expect(r.error).toBeInstanceOf(ConnectionError);
    expect((r.error as TimeoutError).code).toBe('timeout');
    expect(f.calls.map((c) => c.at)).toEqual([0, 1000 + 375]);
    expect(f.calls.every((c) => c.signal?.aborted)).toBe(true);
  });

  it('a per-call timeoutMs overrides the client default', async () => {
    const f = fakeFetch(hang);
    const sdk = new Slotwise({
      baseUrl: base,
      anonymous: true,
      fetch: f.fetch,
      timeoutMs: 60_000,
      maxRetries: 0,
    });
    const started = Date.now();
    const r = await settle(sdk.members.list({ timeoutMs: 50 }), 1000);
    expect(r.error).toBeInstanceOf(TimeoutError);
    expect(f.calls[0]!.signal?.aborted).toBe(true);
    expect(Date.now() - started).toBe(1000);
  });

  it('aborting the caller’s signal cancels the request in flight with the caller’s reason, without retrying', async () => {
    const f = fakeFetch(hang);
    const ctrl = new AbortController();
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch });
    const p = settle(sdk.members.list({ signal: ctrl.signal }));
    await vi.advanceTimersByTimeAsync(10);
    const reason = new Error('user navigated away');
    ctrl.abort(reason);
    const r = await p;
    expect(r.error).toBe(reason);
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]!.signal?.aborted).toBe(true);
  });

  it('aborting during a backoff sleep stops the retries at once', async () => {
    const f = fakeFetch(apiError(503, 'service_unavailable'));
    const ctrl = new AbortController();
    const sdk = new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch, maxRetries: 5 });
    const p = settle(sdk.members.list({ signal: ctrl.signal }), 100);
    await vi.advanceTimersByTimeAsync(10);
    ctrl.abort();
    const r = await p;
    expect((r.error as DOMException).name).toBe('AbortError');
    expect(f.calls).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const f = fakeFetch(json(200, tenant));
    const r = await settle(
      new Slotwise({ baseUrl: base, anonymous: true, fetch: f.fetch }).members.list({
        signal: AbortSignal.abort(),
      }),
    );
    expect((r.error as DOMException).name).toBe('AbortError');
    expect(f.calls).toHaveLength(0);
  });
});
