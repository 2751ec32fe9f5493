import { attachResponse, type WithResponse } from './api-promise';
import {
  ConnectionError,
  errorFromResponse,
  parseRetryAfter,
  SlotwiseError,
  TimeoutError,
} from './errors';
import { API_VERSION } from './generated/constants';
import type { Hooks, RequestOptions, ResponseInfo } from './options';
import type { RouteSpec } from './route-table';
import { SDK_VERSION } from './version';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportConfig {
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs: number;
  maxRetries: number;
  userAgent?: string;
  /** Read on every attempt, so `setAccessToken` takes effect on the next call. */
  credential: () => string | undefined;
  apiVersion?: string;
  hooks?: Hooks;
}

export interface CallInput extends RequestOptions {
  params?: Record<string, unknown>;
  query?: unknown;
  body?: unknown;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** A longer Retry-After is the server asking us to go away; surface it instead of sleeping. */
const MAX_RETRY_AFTER_S = 60;
const RETRIABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Safe to repeat as is; POST/PATCH become safe when they carry an Idempotency-Key. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

interface RuntimeGlobals {
  process?: { versions?: { node?: string } };
  Deno?: unknown;
  Bun?: unknown;
  crypto?: { randomUUID?: () => string; getRandomValues?: <T extends Uint8Array>(a: T) => T };
}
const g = globalThis as unknown as RuntimeGlobals;

/** Browsers forbid User-Agent and CORS would preflight a custom header, so only server runtimes send one. */
const isServerRuntime = Boolean(g.process?.versions?.node || g.Deno || g.Bun);

export function newIdempotencyKey(): string {
  if (g.crypto?.randomUUID) return g.crypto.randomUUID();
  // Node 18 without --experimental-global-webcrypto: still 122 random bits in v4 layout.
  const b = new Uint8Array(16);
  if (g.crypto?.getRandomValues) g.crypto.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Full-jitter-ish exponential backoff: 0.5–1 × min(8 s, 0.5 s × 2^attempt). */
export function backoffDelayMs(attempt: number): number {
  const cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(cap * (0.5 + Math.random() / 2));
}

/**
 * Why the caller's signal fired. `AbortSignal.timeout()` aborts with a DOMException named
 * TimeoutError: that is a timeout, so it becomes the SDK's TimeoutError (isTimeoutError is true).
 */
function abortReason(signal: AbortSignal): unknown {
  const reason = signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
  if (
    (reason as { name?: unknown } | null)?.name === 'TimeoutError' &&
    !(reason instanceof SlotwiseError)
  ) {
    return new TimeoutError({
      status: 0,
      code: 'timeout',
      message: 'The call was aborted by its timeout signal',
      cause: reason,
    });
  }
  return reason;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function buildPath(route: RouteSpec, params: Record<string, unknown> = {}): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined || v === null || v === '') {
      throw new TypeError(`Missing path parameter "${name}" for ${route.method} ${route.path}`);
    }
    // Encoded so an id can never climb out of its path segment.
    return encodeURIComponent(String(v));
  });
}

/** `qs`-compatible: arrays as `key[0]=a&key[1]=b`, objects as `key[sub]=v`; undefined is left out. */
function queryPairs(key: string, value: unknown): [string, string][] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => queryPairs(`${key}[${i}]`, v));
  if (value instanceof Date) return [[key, value.toISOString()]];
  if (value === null) return [[key, '']];
  if (typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => queryPairs(`${key}[${k}]`, v));
  return [[key, String(value)]];
}

export function queryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const pairs = Object.entries(query).flatMap(([k, v]) => queryPairs(k, v));
  return pairs.length
    ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`
    : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function responseInfo(res: Response, method: string, url: string): ResponseInfo {
  return {
    status: res.status,
    headers: res.headers,
    requestId: res.headers.get('x-request-id') ?? undefined,
    method,
    url,
    apiVersion: res.headers.get('slotwise-version') ?? undefined,
    replayed: res.headers.get('idempotent-replayed') === 'true',
  };
}

/** One HTTP call with auth, version, idempotency key, timeout, abort, hooks and retries. */
export class Transport {
  constructor(private readonly config: TransportConfig) {}

  async call(route: RouteSpec, input: CallInput = {}): Promise<WithResponse<unknown>> {
    const { baseUrl, maxRetries, hooks } = this.config;
    const url = `${baseUrl.replace(/\/+$/, '')}${buildPath(route, input.params)}${queryString(input.query)}`;
    const method = route.method.toUpperCase();
    const textType = route.accept;
    const headers: Record<string, string> = {
      Accept: textType ?? 'application/json',
      'Slotwise-Version': this.config.apiVersion ?? API_VERSION,
    };
    if (input.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'POST' || method === 'PATCH')
      headers['Idempotency-Key'] = input.idempotencyKey ?? newIdempotencyKey();
    if (isServerRuntime) {
      const ua = `slotwise-sdk-js/${SDK_VERSION}`;
      headers['User-Agent'] = this.config.userAgent ? `${this.config.userAgent} ${ua}` : ua;
    }
    Object.assign(headers, input.headers);
    const body = input.body === undefined ? undefined : JSON.stringify(input.body);
    const retriable = IDEMPOTENT_METHODS.has(method) || 'Idempotency-Key' in headers;

    for (let attempt = 0; ; attempt++) {
      const canRetry = retriable && attempt < maxRetries;
      const credential = this.config.credential();
      const attemptHeaders = credential
        ? { ...headers, Authorization: `Bearer ${credential}` }
        : { ...headers };
      await hooks?.onRequest?.({ method, url, headers: attemptHeaders, attempt });
      const startedAt = Date.now();
      let res: Response;
      let text: string;
      try {
        ({ res, text } = await this.attempt(url, { method, headers: attemptHeaders, body }, input));
      } catch (err) {
        if (!(err instanceof ConnectionError) || !canRetry) throw err;
        await sleep(backoffDelayMs(attempt), input.signal);
        continue;
      }
      const info = responseInfo(res, method, url);
      await hooks?.onResponse?.({ ...info, attempt, durationMs: Date.now() - startedAt });

      if (res.ok) {
        if (textType !== undefined) return { data: text, response: info };
        if (res.status === 204 || text === '') return { data: undefined, response: info };
        const parsed = parseJson(text);
        if (parsed === undefined) {
          throw new SlotwiseError({
            status: res.status,
            code: 'invalid_response',
            message: 'The API answered with a body that is not JSON',
            requestId: info.requestId,
            headers: res.headers,
          });
        }
        return { data: attachResponse(parsed, info), response: info };
      }

      const error = errorFromResponse(res.status, parseJson(text), res.headers);
      const again = RETRIABLE_STATUS.has(res.status) || error.code === 'idempotency_in_progress';
      if (!again || !canRetry) throw error;
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
      if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_S) throw error;
      await sleep(
        retryAfter !== undefined ? retryAfter * 1000 : backoffDelayMs(attempt),
        input.signal,
      );
    }
  }

  private async attempt(
    url: string,
    init: RequestInit,
    input: CallInput,
  ): Promise<{ res: Response; text: string }> {
    const signal = input.signal;
    if (signal?.aborted) throw abortReason(signal);
    const fetchImpl = this.config.fetch ?? (globalThis.fetch as FetchLike | undefined);
    if (!fetchImpl)
      throw new TypeError('No fetch implementation: pass `fetch` to new Slotwise({ ... })');
    const timeoutMs = input.timeoutMs ?? this.config.timeoutMs;
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, timeoutMs);
    const onAbort = () => ctrl.abort(abortReason(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await fetchImpl(url, { ...init, signal: ctrl.signal });
      // The timeout covers the body too: a server that stalls mid-body is as dead as a silent one.
      const text = await res.text();
      return { res, text };
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal);
      if (timedOut) {
        throw new TimeoutError({
          status: 0,
          code: 'timeout',
          message: `No response within ${timeoutMs} ms (${init.method} ${url})`,
          cause: err,
        });
      }
      const why = err instanceof Error ? err.message : String(err);
      throw new ConnectionError({
        status: 0,
        code: 'connection_error',
        message: `Could not reach the Slotwise API: ${why}`,
        cause: err,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
