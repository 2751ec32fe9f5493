/**
 * Reports benchmark: GET /v1/admin/reports/summary over HTTP for a 30-day and a 365-day range of
 * a tenant with 50,000 bookings over a year (10 providers, 5 services, 2,000 customers), next to
 * GET /health/live on the same server in the same run; plus the CSV export of both ranges.
 *
 * Needs the machine's PostgreSQL (TEST_DATABASE_ADMIN_URL, default postgres@127.0.0.1:5432); makes
 * its own database from the migrated test template and drops it afterwards.
 * Run: npm run bench:reports [-- --requests 200 --no-write]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { addDays, localDateTimeToInstant, minutesToWallTime } from '../src/domain/time';
import { paths } from '../src/paths';
import setupTemplate from '../test/support/global-setup';
import { signupOwner, startTestApp, type TestApp } from '../test/support/test-app';
import { api, rng, stats, writeSection } from './support';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const REQUESTS = arg('requests', 200);
const CSV_RUNS = arg('csv-runs', 5);
const WRITE = !args.includes('--no-write');

const ZONE = 'Europe/London';
const YEAR_FROM = '2025-07-01';
const DAYS = 365;
const YEAR_TO = addDays(YEAR_FROM, DAYS - 1);
const MONTH = { from: '2026-02-01', to: '2026-03-02' };
const NOW = new Date('2026-03-01T12:00:00Z');
const PROVIDERS = 10;
const SERVICES = 5;
const CUSTOMERS = 2000;
const TARGET_BOOKINGS = 50_000;
/** 45-minute slots from 09:00; a provider-day takes each with this probability (≈ 13.7 a day). */
const SLOTS_PER_DAY = 16;
const SLOT_MINUTES = 45;
const TARGET_P95_MS = 200;

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Catalogue through the API; customers and bookings straight into the tables (as the owner). */
async function seed(app: TestApp) {
  const owner = await signupOwner(app, { timeZone: ZONE, currency: 'EUR' });
  const providerIds: string[] = [];
  for (let i = 0; i < PROVIDERS; i++) {
    const p = await api(app, 'post', '/v1/admin/providers', owner.auth, {
      name: `Provider ${i}`,
      sortOrder: i,
    });
    providerIds.push(p.id);
    await api(app, 'put', `/v1/admin/providers/${p.id}/hours`, owner.auth, {
      intervals: [
        ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '21:00' })),
        { weekday: 6, startTime: '10:00', endTime: '16:00' },
      ],
    });
  }
  const services: { id: string; priceCents: number }[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const priceCents = 2500 + i * 1500;
    const s = await api(app, 'post', '/v1/admin/services', owner.auth, {
      name: `Service ${i}`,
      durationMinutes: 45,
      priceCents,
      currency: 'EUR',
      providerIds,
    });
    services.push({ id: s.id, priceCents });
  }

  const rand = rng(7);
  const db = new pg.Client({ connectionString: app.db.url });
  await db.connect();
  try {
    const customerIds = Array.from({ length: CUSTOMERS }, () => randomUUID());
    for (let i = 0; i < CUSTOMERS; i += 1000) {
      const chunk = customerIds.slice(i, i + 1000);
      await db.query(
        `INSERT INTO customers (id, tenant_id, name, email, updated_at)
         SELECT id, $1, 'Customer ' || n, 'customer' || n || '@example.com', now() FROM unnest($2::uuid[], $3::int[]) AS t(id, n)`,
        [owner.tenantId, chunk, chunk.map((_, j) => i + j)],
      );
    }

    const take = TARGET_BOOKINGS / (PROVIDERS * DAYS * SLOTS_PER_DAY);
    const cols = {
      id: [] as string[],
      provider: [] as string[],
      service: [] as string[],
      customer: [] as string[],
      status: [] as string[],
      start: [] as Date[],
      end: [] as Date[],
      price: [] as number[],
      code: [] as string[],
      token: [] as string[],
    };
    for (let day = 0; day < DAYS; day++) {
      const date = addDays(YEAR_FROM, day);
      for (const providerId of providerIds) {
        for (let k = 0; k < SLOTS_PER_DAY; k++) {
          if (rand() >= take) continue;
          const start = new Date(
            localDateTimeToInstant(date, minutesToWallTime(9 * 60 + k * SLOT_MINUTES), ZONE),
          );
          const svc = services[Math.floor(rand() * SERVICES)]!;
          const r = rand();
          const status =
            start < NOW
              ? r < 0.78
                ? 'completed'
                : r < 0.88
                  ? 'cancelled'
                  : r < 0.93
                    ? 'no_show'
                    : 'confirmed'
              : r < 0.8
                ? 'confirmed'
                : r < 0.9
                  ? 'pending'
                  : 'cancelled';
          cols.id.push(randomUUID());
          cols.provider.push(providerId);
          cols.service.push(svc.id);
          cols.customer.push(customerIds[Math.floor(rand() * CUSTOMERS)]!);
          cols.status.push(status);
          cols.start.push(start);
          cols.end.push(new Date(start.getTime() + SLOT_MINUTES * 60_000));
          cols.price.push(svc.priceCents);
          cols.code.push(randomBytes(5).toString('hex'));
          cols.token.push(randomBytes(16).toString('hex'));
        }
      }
    }
    const n = cols.id.length;
    for (let i = 0; i < n; i += 5000) {
      const part = <T>(xs: T[]) => xs.slice(i, i + 5000);
      await db.query(
        `INSERT INTO bookings (id, tenant_id, provider_id, service_id, customer_id, status, start_at, end_at, price_cents, currency, confirmation_code, manage_token_hash, updated_at)
         SELECT id, $1, provider_id, service_id, customer_id, status::"BookingStatus", start_at, end_at, price_cents, 'EUR', code, token, now()
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::int[], $10::text[], $11::text[])
           AS t(id, provider_id, service_id, customer_id, status, start_at, end_at, price_cents, code, token)`,
        [
          owner.tenantId,
          part(cols.id),
          part(cols.provider),
          part(cols.service),
          part(cols.customer),
          part(cols.status),
          part(cols.start),
          part(cols.end),
          part(cols.price),
          part(cols.code),
          part(cols.token),
        ],
      );
    }
    // What autovacuum does to a table after a bulk insert (visibility map, statistics).
    await db.query('VACUUM ANALYZE');
    return { owner, bookings: n };
  } finally {
    await db.end();
  }
}

async function main() {
  await setupTemplate();
  const app = await startTestApp(
    {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      RATE_LIMITS_ENABLED: 'false',
    },
    { clock: { now: () => NOW } },
  );
  try {
    const t0 = performance.now();
    const { owner, bookings } = await seed(app);
    const seedSeconds = (performance.now() - t0) / 1000;
    const headers = owner.auth;
    const hit = async (path: string) => {
      const t = performance.now();
      const res = await fetch(`${app.baseUrl}${path}`, { headers });
      const body = await res.arrayBuffer();
      const elapsed = performance.now() - t;
      if (res.status !== 200)
        throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString()}`);
      return { elapsed, size: body.byteLength, body };
    };
    const summaryPath = (r: { from: string; to: string }) =>
      `/v1/admin/reports/summary?from=${r.from}&to=${r.to}`;
    const csvPath = (r: { from: string; to: string }) =>
      `/v1/admin/reports/bookings.csv?from=${r.from}&to=${r.to}`;
    const year = { from: YEAR_FROM, to: YEAR_TO };

    const monthSummary = JSON.parse(
      Buffer.from((await hit(summaryPath(MONTH))).body).toString(),
    ) as { bookings: { total: number } };
    const yearSummary = JSON.parse(Buffer.from((await hit(summaryPath(year))).body).toString()) as {
      bookings: { total: number };
    };
    for (let i = 0; i < 20; i++) {
      await hit('/health/live');
      await hit(summaryPath(MONTH));
      await hit(summaryPath(year));
    }
    const health: number[] = [];
    const month: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      health.push((await hit('/health/live')).elapsed);
      month.push((await hit(summaryPath(MONTH))).elapsed);
      full.push((await hit(summaryPath(year))).elapsed);
    }
    const csvMonth: number[] = [];
    const csvYear: number[] = [];
    let csvYearBytes = 0;
    for (let i = 0; i < CSV_RUNS; i++) {
      csvMonth.push((await hit(csvPath(MONTH))).elapsed);
      const r = await hit(csvPath(year));
      csvYear.push(r.elapsed);
      csvYearBytes = r.size;
    }

    const m = stats(month);
    const y = stats(full);
    const h = stats(health);
    const cm = stats(csvMonth);
    const cy = stats(csvYear);
    const ok = m.p95 < TARGET_P95_MS && y.p95 < TARGET_P95_MS;
    const dataset =
      `1 tenant (${ZONE}), ${PROVIDERS} providers (Mon–Fri 09–21, Sat 10–16), ${SERVICES} services, ${CUSTOMERS.toLocaleString('en')} customers, ` +
      `${bookings.toLocaleString('en')} bookings of 45 min over ${DAYS} days (${YEAR_FROM} → ${YEAR_TO}; ~78% completed / 10% cancelled / 5% no-show in the past). ` +
      `The 30-day range (${MONTH.from} → ${MONTH.to}) holds ${monthSummary.bookings.total.toLocaleString('en')} bookings, the year ${yearSummary.bookings.total.toLocaleString('en')}.`;
    const table = [
      '| measurement | requests | median | p95 | max |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| GET /v1/admin/reports/summary, 30 days | ${REQUESTS} | ${ms(m.median)} | ${ms(m.p95)} | ${ms(m.max)} |`,
      `| GET /v1/admin/reports/summary, 365 days | ${REQUESTS} | ${ms(y.median)} | ${ms(y.p95)} | ${ms(y.max)} |`,
      `| GET /health/live (same server, same run) | ${REQUESTS} | ${ms(h.median)} | ${ms(h.p95)} | ${ms(h.max)} |`,
      `| GET /v1/admin/reports/bookings.csv, 30 days | ${CSV_RUNS} | ${ms(cm.median)} | ${ms(cm.p95)} | ${ms(cm.max)} |`,
      `| GET /v1/admin/reports/bookings.csv, 365 days (${(csvYearBytes / 1024 / 1024).toFixed(1)} MiB) | ${CSV_RUNS} | ${ms(cy.median)} | ${ms(cy.p95)} | ${ms(cy.max)} |`,
    ].join('\n');
    const verdict = `- Summary p95: ${ms(m.p95)} (30 days), ${ms(y.p95)} (365 days) — target < ${TARGET_P95_MS} ms: **${ok ? 'met' : 'missed'}**.`;
    console.log(`\nSeeded in ${seedSeconds.toFixed(1)} s.\n${dataset}\n\n${table}\n\n${verdict}\n`);

    if (WRITE) {
      const section = [
        '## Reports',
        '',
        '`npm run bench:reports` (server/bench/reports.ts) on its own database cloned from the migrated template.',
        `Measured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch}, Node ${process.versions.node}.`,
        '',
        `Dataset: ${dataset}`,
        '',
        table,
        '',
        verdict,
        '',
        'Sequential requests over one keep-alive connection (Node fetch) after 20 warm-up rounds, alternating health,',
        '30-day and 365-day summaries so all three see the same machine load (read the figures against the health line:',
        'on this 2-core machine shared with other jobs, runs at a load average near 10 measured a 365-day p95 of 350–500 ms',
        'with health p95 at 10–40 ms). The bookings were bulk-inserted and then `VACUUM ANALYZE`d, the state autovacuum',
        "leaves such a table in. A summary is one pass over the range's bookings grouped four ways (GROUPING SETS) plus one",
        'small query for weekly hours, in one REPEATABLE READ tenant transaction; the CSV streams keyset batches of 2,000',
        'rows, each in its own short transaction.',
        '',
      ].join('\n');
      writeSection(join(paths.root, 'docs', 'performance.md'), 'Reports', section);
    }
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
