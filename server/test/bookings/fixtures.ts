import pg from 'pg';
import { expect } from 'vitest';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

export type Owner = Awaited<ReturnType<typeof signupOwner>>;

/** Monday 2030-01-07 08:00 UTC: every test's "now", so slots, notice and policies are deterministic. */
export const NOW = '2030-01-07T08:00:00.000Z';

/** A clock the test moves by hand. */
export function manualClock(iso: string) {
  let now = Date.parse(iso);
  return {
    now: () => new Date(now),
    set(at: string) {
      now = Date.parse(at);
    },
  };
}

export async function startBookingApp(env: Record<string, string> = {}) {
  const clock = manualClock(NOW);
  const app = await startTestApp({ PUBLIC_URL: 'https://book.example.com', ...env }, { clock });
  return { app, clock };
}

/** An instant on the test's Monday (2030-01-07) or a later day, e.g. at(1, '10:00') = Tuesday 10:00 UTC. */
export const at = (dayOffset: number, time: string) =>
  new Date(Date.parse(`2030-01-07T${time}:00.000Z`) + dayOffset * 86_400_000).toISOString();

/** Runs SQL as the database owner (a superuser: RLS does not apply), the test's view of what is stored. */
export async function ownerQuery<T extends pg.QueryResultRow = Record<string, unknown>>(
  app: TestApp,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: app.db.url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export interface CatalogueOptions {
  providers?: number;
  capacity?: number;
  durationMinutes?: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  requiresApproval?: boolean;
  priceCents?: number;
  /** Weekly hours of every provider (UTC); default: every day 09:00–17:00. */
  hours?: { weekday: number; startTime: string; endTime: string }[];
  name?: string;
}

const everyDay = (startTime: string, endTime: string) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime, endTime }));

/** A service and its providers (UTC) with working hours, created through the admin API. */
export async function catalogue(app: TestApp, owner: Owner, o: CatalogueOptions = {}) {
  const providerIds: string[] = [];
  for (let i = 0; i < (o.providers ?? 1); i++) {
    const r = await app.http
      .post('/v1/admin/providers')
      .set(owner.auth)
      .send({ name: `Provider ${i + 1}`, timeZone: 'UTC', sortOrder: i });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    providerIds.push(r.body.id);
    const h = await app.http
      .put(`/v1/admin/providers/${r.body.id}/hours`)
      .set(owner.auth)
      .send({ intervals: o.hours ?? everyDay('09:00', '17:00') });
    expect(h.status, JSON.stringify(h.body)).toBe(200);
  }
  const s = await app.http
    .post('/v1/admin/services')
    .set(owner.auth)
    .send({
      name: o.name ?? 'Haircut',
      durationMinutes: o.durationMinutes ?? 60,
      bufferBeforeMinutes: o.bufferBeforeMinutes ?? 0,
      bufferAfterMinutes: o.bufferAfterMinutes ?? 0,
      priceCents: o.priceCents ?? 5000,
      currency: 'USD',
      capacity: o.capacity ?? 1,
      requiresApproval: o.requiresApproval ?? false,
      providerIds,
    });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  return { serviceId: s.body.id as string, providerIds };
}

/** An intake question created through the admin API (POST /v1/admin/intake-fields); its DTO. */
export async function addIntakeField(
  app: TestApp,
  owner: Owner,
  f: {
    serviceId: string | null;
    key: string;
    label: string;
    type: string;
    required?: boolean;
    options?: string[];
    sortOrder?: number;
  },
) {
  const r = await app.http.post('/v1/admin/intake-fields').set(owner.auth).send(f);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; serviceId: string | null; key: string; createdAt: string };
}

let seq = 0;
export function bookingBody(serviceId: string, start: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  return {
    serviceId,
    start,
    customer: {
      name: `Customer ${seq}`,
      email: `customer-${seq}-${Date.now().toString(36)}@example.com`,
    },
    timeZone: 'America/New_York',
    ...extra,
  };
}

/** Books through the public API and expects success. */
export async function book(
  app: TestApp,
  owner: Owner,
  serviceId: string,
  start: string,
  extra: Record<string, unknown> = {},
) {
  const r = await app.http
    .post(`/v1/public/tenants/${owner.slug}/bookings`)
    .send(bookingBody(serviceId, start, extra));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as {
    id: string;
    code: string;
    status: string;
    provider: { id: string };
    start: string;
    end: string;
    manageToken: string;
    manageUrl: string;
  };
}

/** Books through the admin API (staff may override availability) and expects success. */
export async function adminBook(
  app: TestApp,
  owner: Owner,
  serviceId: string,
  start: string,
  extra: Record<string, unknown> = {},
) {
  const r = await app.http
    .post('/v1/admin/bookings')
    .set(owner.auth)
    .send(bookingBody(serviceId, start, extra));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as {
    id: string;
    code: string;
    status: string;
    provider: { id: string };
    start: string;
    manageToken: string;
  };
}

/**
 * The database's own view of the two guarantees, recomputed from start/end and the buffer
 * snapshot (not from the trigger-derived columns): no two active bookings of a provider overlap
 * unless they are seats of one session, and no session holds more seats than its capacity.
 */
export async function assertNoOverlaps(app: TestApp) {
  const overlaps = await ownerQuery(
    app,
    `SELECT a.id AS a, b.id AS b FROM bookings a
       JOIN bookings b ON a.tenant_id = b.tenant_id AND a.provider_id = b.provider_id AND a.id < b.id
      WHERE a.status IN ('pending', 'confirmed', 'checked_in') AND b.status IN ('pending', 'confirmed', 'checked_in')
        AND a.session_key <> b.session_key
        AND tstzrange(a.start_at - make_interval(mins => a.buffer_before_minutes), a.end_at + make_interval(mins => a.buffer_after_minutes), '[)')
         && tstzrange(b.start_at - make_interval(mins => b.buffer_before_minutes), b.end_at + make_interval(mins => b.buffer_after_minutes), '[)')`,
  );
  expect(overlaps).toEqual([]);
  const overfull = await ownerQuery(
    app,
    `SELECT b.tenant_id, b.provider_id, b.session_key, sum(b.seats)::int AS seats, max(s.capacity) AS capacity
       FROM bookings b JOIN services s ON s.tenant_id = b.tenant_id AND s.id = b.service_id
      WHERE b.status IN ('pending', 'confirmed', 'checked_in')
      GROUP BY b.tenant_id, b.provider_id, b.session_key
     HAVING sum(b.seats) > max(s.capacity)`,
  );
  expect(overfull).toEqual([]);
}

/** Customers with no booking at all: what a rolled-back booking must never leave behind. */
export async function orphanCustomers(app: TestApp, tenantId: string) {
  const [r] = await ownerQuery<{ n: number }>(
    app,
    `SELECT count(*)::int AS n FROM customers c WHERE c.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.customer_id = c.id)`,
    [tenantId],
  );
  return r!.n;
}

export { signupOwner };
