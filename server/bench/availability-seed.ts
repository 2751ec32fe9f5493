/**
 * The availability benchmark's tenants: catalogues through the API of the server under test
 * (signup, providers, hours, services), bookings and busy time straight into the tables as the
 * database owner (hundreds of thousands of rows through the API would take longer than the run).
 * Dates are relative to today (UTC): the server runs on the real clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { call } from '../test/scale/processes';
import { rng } from './support';

export const DAY = 86_400_000;
/** Today, 00:00 UTC (epoch ms). */
export const day0 = Math.floor(Date.now() / DAY) * DAY;
export const isoDate = (dayOffset: number) =>
  new Date(day0 + dayOffset * DAY).toISOString().slice(0, 10);

export interface Tenant {
  slug: string;
  tenantId: string;
  auth: Record<string, string>;
  providerIds: string[];
  /** Service id by name. */
  services: Record<string, string>;
}

let seq = 0;
async function ok<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  baseUrl: string,
  method: string,
  path: string,
  body: unknown,
  auth: Record<string, string> = {},
): Promise<T> {
  const r = await call<T>(baseUrl, method, path, body, auth);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** `n` calls of `fn`, `width` at a time. */
async function parallel(n: number, width: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

/**
 * An owner, `providers` providers working `hours` every day in `zone`, and services, each
 * offered by the first `providerCount` providers.
 */
export async function seedTenant(
  baseUrl: string,
  o: {
    zone: string;
    providers: number;
    hours: [string, string];
    services: { name: string; providerCount: number; body: Record<string, unknown> }[];
  },
): Promise<Tenant> {
  seq += 1;
  const tag = `${Date.now().toString(36)}${seq}${randomBytes(2).toString('hex')}`;
  const signup = await ok(baseUrl, 'POST', '/v1/auth/signup', {
    email: `bench-${tag}@example.com`,
    password: 'correct horse battery',
    name: 'Owner',
    businessName: `Bench ${tag}`,
    timeZone: o.zone,
  });
  const auth = { Authorization: `Bearer ${signup.tokens.accessToken}` };
  const providerIds: string[] = new Array(o.providers);
  await parallel(o.providers, 8, async (i) => {
    const p = await ok(
      baseUrl,
      'POST',
      '/v1/admin/providers',
      { name: `Provider ${i + 1}`, timeZone: o.zone, sortOrder: i },
      auth,
    );
    providerIds[i] = p.id;
    await ok(
      baseUrl,
      'PUT',
      `/v1/admin/providers/${p.id}/hours`,
      {
        intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          startTime: o.hours[0],
          endTime: o.hours[1],
        })),
      },
      auth,
    );
  });
  const services: Record<string, string> = {};
  for (const s of o.services) {
    const created = await ok(
      baseUrl,
      'POST',
      '/v1/admin/services',
      {
        name: s.name,
        ...s.body,
        providerIds: providerIds.slice(0, s.providerCount),
      },
      auth,
    );
    services[s.name] = created.id;
  }
  return { slug: signup.tenant.slug, tenantId: signup.tenant.id, auth, providerIds, services };
}

async function withDb<T>(url: string, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** One customer the seeded bookings belong to. */
async function benchCustomer(db: pg.Client, tenantId: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO customers (id, tenant_id, name, email, updated_at) VALUES ($1, $2, 'Bench', $3, now())`,
    [id, tenantId, `bench-${id}@example.com`],
  );
  return id;
}

/**
 * The 20-provider tenant's calendar: per provider and day (days 1..`days`), `perDay` bookings
 * of 30 min on every other half hour from 09:00 UTC (30 min + the service's 10 min of buffers
 * never reach the next one, so the no-overlap constraint holds by construction), half of them
 * of a second service; and `busy` external busy intervals of 15–120 min.
 */
export async function seedCalendar(
  url: string,
  t: Tenant,
  o: { days: number; perDay: number; busy: number; serviceIds: string[] },
) {
  const rand = rng(42);
  await withDb(url, async (db) => {
    const customerId = await benchCustomer(db, t.tenantId);
    const rows: unknown[][] = [];
    for (const providerId of t.providerIds)
      for (let day = 1; day <= o.days; day++) {
        const picks = [0, 2, 4, 6, 8, 10, 12, 14].sort(() => rand() - 0.5).slice(0, o.perDay);
        for (const k of picks) {
          const start = new Date(day0 + day * DAY + 9 * 3_600_000 + k * 1_800_000);
          rows.push([o.serviceIds[Math.floor(rand() * o.serviceIds.length)], providerId, start]);
        }
      }
    for (let i = 0; i < rows.length; i += 500) {
      const values: unknown[] = [];
      const tuples = rows.slice(i, i + 500).map(([serviceId, providerId, start], j) => {
        values.push(
          randomUUID(),
          t.tenantId,
          serviceId,
          providerId,
          customerId,
          start,
          new Date((start as Date).getTime() + 1_800_000),
          randomBytes(5).toString('hex'),
          randomBytes(16).toString('hex'),
        );
        const b = j * 9;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, 'confirmed', $${b + 6}, $${b + 7}, 5, 5, $${b + 8}, $${b + 9}, 'GBP', now())`;
      });
      await db.query(
        `INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
           buffer_before_minutes, buffer_after_minutes, confirmation_code, manage_token_hash, currency, updated_at)
         VALUES ${tuples.join(',')}`,
        values,
      );
    }
    const busy: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < o.busy; i++) {
      const start = new Date(day0 + DAY + Math.floor(rand() * o.days * 96) * 900_000);
      busy.push(
        randomUUID(),
        t.tenantId,
        t.providerIds[Math.floor(rand() * t.providerIds.length)],
        start,
        new Date(start.getTime() + (1 + Math.floor(rand() * 8)) * 900_000),
      );
      const b = i * 5;
      tuples.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`);
    }
    if (tuples.length)
      await db.query(
        `INSERT INTO external_busy (id, tenant_id, provider_id, start_at, end_at) VALUES ${tuples.join(',')}`,
        busy,
      );
    // What autovacuum does after a bulk insert (as for the large tenant below): statistics, and
    // the visibility map the snapshot's index-only booking scan relies on.
    await db.query('VACUUM (ANALYZE) bookings, external_busy');
  });
}

/** Where the large tenant's bookings go: days HISTORY_DAYS before today to FUTURE_DAYS after. */
const HISTORY_DAYS = 300;
const FUTURE_DAYS = 90;
const SLOTS = 16; // 30-min bookings in 09:00–17:00 UTC

/**
 * Bookings `from`..`to`-1 of the large tenant, each at its own (provider, day, half hour): booking
 * i takes position (i × 7919) mod (providers × days × 16), a permutation, so the no-overlap
 * constraint holds and the bookings spread evenly over providers, days (300 past, 90 ahead:
 * about a sixth fall in a 62-day window) and hours. Past ones completed, the others confirmed.
 */
export async function addLargeTenantBookings(
  url: string,
  t: Tenant,
  serviceId: string,
  from: number,
  to: number,
) {
  const providers = t.providerIds.length;
  const days = HISTORY_DAYS + FUTURE_DAYS;
  const positions = providers * days * SLOTS;
  if (to > positions) throw new Error(`at most ${positions} bookings fit`);
  await withDb(url, async (db) => {
    const customerId = await benchCustomer(db, t.tenantId);
    for (let lo = from; lo < to; lo += 50_000) {
      const hi = Math.min(to, lo + 50_000);
      await db.query(
        `WITH g AS (SELECT i, (i::bigint * 7919) % $5 AS p FROM generate_series($3::int, $4::int - 1) i),
         s AS (SELECT i, ($6::uuid[])[(p % $7) + 1] AS provider_id,
                      to_timestamp($8 / 1000.0) + interval '1 day' * ((p / $7) % $9 - $10)
                        + interval '9 hours' + interval '30 minutes' * (p / ($7 * $9)) AS start_at
               FROM g)
         INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
           confirmation_code, manage_token_hash, currency, updated_at)
         SELECT gen_random_uuid(), $1::uuid, $2::uuid, s.provider_id, $11::uuid,
                CASE WHEN s.start_at < now() THEN 'completed' ELSE 'confirmed' END::"BookingStatus",
                s.start_at, s.start_at + interval '30 minutes', 'L' || lpad(s.i::text, 8, '0'), md5(s.i::text || $1::uuid::text), 'USD', now()
         FROM s`,
        [
          t.tenantId,
          serviceId,
          lo,
          hi,
          positions,
          t.providerIds,
          providers,
          day0,
          days,
          HISTORY_DAYS,
          customerId,
        ],
      );
    }
    // What autovacuum does after a bulk insert (it is off on the benchmark machine's cluster):
    // statistics, and the visibility map the snapshot's index-only booking scan relies on.
    await db.query('VACUUM (ANALYZE) bookings');
  });
}
