import { contract, errorBodySchema, WELL_FORMED_TEXT } from '@slotwise/contracts';
import { isZodType } from '@ts-rest/core';
import fc from 'fast-check';
import type { ZodTypeAny } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIntakeField, adminBook, at, book, catalogue, startBookingApp } from '../bookings/fixtures';
import { contractRoutes, requestArbitrary, type BuildOptions, type FuzzRequest, type FuzzRoute } from '../support/fuzz-requests';
import { signupOwner, type TestApp } from '../support/test-app';
import { stringSchemasOf } from '../support/zod-arbitrary';
import { addMember, createApiKey, ownerQuery, snapshotDatabase, type Owner } from './helpers';

/**
 * Issue 10's fuzzing: ≥ 10,000 requests per run across every route of the contract, generated
 * from the routes' own schemas and mutated (wrong types, extreme numbers and dates, lone
 * surrogates, deep nesting, unknown keys, bad cursors, bad ids, bad headers). The server must
 * never answer 5xx, every 4xx has the shared error shape, and nothing is written.
 *
 * "Nothing is written" is a real check, not a vacuous one: routes that write (every method but
 * GET) are only sent requests the contract or the HTTP layer refuses (fuzz-requests.ts decides
 * with the same schemas and query parser as the server), and each must be answered 4xx; reads
 * are sent valid requests too. A checksum of every table before and after proves it. A second,
 * smaller phase sends schema-valid writes and checks each refused one left every table as it was.
 *
 * Seeded per run and printed; replay with FUZZ_SEED=<seed>. FUZZ_REQUESTS scales phase one.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 10;
// Rejected keyed requests are stored so their replay gets the same 4xx (ADR 0004): that table
// is checked separately (no stored 2xx), not by the checksum.
const IDEMPOTENCY = 'idempotency_records';

let app: TestApp;
let owner: Owner;
let opts: BuildOptions;
const routes = contractRoutes(contract);

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} — replay: FUZZ_SEED=${SEED} npx vitest run test/foundation/fuzz.test.ts`);
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
  const { serviceId, providerIds } = await catalogue(app, owner);
  const booked = await book(app, owner, serviceId, at(1, '10:00'));
  const adminBooked = await adminBook(app, owner, serviceId, at(1, '12:00'));
  const field = await addIntakeField(app, owner, { serviceId, key: 'allergies', label: 'Allergies', type: 'text' });
  const post = async (path: string, body: object, auth: Record<string, string> = owner.auth) => {
    const r = await app.http.post(path).set(auth).send(body);
    expect(r.status, r.text).toBe(201);
    return r.body as { id: string };
  };
  const customer = await post('/v1/admin/customers', { name: 'Fuzz Customer', email: 'fuzz@example.com' });
  const override = await post(`/v1/admin/providers/${providerIds[0]}/overrides`, { startDate: '2030-02-01', endDate: '2030-02-01', intervals: [] });
  const blackout = await post('/v1/admin/blackouts', { name: 'Holiday', startDate: '2030-03-01', endDate: '2030-03-02' });
  const waiting = await post(`/v1/public/tenants/${owner.slug}/waitlist`, { serviceId, fromDate: '2030-01-08', toDate: '2030-01-10', customer: { name: 'W', email: 'w@example.com' } }, {});
  const key = await createApiKey(app, owner);
  const staff = await addMember(app, owner, 'staff');
  const ids = [serviceId, ...providerIds, booked.id, adminBooked.id, field.id, customer.id, override.id, blackout.id, waiting.id, key.id, staff.memberId, owner.userId, owner.tenantId];
  const samples = [
    ...ids, owner.slug, booked.manageToken, booked.code,
    at(1, '10:00'), at(1, '14:00'), at(2, '09:00'), '1970-01-01T00:00:00Z', '2200-12-31T23:59:59+14:00', '2030-01-08T10:00:00-12:00',
    '2030-01-08', '2030-01-14', '1970-01-01', '2200-12-31', '09:00', '17:00', '24:00', 'USD', 'EUR', 'UTC', 'Europe/London',
    'America/New_York', 'Pacific/Kiritimati', '#336699', 'fuzz@example.com', '+44 20 7946 0958', 'https://example.com', 'confirmed', 'Salon 💇 déjà',
  ];
  opts = { samples, ids, ownerToken: owner.token };
}, 120_000);
afterAll(async () => app?.close());

async function send(req: FuzzRequest) {
  const res = await fetch(app.baseUrl + req.path, { method: req.method, headers: req.headers, body: req.body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

/** What is wrong with a response, or null. */
function problem(req: FuzzRequest, res: { status: number; type: string; text: string }): string | null {
  if (res.status >= 500) return `${res.status}`;
  if (req.refused && res.status < 400) return `${res.status} for a request the contract refuses`;
  if (res.status >= 400) {
    if (!res.type.startsWith('application/json')) return `${res.status} with content-type ${res.type}`;
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return `${res.status} with a body that is not JSON`;
    }
    if (!errorBodySchema.safeParse(body).success) return `${res.status} without the error shape`;
  }
  return null;
}

const describeFailure = (req: FuzzRequest, res: { status: number; text: string }, why: string) =>
  `${why}: ${req.route} ${req.method} ${req.path.slice(0, 300)} [${req.mutations.join(', ')}] headers=${JSON.stringify(req.headers).slice(0, 300)} body=${(req.body ?? '').slice(0, 300)} → ${res.text.slice(0, 300)}`;

/** `count` requests for a route; for routes that write, only ones that must be refused. */
function requestsFor(r: FuzzRoute, index: number, count: number, refusedOnly: boolean, minMutations: number): FuzzRequest[] {
  const arb = requestArbitrary(r, opts, minMutations);
  const out: FuzzRequest[] = [];
  for (let round = 0; out.length < count && round < 20; round++) {
    const batch = fc.sample(arb, { seed: SEED + index * 1_000 + round, numRuns: r.route.method === 'GET' ? count : count * 2 });
    out.push(...batch.filter((q) => r.route.method === 'GET' || q.refused === refusedOnly));
  }
  return out.slice(0, count);
}

describe(`contract-driven fuzzing (seed ${SEED})`, () => {
  it('every string a request can carry is well-formed text (text()) or a UUID', () => {
    const loose: string[] = [];
    for (const { name, route } of routes) {
      for (const part of ['pathParams', 'query', 'body', 'headers'] as const) {
        const s = route[part as keyof typeof route];
        if (!isZodType(s)) continue;
        for (const { path, schema } of stringSchemasOf(s as ZodTypeAny)) {
          const checks = (schema as unknown as { _def: { checks: { kind: string; regex?: RegExp }[] } })._def.checks;
          if (!checks.some((c) => c.kind === 'uuid' || c.regex === WELL_FORMED_TEXT)) loose.push(`${name} ${part}${path}`);
        }
      }
    }
    expect(loose).toEqual([]);
  });

  it(`${TOTAL}+ mutated requests across all ${routes.length} routes: no 5xx, the error shape on every 4xx, nothing written`, async () => {
    const perRoute = Math.ceil(TOTAL / routes.length);
    const generating = Date.now();
    const requests = routes.flatMap((r, i) => requestsFor(r, i, perRoute, true, r.route.method === 'GET' ? 0 : 1));
    const covered = new Set(requests.map((q) => q.route));
    expect(routes.filter((r) => !covered.has(r.name)).map((r) => r.name)).toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(TOTAL);

    const before = await snapshotDatabase(app, [IDEMPOTENCY]);
    const generated = (Date.now() - generating) / 1000;
    const started = Date.now();
    const cpu = process.cpuUsage();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const req = requests[next++]!;
          const res = await send(req);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const why = problem(req, res);
          if (why && failures.length < 25) failures.push(describeFailure(req, res, why));
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    console.log(
      `fuzz: ${requests.length} requests generated in ${generated.toFixed(1)} s, sent in ${seconds.toFixed(1)} s (${Math.round(requests.length / seconds)}/s; ` +
        `client + server CPU ${((user + system) / 1e6).toFixed(1)} s); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    expect(failures, `seed ${SEED}`).toEqual([]);
    expect(await snapshotDatabase(app, [IDEMPOTENCY])).toEqual(before);
    const stored = await ownerQuery<{ status: number | null }>(app, `SELECT response_status AS status FROM ${IDEMPOTENCY}`);
    expect(stored.length, 'keyed requests were sent and stored').toBeGreaterThan(0);
    expect(stored.filter((r) => r.status === null || r.status < 400), 'keyed requests that ran').toEqual([]);
    await fetch(`${app.baseUrl}/health/live`).then((r) => expect(r.status).toBe(200));
    // The owner's session survived: no refused request logged it out, so every admin route was
    // fuzzed past authentication.
    await fetch(`${app.baseUrl}/v1/auth/me`, { headers: { Authorization: `Bearer ${owner.token}` } }).then((r) => expect(r.status).toBe(200));
  }, 600_000);

  it('schema-valid writes with edge values: no 5xx, and a refused one changes nothing', async () => {
    // Writes that would end the fuzzing session itself are left out.
    const skip = new Set(['auth.logout', 'admin.members.update', 'admin.members.remove']);
    const writes = routes.filter((r) => r.route.method !== 'GET' && !skip.has(r.name));
    const requests = writes.flatMap((r, i) => requestsFor(r, 500 + i, 6, false, 0));
    expect(requests.length).toBeGreaterThan(writes.length * 3);
    const failures: string[] = [];
    let baseline = await snapshotDatabase(app, [IDEMPOTENCY]);
    for (const req of requests) {
      const res = await send(req);
      const why = problem(req, res);
      if (why && failures.length < 25) failures.push(describeFailure(req, res, why));
      const now = await snapshotDatabase(app, [IDEMPOTENCY]);
      if (res.status >= 400 && JSON.stringify(now) !== JSON.stringify(baseline) && failures.length < 25) {
        failures.push(describeFailure(req, res, `${res.status} but tables changed`));
      }
      baseline = now;
    }
    expect(failures, `seed ${SEED}`).toEqual([]);
  }, 600_000);
});
