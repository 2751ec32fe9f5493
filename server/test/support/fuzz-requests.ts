import fc from 'fast-check';
import { isAppRoute, isZodType, type AppRoute, type AppRouter } from '@ts-rest/core';
import { stringify } from 'qs';
import type { ZodTypeAny } from 'zod';
import { checkJsonShape, MAX_JSON_ENTRIES, parseQuery } from '../../src/http/request-guards';
import { arbitraryFor, type ArbitraryContext } from './zod-arbitrary';

/**
 * Requests for the contract-driven fuzz test: a valid-ish request generated from a route's own
 * schemas, then 0–3 mutations. Each request knows whether the server must refuse it before any
 * handler runs — a contract schema rejects it (checked here with the same schemas and the same
 * query parser as the server), or a mutation the HTTP layer refuses (unparseable or too-deep
 * body, non-JSON content type, bad credentials, bad Idempotency-Key).
 */
export interface FuzzRoute {
  name: string;
  route: AppRoute;
}

export interface FuzzRequest {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The contract or the HTTP layer refuses it: no handler may run. */
  refused: boolean;
  mutations: string[];
}

export function contractRoutes(router: AppRouter, prefix: string[] = []): FuzzRoute[] {
  return Object.entries(router).flatMap(([k, v]) =>
    isAppRoute(v) ? [{ name: [...prefix, k].join('.'), route: v }] : contractRoutes(v, [...prefix, k]),
  );
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const nest = (n: number, leaf: unknown): unknown => (n === 0 ? leaf : [nest(n - 1, leaf)]);
const rawNest = (n: number, open: string, leaf: string, close: string) => open.repeat(n) + leaf + close.repeat(n);
/** URLs carry UTF-8: a lone surrogate cannot be percent-encoded, so it becomes U+FFFD as in browsers. */
const toWellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const wellFormed = (v: unknown): unknown =>
  typeof v === 'string' ? toWellFormed(v) : Array.isArray(v) ? Array.from(v, wellFormed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [toWellFormed(k), wellFormed(x)])) : v;

const FAR_DATES = fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true });

/** Values that break types, ranges, encodings and parsers. */
export function hostileValues(ids: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(
      null, true, false, 0, -1, 1.5, -0.5, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1,
      '', ' ', '\ud800', 'a\udc00b', '\udbff', '\u0000', 'nul\u0000byte', 'x'.repeat(5000), '💇'.repeat(100),
      '0000-01-01', '9999-12-31', '-271821-04-20', '275760-09-13', '2030-02-30', '2030-13-01', '1969-12-31', '2201-01-01',
      '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z',
      '2030-01-08T10:00:00+25:00', '2030-01-08T10:00:00-14:30', '2030-01-08T10:00:00+99:99', '2030-01-08 10:00', '24:01', '99:99', '-01:00',
      'NaN', 'Infinity', '1e400', '__proto__', 'constructor', "'; DROP TABLE bookings; --", '<script>alert(1)</script>', '../../etc/passwd',
      'Mars/Olympus_Mons', 'XXX', '#zzzzzz', 'not-an-email', 'javascript:alert(1)', 'a',
      {}, [], [[]], [null], ['\ud800'], { a: { b: { c: {} } } }, JSON.parse('{"__proto__":{"polluted":true}}'), nest(20, 1),
      ...ids,
    ),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: fc.constantFrom('\ud800', '\udfff', 'a', '\u0000', '😀'), maxLength: 8 }),
    fc.integer(),
    fc.double(),
    fc.jsonValue({ maxDepth: 3 }),
    FAR_DATES.map((d) => d.toISOString()),
    FAR_DATES.map((d) => d.toISOString().slice(0, 10)),
  );
}

/** Bodies sent as they are; whether the server must refuse them is worked out like any other. */
const RAW_BODIES: string[] = [
  '{"a":', '{"a":1,}', "{'a':1}", 'null', '"text"', '1', 'true', '{}}', '\u0000', 'NaN', '\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\u0000"}',
  '{"__proto__":{"polluted":true}}', '{"a":1e999}', '[]', '{}', rawNest(32, '[', '', ']'), rawNest(33, '[', '', ']'), rawNest(33, '{"a":', '1', '}'),
  rawNest(3000, '[', '', ']'), rawNest(3000, '{"a":', '1', '}'), `{${Array.from({ length: 300 }, (_, i) => `"k${i}":0`).join(',')}}`,
  `{${Array.from({ length: 2001 }, (_, i) => `"k${i}":0`).join(',')}}`, `[${'0,'.repeat(MAX_JSON_ENTRIES)}0]`,
];

const BAD_PARAMS = ['not-a-uuid', '', ' ', '%00', '\u0000', '..', '.', 'x'.repeat(300), '0', '-1', "' OR 1=1 --", '\ud800', '😀', 'a/b', 'A0000000-0000-4000-8000-00000000000Z'];
const NON_JSON_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16le', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'];

type Target = 'body' | 'query' | 'params';
type Mutation =
  | { kind: 'replace'; target: Target; pick: number; value: unknown }
  | { kind: 'delete'; target: Target; pick: number }
  | { kind: 'addKey'; target: Target; pick: number; key: string; value: unknown }
  | { kind: 'param'; pick: number; value: string }
  | { kind: 'raw'; raw: string }
  | { kind: 'contentType'; value: string }
  | { kind: 'encoding'; value: string }
  | { kind: 'idempotencyKey'; value: string; valid: boolean }
  | { kind: 'auth'; value: string }
  | { kind: 'cursor'; value: string }
  | { kind: 'requestId'; value: string };

function mutationArb(ids: readonly string[]): fc.Arbitrary<Mutation> {
  const hostile = hostileValues(ids);
  const target = fc.constantFrom<Target>('body', 'body', 'query', 'params');
  const pick = fc.nat();
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('replace' as const), target, pick, value: hostile }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), target, pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('addKey' as const), target, pick, key: fc.constantFrom('extra', '__proto__', 'constructor', 'tenantId', '\ud800', ''), value: hostile }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('param' as const), pick, value: fc.constantFrom(...BAD_PARAMS, ...ids) }) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES).map((raw) => ({ kind: 'raw' as const, raw })) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('contentType' as const), value: fc.constantFrom(...NON_JSON_TYPES) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('encoding' as const), value: fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown') }) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.uuid().map((value) => ({ kind: 'idempotencyKey' as const, value, valid: true })),
        fc.constantFrom('', 'has space', 'é', 'k'.repeat(256)).map((value) => ({ kind: 'idempotencyKey' as const, value, valid: false })),
      ),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('auth' as const), value: fc.constantFrom('', 'Bearer ', 'Bearer garbage', 'Basic dXNlcjpwYXNz', 'Bearer sk_test_nope') }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('cursor' as const),
        value: fc.oneof(
          fc.constantFrom('garbage', '%', 'c'.repeat(600), b64([]), b64(null), b64('t'), b64({ t: 1e20, id: ids[0] }), b64({ t: '2030-01-01T00:00:00Z', id: 'x' })),
          fc.tuple(fc.oneof(FAR_DATES.map((d) => d.toISOString()), fc.constantFrom('-271821-04-20T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2030-01-01T00:00:00+25:00')), fc.constantFrom(...ids)).map(([t, id]) => b64({ t, id })),
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('requestId' as const), value: fc.constantFrom('x'.repeat(200), '../../', 'a b', '\u00e9') }) },
  );
}

/** Every path into a JSON value, the root included. */
function pathsOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (at.length < 8 && v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

function edit(root: unknown, path: (string | number)[], change: (parent: Record<string | number, unknown>, key: string | number) => void, replaceRoot: () => unknown): unknown {
  if (path.length === 0) return replaceRoot();
  const copy = JSON.parse(JSON.stringify(root) ?? 'null') as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) {
    node = node?.[k] as Record<string | number, unknown>;
    if (!node || typeof node !== 'object') return root; // an earlier edit moved it; leave as is
  }
  if (node && typeof node === 'object') change(node, path[path.length - 1]!);
  return copy;
}

const isJsonType = (t: string) => /^application\/(json|[^;]*\+json)\s*(;\s*charset=utf-8)?$/i.test(t.trim());

export interface BuildOptions {
  samples: ArbitraryContext['samples'];
  ids: readonly string[];
  ownerToken: string;
}

/** A route's requests: `minMutations` 1 for routes that write, so every one is meant to fail. */
export function requestArbitrary(r: FuzzRoute, o: BuildOptions, minMutations: number): fc.Arbitrary<FuzzRequest> {
  const { route } = r;
  const ctx = { samples: o.samples };
  const part = (s: unknown) => (isZodType(s) ? arbitraryFor(s as ZodTypeAny, ctx) : fc.constant(undefined));
  const base = fc.record({ params: part(route.pathParams), query: part(route.query), body: part('body' in route ? route.body : undefined) });
  return fc.tuple(base, fc.array(mutationArb(o.ids), { minLength: minMutations, maxLength: 3 })).map(([b, mutations]) => build(r, o, b, mutations));
}

function build(r: FuzzRoute, o: BuildOptions, b: { params: unknown; query: unknown; body: unknown }, mutations: Mutation[]): FuzzRequest {
  const { route } = r;
  const meta = (route.metadata ?? {}) as { auth?: string };
  const bodySchema = 'body' in route ? route.body : undefined;
  const hasBody = isZodType(bodySchema);
  let params = { ...((b.params ?? {}) as Record<string, unknown>) };
  let query: unknown = b.query ?? {};
  let body: unknown = hasBody ? (b.body ?? {}) : undefined;
  let raw: string | undefined;
  let contentType = 'application/json';
  let refusedEarly = false;
  let badKey = false;
  const headers: Record<string, string> = {};
  let auth = meta.auth === 'none' ? undefined : `Bearer ${o.ownerToken}`;
  const canSendBody = route.method !== 'GET';

  for (const m of mutations) {
    if (m.kind === 'replace' || m.kind === 'delete' || m.kind === 'addKey') {
      if (m.target === 'params') {
        const keys = Object.keys(params);
        if (!keys.length || m.kind !== 'replace') continue;
        params = { ...params, [keys[m.pick % keys.length]!]: typeof m.value === 'string' ? m.value : JSON.stringify(m.value) };
        continue;
      }
      const current = m.target === 'body' ? body : query;
      if (m.target === 'body' && !canSendBody) continue;
      const paths = pathsOf(current);
      const path = paths[m.pick % paths.length]!;
      const next =
        m.kind === 'replace'
          ? edit(current, path, (p, k) => (p[k] = m.value), () => m.value)
          : m.kind === 'delete'
            ? edit(current, path, (p, k) => (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k]), () => undefined)
            : edit(current, [...path, m.key], (p, k) => (p && typeof p === 'object' ? Object.defineProperty(p, k, { value: m.value, enumerable: true, writable: true, configurable: true }) : p), () => m.value);
      if (m.target === 'body') body = next;
      else query = next;
    } else if (m.kind === 'param') {
      const keys = Object.keys(params);
      if (keys.length) params = { ...params, [keys[m.pick % keys.length]!]: m.value };
    } else if (m.kind === 'raw' && canSendBody) raw = m.raw;
    else if (m.kind === 'contentType') contentType = m.value;
    else if (m.kind === 'encoding') headers['Content-Encoding'] = m.value;
    else if (m.kind === 'idempotencyKey') {
      headers['Idempotency-Key'] = m.value;
      badKey = !m.valid && (route.method === 'POST' || route.method === 'PATCH');
    } else if (m.kind === 'auth') {
      auth = m.value || undefined;
      if (meta.auth !== 'none') refusedEarly = true;
    } else if (m.kind === 'cursor') query = { ...(query && typeof query === 'object' ? query : {}), cursor: m.value };
    else if (m.kind === 'requestId') headers['X-Request-Id'] = m.value;
  }

  if (badKey) refusedEarly = true;
  // What goes on the wire (lone surrogates as \uXXXX escapes, as an attacker sends them), and
  // what the server's parsers will make of it.
  const text = !canSendBody ? undefined : raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body);
  let serverBody: unknown = {};
  if (text !== undefined && text.length > 0) {
    if (!isJsonType(contentType) || (headers['Content-Encoding'] && headers['Content-Encoding'] !== 'identity')) refusedEarly = true;
    try {
      checkJsonShape(Buffer.from(text));
      serverBody = JSON.parse(text.replace(/^\ufeff/, '')); // body-parser drops a byte-order mark
      if (serverBody === null || typeof serverBody !== 'object') refusedEarly = true; // strict JSON: objects and arrays only
    } catch {
      refusedEarly = true;
    }
  }
  const queryString = stringify(wellFormed(query ?? {}), { arrayFormat: 'indices' });
  // A dot segment is resolved by the client into another route ('/providers/:id/overrides/..' is the
  // provider itself), where a write is a real write: other methods than GET send it with a '~', so it
  // stays this route's (still invalid) parameter.
  const serverParams = Object.fromEntries(
    Object.entries(params).map(([k, v]) => {
      const s = toWellFormed(String(v));
      return [k, route.method !== 'GET' && (s === '.' || s === '..') ? `${s}~` : s];
    }),
  );
  const valid = (s: unknown, v: unknown) => !isZodType(s) || (s as ZodTypeAny).safeParse(v).success;
  const contractRefuses = !valid(route.pathParams, serverParams) || !valid(route.query, parseQuery(queryString)) || !valid(bodySchema, serverBody);

  const pathKeys = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  let path = route.path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(serverParams[k] ?? ''));
  if (queryString) path += `?${queryString}`;
  if (auth) headers.Authorization = auth;
  if (text !== undefined) headers['Content-Type'] = contentType;
  return {
    route: r.name,
    method: route.method,
    path,
    headers,
    body: text,
    // An empty or dot segment makes the URL another route's ('/services/' is the list): a read may then succeed.
    refused: (refusedEarly || contractRefuses) && !(route.method === 'GET' && pathKeys.some((k) => ['', '.', '..'].includes(serverParams[k] ?? ''))),
    mutations: mutations.map((m) => m.kind + ('target' in m ? `:${m.target}` : '')),
  };
}
