import { contract, errorBodySchema } from '@slotwise/contracts';
import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import type { Test } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../src/app/errors';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import { MAX_JSON_DEPTH, MAX_JSON_KEYS } from '../../src/http/request-guards';
import { bookingBody, catalogue } from '../bookings/fixtures';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { snapshotDatabase, type Owner } from './helpers';

// The attack run of issue 10: single requests that used to stop the process or answer 500.

let app: TestApp;
let owner: Owner;
let serviceId: string;
let providerId: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signupOwner(app);
  const cat = await catalogue(app, owner);
  serviceId = cat.serviceId;
  providerId = cat.providerIds[0]!;
});
afterAll(async () => app?.close());

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const deepArrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObjects = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const wideObject = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;

function routes(router: AppRouter): AppRoute[] {
  return Object.values(router).flatMap((v) => (isAppRoute(v) ? [v] : routes(v)));
}
/** Every route that takes a body, with its path parameters filled in. */
const bodyRoutes = routes(contract)
  .filter((r) => r.method !== 'GET' && r.method !== 'DELETE')
  .map((r) => ({ method: r.method.toLowerCase() as 'post' | 'put' | 'patch', path: r.path }));
const concretePath = (path: string) =>
  path.replace(':slug', owner.slug).replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');

async function expectRejected(res: { status: number; text: string; body: unknown; headers: Record<string, string> }, status?: number, code?: string) {
  expect(res.status, res.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
  if (status) expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(errorBodySchema.safeParse(res.body).success, res.text.slice(0, 300)).toBe(true);
  if (code) expect((res.body as { error: { code: string } }).error.code).toBe(code);
}

describe('bodies nested deep or wide are refused while parsing, on every route that takes a body', () => {
  const shapes: [string, () => string, string][] = [
    ['deep arrays (3,000 levels)', () => deepArrays(3000), 'payload_too_large'],
    ['deep objects (3,000 levels)', () => deepObjects(3000), 'payload_too_large'],
    [`arrays one level deeper than the limit (${MAX_JSON_DEPTH + 1})`, () => deepArrays(MAX_JSON_DEPTH + 1), 'payload_too_large'],
    [`a wide object (${MAX_JSON_KEYS + 1} keys)`, () => wideObject(MAX_JSON_KEYS + 1), 'payload_too_large'],
  ];
  for (const [name, body, code] of shapes) {
    it(`${name}, with an Idempotency-Key → 413 ${code}, and the server keeps serving`, async () => {
      const before = await snapshotDatabase(app);
      let key = 0;
      for (const r of bodyRoutes) {
        key += 1;
        const auth = r.path.startsWith('/v1/admin') || r.path === '/v1/auth/logout' ? owner.auth : {};
        const res = await app.http[r.method](concretePath(r.path))
          .set(auth)
          .set('Content-Type', 'application/json')
          .set('Idempotency-Key', `hostile-${name.length}-${key}`)
          .send(body());
        await expectRejected(res, 413, code);
      }
      expect(await snapshotDatabase(app)).toEqual(before);
      await app.http.get('/health/live').expect(200);
    });
  }

  it('a body just within the limits is parsed and validated as usual', async () => {
    const res = await app.http.post('/v1/auth/login').set('Content-Type', 'application/json').send(deepArrays(MAX_JSON_DEPTH));
    await expectRejected(res, 422, 'validation_failed');
    const wide = await app.http.patch('/v1/admin/tenant').set(owner.auth).set('Content-Type', 'application/json').send(wideObject(500));
    await expectRejected(wide, 422, 'validation_failed');
  });

  it('brackets and colons inside strings do not count', async () => {
    const res = await app.http
      .patch('/v1/admin/tenant')
      .set(owner.auth)
      .send({ description: '[{'.repeat(1000), policiesText: ':,'.repeat(2500) });
    expect(res.status, res.text).toBe(200);
    expect(res.body.description).toBe('[{'.repeat(1000));
  });

  it('JSON in another charset than UTF-8 is refused (the byte scan reads UTF-8)', async () => {
    const res = await app.http
      .post('/v1/auth/login')
      .set('Content-Type', 'application/json; charset=utf-16le')
      .send(Buffer.from(JSON.stringify({ email: 'a@b.co', password: 'x' }), 'utf16le'));
    await expectRejected(res, 400, 'bad_request');
  });
});

type Case = [name: string, build: () => Test, status?: number, code?: string];

const start = '2030-01-08T10:00:00Z';
const cases: Case[] = [
  // Dates and instants out of range (the contracts take 1970-01-01 to 2200-12-31).
  ['availability from=0000-01-01', () => app.http.get(`/v1/public/tenants/${owner.slug}/availability?serviceId=${serviceId}&from=0000-01-01&to=0000-01-05`), 422, 'validation_failed'],
  ['availability from=9999-12-30', () => app.http.get(`/v1/public/tenants/${owner.slug}/availability?serviceId=${serviceId}&from=9999-12-30&to=9999-12-31`), 422, 'validation_failed'],
  ['availability from=2201-01-01', () => app.http.get(`/v1/public/tenants/${owner.slug}/availability?serviceId=${serviceId}&from=2201-01-01&to=2201-01-02`), 422, 'validation_failed'],
  ['public booking at 9999-12-31T23:59:59Z', () => app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).send(bookingBody(serviceId, '9999-12-31T23:59:59Z')), 422, 'validation_failed'],
  ['public booking in year 0001', () => app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).send(bookingBody(serviceId, '0001-01-01T00:00:00Z')), 422, 'validation_failed'],
  ['admin booking at 9999-12-31T23:59:59Z', () => app.http.post('/v1/admin/bookings').set(owner.auth).send(bookingBody(serviceId, '9999-12-31T23:59:59Z')), 422, 'validation_failed'],
  ['admin booking with offset +25:00', () => app.http.post('/v1/admin/bookings').set(owner.auth).send(bookingBody(serviceId, '2030-01-08T10:00:00+25:00')), 422, 'validation_failed'],
  ['booking list from with offset +25:00', () => app.http.get('/v1/admin/bookings').query({ from: '2030-01-01T00:00:00+25:00' }).set(owner.auth), 422, 'validation_failed'],
  ['booking list to with offset -14:30', () => app.http.get('/v1/admin/bookings').query({ to: '2030-01-01T00:00:00-14:30' }).set(owner.auth), 422, 'validation_failed'],
  ['booking list from=0000-01-01', () => app.http.get('/v1/admin/bookings?from=0000-01-01').set(owner.auth), 422, 'validation_failed'],
  ['blackout in year 0', () => app.http.post('/v1/admin/blackouts').set(owner.auth).send({ name: 'Year 0', startDate: '0000-01-01', endDate: '0000-01-02' }), 422, 'validation_failed'],
  ['blackout list from=0000-01-01', () => app.http.get('/v1/admin/blackouts?from=0000-01-01').set(owner.auth), 422, 'validation_failed'],
  ['override in year 0', () => app.http.post(`/v1/admin/providers/${providerId}/overrides`).set(owner.auth).send({ startDate: '0000-01-01', endDate: '0000-01-01', intervals: [], reason: 'x' }), 422, 'validation_failed'],
  ['override list to=9999-12-31', () => app.http.get(`/v1/admin/providers/${providerId}/overrides?to=9999-12-31`).set(owner.auth), 422, 'validation_failed'],
  ['report summary in year 0', () => app.http.get('/v1/admin/reports/summary?from=0000-01-01&to=0000-01-31').set(owner.auth), 422, 'validation_failed'],
  ['report CSV in year 9999', () => app.http.get('/v1/admin/reports/bookings.csv?from=9999-12-01&to=9999-12-31').set(owner.auth), 422, 'validation_failed'],
  ['waitlist join in year 0', () => app.http.post(`/v1/public/tenants/${owner.slug}/waitlist`).send({ serviceId, fromDate: '0000-01-01', toDate: '0000-01-02', customer: { name: 'W', email: 'w@example.com' } }), 422, 'validation_failed'],
  // Cursors that decode to something out of range.
  ['cursor with t at -271821', () => app.http.get(`/v1/admin/members?cursor=${b64({ t: '-271821-04-20T00:00:00.000Z', id: owner.userId })}`).set(owner.auth), 400, 'bad_request'],
  ['cursor with t in year 0', () => app.http.get(`/v1/admin/bookings?cursor=${b64({ t: '0000-01-01T00:00:00.000Z', id: owner.userId })}`).set(owner.auth), 400, 'bad_request'],
  ['cursor with t as a number', () => app.http.get(`/v1/admin/customers?cursor=${b64({ t: 0, id: owner.userId })}`).set(owner.auth), 400, 'bad_request'],
  ['cursor that is JSON null', () => app.http.get(`/v1/admin/services?cursor=${b64(null)}`).set(owner.auth), 400, 'bad_request'],
  // Unicode PostgreSQL cannot store.
  ['lone surrogate in a public booking customer name', () => app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).send({ ...bookingBody(serviceId, start), customer: { name: 'Ann \ud800', email: 'ann@example.com' } }), 422, 'validation_failed'],
  ['lone surrogate in a customer name', () => app.http.post('/v1/admin/customers').set(owner.auth).send({ name: '\udc00 Bob', email: 'bob@example.com' }), 422, 'validation_failed'],
  ['lone surrogate in an intake answer key', () => app.http.post('/v1/admin/bookings').set(owner.auth).send(bookingBody(serviceId, start, { intake: { '\ud800': 'x' } })), 422, 'validation_failed'],
  ['lone surrogate in a tenant description', () => app.http.patch('/v1/admin/tenant').set(owner.auth).send({ description: 'x\ud83dy' }), 422, 'validation_failed'],
  ['a UTF-8-encoded surrogate (invalid UTF-8) in a search', () => app.http.get('/v1/admin/customers?search=%ED%A0%80').set(owner.auth)],
  // Refinements that threw.
  ['embedOrigins ["a"]', () => app.http.patch('/v1/admin/tenant').set(owner.auth).send({ embedOrigins: ['a'] }), 422, 'validation_failed'],
  ['embedOrigins with a path', () => app.http.patch('/v1/admin/tenant').set(owner.auth).send({ embedOrigins: ['https://example.com/x'] }), 422, 'validation_failed'],
  // Query strings qs would nest.
  ['query nested six levels', () => app.http.get('/v1/admin/bookings?status[a][b][c][d][e][f]=x').set(owner.auth), 422, 'validation_failed'],
  ['query array with a huge index', () => app.http.get('/v1/admin/bookings?status[99999999]=confirmed').set(owner.auth), 422, 'validation_failed'],
  ['query __proto__', () => app.http.get('/v1/admin/members?__proto__[limit]=1&constructor[prototype][x]=1').set(owner.auth)],
  ['query with 5,000 parameters', () => app.http.get(`/v1/admin/members?${Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join('&')}`).set(owner.auth)],
];

describe('schema-valid but hostile input is a 4xx, never a 500', () => {
  for (const [name, build, status, code] of cases) {
    it(`${name} → ${status ?? '4xx or 200'}${code ? ` ${code}` : ''}`, async () => {
      const before = await snapshotDatabase(app);
      const res = await build();
      if (status) await expectRejected(res, status, code);
      else expect(res.status, res.text).toBeLessThan(500);
      expect(await snapshotDatabase(app)).toEqual(before);
    });
  }

  it('the bounds themselves are accepted: 1970-01-01 and 2200-12-31, offsets ±14:00', async () => {
    const ok = await app.http.get('/v1/admin/bookings').query({ from: '1970-01-01', to: '2200-12-31T23:59:59+14:00' }).set(owner.auth);
    expect(ok.status, ok.text).toBe(200);
    const minus = await app.http.get('/v1/admin/bookings').query({ from: '1970-01-01T00:00:00-12:00' }).set(owner.auth);
    expect(minus.status, minus.text).toBe(200);
    const emoji = await app.http.patch('/v1/admin/tenant').set(owner.auth).send({ description: 'Salon 💇 déjà' });
    expect(emoji.status, emoji.text).toBe(200);
    expect(emoji.body.description).toBe('Salon 💇 déjà');
  });
});

describe('values only PostgreSQL can refuse are a 400, not a 500 (backstop behind the contracts)', () => {
  const refused: [string, string][] = [
    ['a lone surrogate in JSON (22P05)', `SELECT '"\\ud800"'::jsonb`],
    ['a year PostgreSQL cannot hold (22008)', `SELECT '294277-01-01'::timestamptz`],
    ['a malformed date (22007)', `SELECT 'yesterday-ish'::date`],
    ['a number out of range (22003)', `SELECT 99999999999::int4`],
    ['a malformed uuid (22P02)', `SELECT 'nope'::uuid`],
  ];
  for (const [name, sql] of refused) {
    it(name, async () => {
      const err = await withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.$queryRawUnsafe(sql)).catch((e: unknown) => e);
      // The adapter reports a port error (StoreRefusal bad_input); the app maps it to the 400.
      expect(toAppError(err)?.code).toBe('bad_request');
    });
  }

  it('other database errors are not disguised as bad input', async () => {
    const err = await withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.$queryRawUnsafe('SELECT 1/0')).catch((e: unknown) => e);
    expect(toAppError(err)).toBeUndefined();
  });
});
