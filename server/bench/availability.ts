/**
 * Availability benchmark (issue 20 points 6 and 7): the public availability endpoint of the
 * built server (`node server/dist/main.js`, NODE_ENV=production, its own process) driven by an
 * external load client (wrk, bench/wrk.ts), every figure next to `GET /health/live` of the same
 * server in the same run, as a ratio.
 *
 * 1. Targets, `--rounds` rounds of `--seconds` each, interleaved: health; a cached 30-day query
 *    of the 20-provider tenant; uncached 30-day queries of it; uncached 62-day queries of the
 *    500-provider tenant. One connection, back to back (wrk -c1): latency is the request's cost,
 *    not queueing behind other requests.
 * 2. Growth curve: bookings 0 → 300k in the 500-provider tenant, then providers 1 → 500 and days
 *    1 → 62 at 300k bookings; each point also times the snapshot SQL alone (availability_snapshot
 *    called directly, what PostgreSQL costs of a miss).
 * 3. RSS soak (`--soak-seconds`, default 600, 0 skips it): uncached load (wrk, 2 threads × 4
 *    connections) across many tenants and windows, the 500-provider tenant among them, sampling
 *    the server's RSS from /proc.
 *
 * "Uncached" really misses: every uncached request is a key (tenant, service, window, viewer zone)
 * used once in the whole run — windows start 1..N days ahead and the viewer zone runs through
 * every IANA zone Node knows, shuffled — and the cache answers only the exact key. The run proves
 * it: PostgreSQL's pg_stat_user_functions counts availability_snapshot_occupied calls (two per
 * miss: every service here is an appointment, whose bookings that function reads once in each
 * half of the split read, ADR 0024), and the count must be twice the uncached requests plus one
 * per cached phase.
 *
 * Needs wrk on the PATH and the machine's PostgreSQL (TEST_DATABASE_ADMIN_URL); makes its own
 * database from the migrated test template and drops it afterwards.
 * Run: npm run bench:availability [-- --seconds 10 --rounds 3 --growth-seconds 5 --soak-seconds 600 --no-write --keep-db]
 * (BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile into <dir> when the run ends.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { snapshotArgs } from '../src/adapters/prisma/repositories/availability';
import { localDateRangeToInstants } from '../src/domain/time';
import { paths as repoPaths } from '../src/paths';
import setupTestDatabases from '../test/support/global-setup';
import { createTestDatabase } from '../test/support/test-db';
import { baseEnv, ensureServerBuilt, startProcess } from '../test/scale/processes';
import {
  addLargeTenantBookings,
  isoDate,
  seedCalendar,
  seedTenant,
  type Tenant,
} from './availability-seed';
import { soak, type SoakResult } from './availability-soak';
import {
  machine,
  writeAvailabilitySection,
  type GrowthRow,
  type TargetRound,
  type Uncached,
} from './availability-report';
import { rng } from './support';
import { requireWrk, wrk, type WrkResult } from './wrk';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const ROUNDS = arg('rounds', 3);
const GROWTH_SECONDS = arg('growth-seconds', 5);
const SOAK_SECONDS = arg('soak-seconds', 600);
const WRITE = !args.includes('--no-write');
/** --keep-db: leave the database (and print its URL) for EXPLAIN ANALYZE afterwards. */
const KEEP_DB = args.includes('--keep-db');
/**
 * --quick: only the 20-provider tenant, no growth curve, no soak, nothing written: rounds of
 * health, cached and uncached 30 d × 20 (with the API CPU and the snapshot SQL per miss), for
 * iterating on the miss path.
 */
const QUICK = args.includes('--quick');
const BOOKING_LEVELS = [0, 30_000, 100_000, 300_000];
const MAX_ADVANCE_DAYS = 120;

const service = (extra: Record<string, unknown> = {}) => ({
  durationMinutes: 30,
  minNoticeMinutes: 60,
  maxAdvanceDays: MAX_ADVANCE_DAYS,
  ...extra,
});

/** Every zone Node knows, in a fixed shuffled order (the viewer zone of uncached keys). */
const ZONES = (() => {
  const zones = Intl.supportedValuesOf('timeZone');
  const rand = rng(7);
  for (let i = zones.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [zones[i], zones[j]] = [zones[j]!, zones[i]!];
  }
  return zones;
})();

const availabilityPath = (t: Tenant, serviceId: string, from: number, days: number, zone: string) =>
  `/v1/public/tenants/${t.slug}/availability?serviceId=${serviceId}&from=${isoDate(from)}&to=${isoDate(from + days - 1)}&timezone=${encodeURIComponent(zone)}`;

/** Keys handed out for uncached load; a key is never handed out twice. */
const used = new Set<string>();
function uncachedPaths(t: Tenant, serviceId: string, days: number): string[] {
  const out: string[] = [];
  const starts = MAX_ADVANCE_DAYS - days - 2;
  for (let z = 0; z < ZONES.length; z++)
    for (let s = 0; s < starts; s++) {
      const p = availabilityPath(t, serviceId, 1 + ((s + z) % starts), days, ZONES[z]!);
      if (!used.has(p)) out.push(p);
    }
  return out;
}

/** The process's CPU time so far, ms (utime + stime; Linux clock ticks of 10 ms). */
const cpuMsOf = (pid: number) => () => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};

/** The public snapshot of `days` days from day 2 on a client already in the app role: median of 7, ms. */
async function medianSnapshotMs(asApp: pg.Client, t: Tenant, serviceId: string, days: number) {
  const w = localDateRangeToInstants(isoDate(2), isoDate(2 + days - 1), 'UTC');
  const a = snapshotArgs(
    t.tenantId,
    { serviceId, fromUtc: new Date(w.start), toUtc: new Date(w.end) },
    null,
  );
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await asApp.query(
      'SELECT availability_snapshot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true)',
      a,
    );
    times.push(performance.now() - t0);
  }
  return times.sort((x, y) => x - y)[3]!;
}

/** The snapshot SQL of `days` days from day 2 as the server runs it (app role, RLS): median of 7, ms. */
async function snapshotSqlMs(url: string, t: Tenant, serviceId: string, days: number) {
  const asApp = new pg.Client({ connectionString: url });
  await asApp.connect();
  try {
    await asApp.query(`SET track_functions = 'none'`);
    await asApp.query('SET ROLE slotwise_app');
    return await medianSnapshotMs(asApp, t, serviceId, days);
  } finally {
    await asApp.end();
  }
}

/** The baselines: `/health/live` (the stack, no database) or `/health/ready` (plus `SELECT 1`). */
const probe = (base: string, which: 'live' | 'ready', seconds: number) =>
  wrk({ baseUrl: base, paths: [`/health/${which}`], seconds });

/** --quick: health / cached / uncached 30 d × 20 rounds only (see QUICK). */
async function quick(base: string, small: Tenant, cpuMs: () => number, url: string) {
  const serviceId = small.services.Consultation!;
  const health = (seconds: number) => probe(base, 'live', seconds);
  const uncached = async (seconds: number) => {
    const list = uncachedPaths(small, serviceId, 30);
    const cpu0 = cpuMs();
    const r = await wrk({ baseUrl: base, paths: list, seconds });
    for (const p of list.slice(0, r.requests + 2)) used.add(p);
    if (r.failures) throw new Error(`uncached: ${r.failures} failed requests`);
    return { ...r, cpuMs: r.requests ? (cpuMs() - cpu0) / r.requests : 0 };
  };
  await health(3);
  await uncached(5);
  const cachedPath = availabilityPath(small, serviceId, 2, 30, 'America/New_York');
  used.add(cachedPath);
  for (let i = 0; i < ROUNDS; i++) {
    const h = await health(SECONDS);
    const ready = await probe(base, 'ready', SECONDS);
    const c = await wrk({ baseUrl: base, paths: [cachedPath], seconds: SECONDS });
    const u = await uncached(SECONDS);
    const sql = await snapshotSqlMs(url, small, serviceId, 30);
    console.log(
      `round ${i + 1}: health p50/p95 ${h.p50}/${h.p95} ms; ready ${ready.p50}/${ready.p95} ms; ` +
        `cached ${c.p50}/${c.p95} ms (×${(c.p95 / h.p95).toFixed(1)}, ×${(c.p95 / ready.p95).toFixed(1)} ready); ` +
        `uncached 30×20 ${u.p50}/${u.p95} ms (×${(u.p95 / h.p95).toFixed(1)}, ×${(u.p95 / ready.p95).toFixed(1)} ready), ${u.requests} requests, ` +
        `API CPU ${u.cpuMs.toFixed(2)} ms, ${(u.bytes / u.requests / 1024).toFixed(0)} KiB, snapshot SQL ${sql.toFixed(2)} ms`,
    );
  }
}

async function main() {
  requireWrk();
  ensureServerBuilt();
  await setupTestDatabases();
  const db = await createTestDatabase();
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  // Counts availability_snapshot_occupied calls: two per computed (uncached) answer.
  await admin.query(
    `ALTER DATABASE "${new URL(db.url).pathname.slice(1)}" SET track_functions = 'pl'`,
  );
  const server = await startProcess('main', {
    ...baseEnv({
      DATABASE_URL: db.url,
      RATE_LIMITS_ENABLED: 'false',
      RUN_WORKERS: 'false',
      NODE_ENV: 'production',
    }),
    PASSWORD_HASH_COST: '17',
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (for profiling).
    ...(process.env.BENCH_CPU_PROF
      ? {
          NODE_OPTIONS: `--require ${join(repoPaths.root, 'server', 'bench', 'cpu-profile.cjs')}`,
          BENCH_CPU_PROF: process.env.BENCH_CPU_PROF,
        }
      : {}),
  });
  const pid = server.child.pid!;
  const base = server.baseUrl;
  try {
    console.log(`server: node server/dist/main.js (pid ${pid}, NODE_ENV=production) at ${base}`);
    const small = await seedTenant(base, {
      zone: 'Europe/London',
      providers: 20,
      hours: ['09:00', '17:00'],
      services: [
        {
          name: 'Consultation',
          providerCount: 20,
          body: service({ bufferBeforeMinutes: 5, bufferAfterMinutes: 5 }),
        },
        { name: 'Other', providerCount: 20, body: service() },
      ],
    });
    await seedCalendar(db.url, small, {
      days: MAX_ADVANCE_DAYS - 30,
      perDay: 5,
      busy: 3000,
      serviceIds: Object.values(small.services),
    });
    if (QUICK) return await quick(base, small, cpuMsOf(pid), db.url);
    const large = await seedTenant(base, {
      zone: 'UTC',
      providers: 500,
      hours: ['09:00', '17:00'],
      services: [1, 20, 100, 500].map((n) => ({
        name: `P${n}`,
        providerCount: n,
        body: service(),
      })),
    });
    console.log('seeded: 20-provider tenant (bookings, busy time), 500-provider tenant');

    // The snapshot as the server runs it: as the app role, under row-level security.
    const asApp = new pg.Client({ connectionString: db.url });
    await asApp.connect();
    // Not counted in pg_stat_user_functions (only the server's calls are).
    await asApp.query(`SET track_functions = 'none'`);
    await asApp.query('SET ROLE slotwise_app');
    const snapshotSql = (t: Tenant, serviceId: string, days: number) =>
      medianSnapshotMs(asApp, t, serviceId, days);
    let uncachedRequests = 0;
    let cachedPhases = 0;
    let phases = 0; // every availability phase, cached ones included
    const health = (seconds: number) => probe(base, 'live', seconds);
    const ready = (seconds: number) => probe(base, 'ready', seconds);
    const cpuMs = cpuMsOf(pid);
    const uncached = async (
      t: Tenant,
      serviceId: string,
      days: number,
      seconds: number,
    ): Promise<Uncached> => {
      const list = uncachedPaths(t, serviceId, days);
      const cpu0 = cpuMs();
      const w = await wrk({ baseUrl: base, paths: list, seconds });
      const r = { ...w, cpuMs: w.requests ? (cpuMs() - cpu0) / w.requests : 0 };
      phases++;
      if (r.requests > list.length) throw new Error('wrk wrapped round its key list');
      // Sent: the completed requests, one in flight per connection, one taken by wrk's start-up call.
      for (const p of list.slice(0, r.requests + 2)) used.add(p);
      uncachedRequests += r.requests;
      return r;
    };
    const check = <R extends WrkResult>(label: string, r: R): R => {
      if (r.failures) throw new Error(`${label}: ${r.failures} failed requests`);
      return r;
    };

    // Warm-up: JIT, the pool's connections and plans, every viewer zone once.
    await health(3);
    await uncached(small, small.services.Consultation!, 30, 5);
    await uncached(large, large.services.P20!, 7, 5);

    // 2. Growth curve.
    const growth: GrowthRow[] = [];
    const point = async (
      axis: string,
      value: string,
      t: Tenant,
      name: string,
      days: number,
      h: WrkResult,
    ) => {
      const r = check(
        `${axis} ${value}`,
        await uncached(t, t.services[name]!, days, GROWTH_SECONDS),
      );
      const sql = await snapshotSql(t, t.services[name]!, days);
      const row: GrowthRow = {
        axis,
        value,
        providers: Number(name.slice(1)),
        days,
        r,
        health: h,
        sqlMs: sql,
      };
      growth.push(row);
      console.log(
        `${axis} ${value}: p50 ${r.p50} ms, p95 ${r.p95} ms, API CPU ${r.cpuMs.toFixed(1)} ms, SQL ${sql.toFixed(1)} ms, health p95 ${h.p95} ms`,
      );
    };
    let seeded = 0;
    for (const level of BOOKING_LEVELS) {
      await addLargeTenantBookings(db.url, large, large.services.P500!, seeded, level);
      seeded = level;
      const h = check('health', await health(3));
      await point('bookings', level.toLocaleString('en'), large, 'P500', 62, h);
    }
    let h = check('health', await health(3));
    for (const n of [1, 20, 100, 500]) await point('providers', String(n), large, `P${n}`, 30, h);
    h = check('health', await health(3));
    for (const days of [1, 7, 14, 30, 62])
      await point('days', String(days), large, 'P500', days, h);

    // 1. Targets, interleaved rounds.
    const cachedPath = availabilityPath(
      small,
      small.services.Consultation!,
      2,
      30,
      'America/New_York',
    );
    used.add(cachedPath);
    const rounds: TargetRound[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round: TargetRound = {
        health: check('health', await health(SECONDS)),
        ready: check('ready', await ready(SECONDS)),
        cached: check(
          'cached',
          await wrk({ baseUrl: base, paths: [cachedPath], seconds: SECONDS }),
        ),
        uncached30x20: check(
          'uncached 30x20',
          await uncached(small, small.services.Consultation!, 30, SECONDS),
        ),
        uncached62x500: check(
          'uncached 62x500',
          await uncached(large, large.services.P500!, 62, SECONDS),
        ),
      };
      cachedPhases++;
      phases++;
      rounds.push(round);
      console.log(
        `round ${i + 1}: health p95 ${round.health.p95} ms, ready p95 ${round.ready.p95} ms, cached ${round.cached.p95} ms, ` +
          `uncached 30×20 ${round.uncached30x20.p95} ms, uncached 62×500 ${round.uncached62x500.p95} ms (API CPU ${round.uncached62x500.cpuMs.toFixed(1)} ms)`,
      );
    }

    // Every uncached request ran the snapshot (pgstat flushes within ~10 s of a backend going
    // idle). At most one request per phase and connection more: the one in flight when wrk stopped.
    // Each computed answer calls availability_snapshot_occupied twice: once in each half of the
    // split read (ADR 0024; the 'schedule' half reads the first fifth of the providers' bookings).
    const expected = uncachedRequests + cachedPhases;
    let calls = 0;
    for (let i = 0; i < 30 && calls < 2 * expected; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const { rows } = await admin.query<{ calls: string }>(
        `SELECT COALESCE(sum(calls), 0) AS calls FROM pg_stat_user_functions WHERE funcname = 'availability_snapshot_occupied'`,
      );
      calls = Number(rows[0]!.calls);
    }
    const misses = { expected, calls, phases };
    await asApp.end();
    console.log(
      `availability_snapshot_occupied calls by the server: ${calls} (two per computed answer); uncached requests + cached phases: ${expected}; phases: ${phases}`,
    );
    if (calls < 2 * expected || calls > 2 * (expected + phases))
      console.log(
        'WARNING: the snapshot count does not match: some "uncached" requests may have hit',
      );

    // 3. Soak.
    let soakResult: SoakResult | undefined;
    if (SOAK_SECONDS > 0) {
      const tenants: Tenant[] = [];
      for (let i = 0; i < 12; i++)
        tenants.push(
          await seedTenant(base, {
            zone: ZONES[i * 13]!,
            providers: 2 + ((i * 5) % 18),
            hours: ['08:00', '18:00'],
            services: [
              { name: 'S', providerCount: 20, body: service({ bufferAfterMinutes: 10 * (i % 3) }) },
            ],
          }),
        );
      // Distinct keys, none asked before: enough that wrk never runs out in SOAK_SECONDS (a faster
      // server answered ~270k in 10 minutes).
      const mix: string[] = [];
      const taken = new Set(used);
      const rand = rng(99);
      const lengths = [1, 3, 7, 14, 30, 62];
      for (let i = 0; mix.length < 500_000; i++) {
        const big = mix.length % 60 === 0; // 1 in 60 requests: 62 days of the 500-provider tenant
        const t = big
          ? large
          : rand() < 0.15
            ? small
            : tenants[Math.floor(rand() * tenants.length)]!;
        const serviceId = big
          ? large.services.P500!
          : t === small
            ? small.services.Consultation!
            : t.services.S!;
        const days = big ? 62 : lengths[Math.floor(rand() * lengths.length)]!;
        const from = 1 + Math.floor(rand() * (MAX_ADVANCE_DAYS - days - 2));
        const p = availabilityPath(t, serviceId, from, days, ZONES[Math.floor(rand() * ZONES.length)]!);
        if (taken.has(p)) {
          if (i > 50_000_000) throw new Error('soak: ran out of distinct keys');
          continue;
        }
        taken.add(p);
        mix.push(p);
      }
      soakResult = await soak({ baseUrl: base, pid, paths: mix, seconds: SOAK_SECONDS });
    }

    const report = { rounds, growth, misses, soak: soakResult, machine: machine() };
    if (WRITE)
      writeAvailabilitySection(join(repoPaths.root, 'docs', 'performance.md'), report, {
        SECONDS,
        GROWTH_SECONDS,
      });
    else console.log(JSON.stringify(report, null, 1));
  } finally {
    await server.stop();
    await admin.end();
    if (KEEP_DB) console.log(`database kept: ${db.url}`);
    else await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
