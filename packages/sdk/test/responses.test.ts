import { contract } from '@slotwise/contracts';
import { isAppRoute, type AppRouter } from '@ts-rest/core';
import { describe, expect, it } from 'vitest';
import {
  API_VERSION,
  isTimeoutError,
  Slotwise,
  type RequestEvent,
  type ResponseEvent,
} from '../src';
import { ROUTES } from '../src/generated/routes';
import { apiError, fakeFetch, hang, json } from './fake-fetch';

const base = 'https://api.test';
const key = (n: number) => ({ id: `k${n}`, name: `key ${n}` });

describe('request ids, headers and the API version on every result', () => {
  it('withResponse() gives the body with status, headers and request id; objects carry lastResponse', async () => {
    const f = fakeFetch(
      json(
        200,
        { id: 'm1' },
        {
          'x-request-id': 'req_abc',
          'slotwise-version': API_VERSION,
          'idempotent-replayed': 'true',
        },
      ),
    );
    const sdk = new Slotwise({ baseUrl: base, apiKey: 'sk_test_x', fetch: f.fetch });
    const { data, response } = await sdk.auth.me().withResponse();
    expect(data).toEqual({ id: 'm1' });
    expect(response).toMatchObject({
      status: 200,
      requestId: 'req_abc',
      apiVersion: API_VERSION,
      replayed: true,
      method: 'GET',
    });
    expect(response.headers.get('x-request-id')).toBe('req_abc');
    const plain = (await sdk.auth.me()) as { lastResponse?: { requestId?: string } };
    expect(plain.lastResponse?.requestId).toBe('req_abc');
    expect(Object.keys(plain)).toEqual(['id']); // not enumerable: JSON and spreads stay clean
  });

  it('list methods expose the first page response too', async () => {
    const f = fakeFetch(
      json(200, { items: [key(1)], nextCursor: null }, { 'x-request-id': 'req_list' }),
    );
    const sdk = new Slotwise({ baseUrl: base, apiKey: 'sk_test_x', fetch: f.fetch });
    const { data, response } = await sdk.apiKeys.list().withResponse();
    expect(data.items).toHaveLength(1);
    expect(response.requestId).toBe('req_list');
  });

  it('sends the pinned dated version on every request, or the one the caller chose', async () => {
    expect(API_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const f = fakeFetch(json(200, {}));
    await new Slotwise({ baseUrl: base, apiKey: 'sk_test_x', fetch: f.fetch }).auth.me();
    await new Slotwise({
      baseUrl: base,
      apiKey: 'sk_test_x',
      fetch: f.fetch,
      apiVersion: '2026-12-01',
    }).auth.me();
    expect(f.calls.map((c) => c.headers['slotwise-version'])).toEqual([API_VERSION, '2026-12-01']);
  });

  it('calls onRequest before and onResponse after every attempt, retries included', async () => {
    const f = fakeFetch(
      apiError(503, 'service_unavailable', 'down', {}, { 'retry-after': '0' }),
      json(200, {}, { 'x-request-id': 'r2' }),
    );
    const seen: string[] = [];
    const sdk = new Slotwise({
      baseUrl: base,
      apiKey: 'sk_test_x',
      fetch: f.fetch,
      hooks: {
        onRequest: (e: RequestEvent) => {
          seen.push(`req ${e.method} ${e.attempt}`);
          e.headers['x-trace'] = `t${e.attempt}`;
        },
        onResponse: (e: ResponseEvent) =>
          void seen.push(`res ${e.status} ${e.attempt} ${e.requestId ?? '-'}`),
      },
    });
    await sdk.auth.me();
    expect(seen).toEqual(['req GET 0', 'res 503 0 -', 'req GET 1', 'res 200 1 r2']);
    expect(f.calls.map((c) => c.headers['x-trace'])).toEqual(['t0', 't1']);
  });
});

describe('construction and timeouts', () => {
  it('fails clearly without a credential, unless anonymous on purpose', () => {
    expect(() => new Slotwise({ baseUrl: base })).toThrow(/needs a credential.*anonymous: true/);
    expect(() => new Slotwise({ baseUrl: base, apiKey: '' })).toThrow(/apiKey.*empty string/);
    expect(() => new Slotwise({ baseUrl: base, apiKey: undefined as unknown as string })).toThrow(
      /credential/,
    );
    expect(() => new Slotwise({ baseUrl: base, anonymous: true })).not.toThrow();
    expect(() => new Slotwise({ baseUrl: base, accessToken: 'jwt' })).not.toThrow();
  });

  it('isTimeoutError recognises a call cut by AbortSignal.timeout()', async () => {
    const f = fakeFetch(hang);
    const sdk = new Slotwise({ baseUrl: base, apiKey: 'sk_test_x', fetch: f.fetch });
    const err = await sdk.auth.me({ signal: AbortSignal.timeout(20) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isTimeoutError(err)).toBe(true);
    expect((err as Error).name).toBe('TimeoutError');
    expect(isTimeoutError(new DOMException('t', 'TimeoutError'))).toBe(true);
    expect(isTimeoutError(new DOMException('a', 'AbortError'))).toBe(false);
  });
});

describe('autoPagingToArray', () => {
  it('collects across pages up to limit and stops fetching', async () => {
    const pages = [
      { items: [key(1), key(2)], nextCursor: 'c1' },
      { items: [key(3), key(4)], nextCursor: 'c2' },
      { items: [key(5)], nextCursor: null },
    ];
    const f = fakeFetch((call) => {
      const c = new URL(call.url).searchParams.get('cursor');
      return json(200, pages[c === null ? 0 : Number(c.slice(1))]);
    });
    const sdk = new Slotwise({ baseUrl: base, apiKey: 'sk_test_x', fetch: f.fetch });
    expect((await sdk.apiKeys.list().autoPagingToArray({ limit: 3 })).map((k) => k.id)).toEqual([
      'k1',
      'k2',
      'k3',
    ]);
    expect(f.calls).toHaveLength(2);
    expect(await sdk.apiKeys.list().autoPagingToArray({ limit: Infinity })).toHaveLength(5);
    await expect(sdk.apiKeys.list().autoPagingToArray({} as never)).rejects.toThrow(
      /needs a limit/,
    );
  });
});

describe('the generated route table', () => {
  function paths(router: AppRouter, prefix: string[] = []): string[][] {
    return Object.entries(router).flatMap(([k, v]) =>
      isAppRoute(v) ? [[...prefix, k]] : paths(v, [...prefix, k]),
    );
  }
  it('has every route of the contracts with its method and path (else: npm run generate -w @slotwise/sdk)', () => {
    for (const p of paths(contract)) {
      const route = p.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], contract) as {
        method: string;
        path: string;
      };
      const spec = p.reduce<unknown>(
        (o, k) => (o as Record<string, unknown> | undefined)?.[k],
        ROUTES,
      ) as { method: string; path: string } | undefined;
      expect(spec, p.join('.')).toMatchObject({ method: route.method, path: route.path });
    }
  });
});
