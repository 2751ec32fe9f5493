/**
 * Booking benchmark: sustained public booking creation through the real HTTP API (re-validation by
 * the slot engine, customer find-or-create, insert under the exclusion constraint, history and
 * outbox rows, all in one transaction per booking), next to the raw single-row INSERT rate of the
 * same database with the same concurrency and pool size, measured in the same run — so the ratio,
 * not the absolute figure, is what carries between machines. In between, the same clients (same
 * worker code, concurrency and duration) call the no-op `GET /health/live` of the same server(s):
 * the ceiling any HTTP endpoint reaches with this client on this machine.
 *
 * Dataset: 1 service (30 min), 60 providers working around the clock (UTC), slots over the next
 * 300 days; every client books a random provider and slot, so creates rarely conflict (the few
 * that do get a 409 and are counted apart).
 *
 * Needs the machine's PostgreSQL (TEST_DATABASE_ADMIN_URL, default postgres@127.0.0.1:5432); makes
 * its own database from the migrated test template and drops it afterwards.
 * Run: npm run bench:booking [-- --seconds 10 --clients 32 --pool 20 --processes 1 --no-write --baseline <git-rev>]
 * (--processes N: N API processes on the database, the pool split between them, as when scaling out.)
 * (--baseline REV [--rounds N]: the before/after of a change in one run: REV's benchmark and this
 * tree's, as child processes with the same arguments, alternating, N rounds (default 2); bench/baseline.ts.)
 * SKIP_RAW=1 skips the raw INSERT measurement (for profiling; the run is then not written to the docs).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { pgAvailabilitySnapshots, pgBookingStore } from '../src/adapters/postgres/booking-store';
import { composeSystem } from '../src/compose-http';
import { loadConfig } from '../src/config';
import { createAppServer } from '../src/http/listen';
import { createLogger } from '../src/logger';
import { paths } from '../src/paths';
import { SlotTaken } from '../src/ports/repositories';
import setupTemplate from '../test/support/global-setup';
import { startTestApp, TEST_SECRETS_KEY, type TestApp } from '../test/support/test-app';
import { compareWithBaseline, comparisonRows } from './baseline';
import { foldAll, measureFold } from './report-fold';
import { seedBookingTenant } from './booking-seed';
import { percentile, rng } from './support';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CLIENTS = arg('clients', 32);
const POOL = arg('pool', 20);
const PROCESSES = Math.max(1, arg('processes', 1));
const WARMUP_SECONDS = arg('warmup', 2);
const WRITE = !args.includes('--no-write');
const BASELINE = args.includes('--baseline') ? args[args.indexOf('--baseline') + 1] : undefined;
/** What the baseline's own run gets: the same arguments, nothing written. */
const baselineArgs = args.filter(
  (a, i) =>
    a !== '--no-write' &&
    !['--baseline', '--rounds'].includes(a) &&
    !['--baseline', '--rounds'].includes(args[i - 1]!),
);
const RUN_TABLE_HEADER =
  '| run (UTC) | API processes | clients | bookings/s | latency p50 / p95 | API CPU / request | raw INSERT/s | ratio | no-op HTTP/s | no-op / raw | use case in-process/s | write alone/s | load |';
/** SKIP_RAW=1: no raw INSERT measurement (for profiling the HTTP side); the run is not written. */
const SKIP_RAW = process.env.SKIP_RAW === '1';

const PROVIDERS = 60;
const DAYS = 300;
const SLOTS_PER_DAY = 48;
const HISTORY = 20_000;
const poolPerProcess = Math.max(2, Math.ceil(POOL / PROCESSES));
// The forked API processes inherit process.env, so they all verify the same secret.
process.env.BENCH_JWT_SECRET ??= randomBytes(32).toString('base64url');
const apiEnv = {
  DATABASE_POOL_SIZE: String(poolPerProcess),
  RATE_LIMITS_ENABLED: 'false',
  JWT_SECRET: process.env.BENCH_JWT_SECRET,
  PUBLIC_URL: 'http://slotwise.bench',
  SECRETS_KEY: TEST_SECRETS_KEY,
};

/**
 * A business with a past: HISTORY completed bookings (one customer each) over the last year,
 * then ANALYZE, as autovacuum keeps a live database. Without it the planner believes the tables
 * empty and the run measures plans no production database would use.
 */
async function seedHistory(url: string, serviceId: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `WITH s AS (SELECT tenant_id FROM services WHERE id = $1),
       p AS (SELECT provider_id, (row_number() OVER (ORDER BY provider_id) - 1)::int AS n FROM provider_services WHERE service_id = $1),
       g AS (SELECT i, gen_random_uuid() AS customer_id FROM generate_series(1, $2::int) i),
       c AS (
         INSERT INTO customers (id, tenant_id, name, email, updated_at)
         SELECT g.customer_id, s.tenant_id, 'Past customer ' || g.i, 'past-' || g.i || '@example.com', now() FROM s, g)
       INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
         confirmation_code, manage_token_hash, price_cents, currency, updated_at)
       SELECT gen_random_uuid(), s.tenant_id, $1, p.provider_id, g.customer_id, 'completed',
         date_trunc('day', now()) - interval '1 day' * (g.i % 365 + 1) + interval '30 minutes' * (g.i / 365 % 48),
         date_trunc('day', now()) - interval '1 day' * (g.i % 365 + 1) + interval '30 minutes' * (g.i / 365 % 48 + 1),
         'H' || lpad(g.i::text, 7, '0'), md5(g.customer_id::text), 5000, 'USD', now()
       FROM s, g JOIN p ON p.n = g.i % (SELECT count(*) FROM p)`,
      [serviceId, HISTORY],
    );
    // The history's creates were queued for the report fold job (ADR 0022), which would have
    // folded them long before: fold them now, so the run's fold figure is the run's bookings.
    await foldAll(c, 5000);
    // What autovacuum does to the queue's dead rows; the rest as before (ANALYZE only).
    await c.query('VACUUM ANALYZE report_pending');
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}

/** `createPublic` called directly, `CLIENTS` loops for `SECONDS` after a warm-up; 409s counted apart. */
async function createInProcess(app: TestApp, plan: ClientPlan, slug: string, dbCpu: DbCpu): Promise<RunResult> {
  const rand = rng(4242); // the HTTP clients' generator (in their worker's source) with another seed
  let n = 0;
  const one = async () => {
    const slot = Math.floor(rand() * plan.days * plan.slotsPerDay);
    const start = new Date(
      (plan.day0 + Math.floor(slot / plan.slotsPerDay)) * 86_400_000 +
        (slot % plan.slotsPerDay) * 1_800_000,
    );
    const i = n++;
    await app.system.services.bookings.createPublic(
      slug,
      {
        serviceId: plan.serviceId,
        providerId: plan.providerIds[Math.floor(rand() * plan.providerIds.length)]!,
        start: start.toISOString(),
        customer: { name: `In-process ${i}`, email: `in-process-${i}@example.com` },
        timeZone: 'Europe/Paris',
        notes: '',
        answers: {},
      },
    );
  };
  return sustainedBookings(one, dbCpu);
}

/**
 * The database write alone: BookingStore.create (booking_create: schedule version check, customer,
 * booking, history, two outbox rows, one statement) with rows built here, no HTTP, no read, no engine. The floor of
 * what a booking costs the database, next to the raw INSERT.
 */
async function writeOnly(app: TestApp, plan: ClientPlan, dbCpu: DbCpu): Promise<RunResult> {
  const store = pgBookingStore(app.system.db.pool, app.system.db.prisma);
  const rand = rng(777);
  // As the login role: the app's pool runs under row-level security with no tenant set here.
  const admin = new pg.Client({ connectionString: app.db.url });
  await admin.connect();
  const { rows } = await admin.query<{ tenant_id: string }>(
    'SELECT tenant_id FROM services WHERE id = $1',
    [plan.serviceId],
  );
  await admin.end();
  const tenantId = rows[0]!.tenant_id;
  // The schedule versions the write compares (what a booking's snapshot read returns), once.
  const read = await pgAvailabilitySnapshots(app.system.db.pool).loadForBooking(
    tenantId,
    { serviceId: plan.serviceId, fromUtc: new Date(), toUtc: new Date(Date.now() + 1) },
    { email: null, phone: null },
  );
  let n = 0;
  const one = async () => {
    const i = n++;
    // Two years out, past the other phases' slots.
    const slot = Math.floor(rand() * plan.days * plan.slotsPerDay);
    const start =
      (plan.day0 + 400 + Math.floor(slot / plan.slotsPerDay)) * 86_400_000 +
      (slot % plan.slotsPerDay) * 1_800_000;
    const providerId = plan.providerIds[Math.floor(rand() * plan.providerIds.length)]!;
    const payload = { status: 'confirmed', actor: { type: 'customer', id: '' } };
    await store.create(tenantId, {
      booking: {
        id: randomUUID(),
        serviceId: plan.serviceId,
        providerId,
        customerId: randomUUID(),
        outsideAvailability: false,
        status: 'confirmed',
        startAt: new Date(start),
        endAt: new Date(start + 1_800_000),
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        sessionKey: null,
        seats: 1,
        confirmationCode: randomBytes(5).toString('hex').slice(0, 8).toUpperCase(),
        manageTokenHash: randomBytes(32).toString('hex'),
        priceCents: 5000,
        currency: 'USD',
        depositCents: 0,
        customerTimeZone: 'Europe/Paris',
        customerNotes: '',
        staffNotes: '',
        source: 'public',
      },
      newCustomer: {
        name: `Write-only ${i}`,
        email: `write-only-${i}@example.com`,
        phone: null,
        timeZone: 'Europe/Paris',
      },
      scheduleVersion: read!.versions.get(providerId)!,
      answers: [],
      event: {
        action: 'create',
        fromStatus: null,
        toStatus: 'confirmed',
        actorType: 'customer',
        actorId: '',
        data: { source: 'public' },
      },
      outbox: [
        { topic: 'booking.created', payload },
        { topic: 'booking.confirmed', payload },
      ],
      joinedLater: false,
    });
  };
  return sustainedBookings(one, dbCpu);
}

/** `sustained` for in-process booking calls, warm-up first; a slot_unavailable is a conflict, not a booking. */
async function sustainedBookings(create: () => Promise<unknown>, dbCpu: DbCpu): Promise<RunResult> {
  let conflicts = 0;
  const one = async () => {
    try {
      await create();
    } catch (err) {
      // The use case answers slot_unavailable; the store alone, SlotTaken.
      if (!(err instanceof SlotTaken) && (err as { code?: string }).code !== 'slot_unavailable')
        throw err;
      conflicts++;
    }
  };
  await sustained(CLIENTS, WARMUP_SECONDS, one);
  conflicts = 0;
  const db0 = await dbCpu();
  const r = await sustained(CLIENTS, SECONDS, one);
  r.dbCpuPerRequest = ((await dbCpu()) - db0) / r.ok;
  r.ok -= conflicts;
  r.conflicts = conflicts;
  return r;
}

interface RunResult {
  ok: number;
  conflicts: number;
  errors: number;
  seconds: number;
  latencies: number[];
  /** CPU ms the database's backends spent per call (booking phases only). */
  dbCpuPerRequest?: number;
}

type DbCpu = () => Promise<number>;

/**
 * CPU ms the PostgreSQL backends connected to `url`'s database used since the meter was made
 * (utime + stime from /proc; the server runs on this machine), summed per backend so that one
 * that exits keeps what it had used when last seen. Per booking, the database's share of the
 * work, which a busy machine slows but does not inflate the way it does rates.
 */
async function dbCpuMeter(url: string): Promise<{ read: DbCpu; close: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let started = false;
  const read = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    for (const { pid } of rows) {
      const ms = cpuMs(`/proc/${pid}/stat`);
      if (Number.isNaN(ms)) continue;
      // A backend started since the meter was made: all its time is in the measured span.
      if (!first.has(pid)) first.set(pid, started ? 0 : ms);
      last.set(pid, ms);
    }
    let used = 0;
    for (const [pid, ms] of last) used += ms - first.get(pid)!;
    return used;
  };
  await read();
  started = true;
  return { read, close: () => admin.end() };
}

/** `clients` loops calling `op` back to back for `seconds`; latency per call. */
async function sustained(
  clients: number,
  seconds: number,
  op: () => Promise<void>,
): Promise<RunResult> {
  const r: RunResult = { ok: 0, conflicts: 0, errors: 0, seconds: 0, latencies: [] };
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await op();
        r.latencies.push(performance.now() - t);
        r.ok++;
      }
    }),
  );
  r.seconds = (performance.now() - t0) / 1000;
  return r;
}

interface ClientPlan {
  /** 'booking': POST a booking to each URL; 'noop': GET each URL (the no-op `/health/live`). */
  mode: 'booking' | 'noop';
  urls: string[];
  serviceId: string;
  providerIds: string[];
  day0: number;
  days: number;
  slotsPerDay: number;
  clients: number;
  seconds: number;
  warmupSeconds: number;
  /** Makes the Idempotency-Keys unique per run of the clients. */
  runId: string;
}

type ClientResult = RunResult & { unexpected: string[]; requests: number; warmupRequests: number };

// Plain JS for a worker thread, over node:http with one keep-alive agent per URL (global fetch costs
// several times the CPU per request in Node 20, which the server would lose on a 2-core box).
// 'booking': random provider and half-hour slot per request, fresh customer, a fresh Idempotency-Key
// (as the SDK always sends one); 201 counts as ok, 409 as a conflict. 'noop': GET, 200 counts as ok. Client i talks to URL (API process) i mod N.
const CLIENT_SOURCE = `
const { parentPort, workerData: p } = require('node:worker_threads');
const http = require('node:http');
const agents = p.urls.map(() => new http.Agent({ keepAlive: true, maxSockets: p.clients }));
let seed = 42;
const rand = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
let n = 0;
function send(u, agent, method, body, key) {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (key) headers['idempotency-key'] = key;
    const req = http.request(u, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
const OK = p.mode === 'booking' ? 201 : 200;
function one(c) {
  const k = c % p.urls.length;
  const i = n++;
  if (p.mode === 'noop') return send(p.urls[k], agents[k], 'GET');
  const slot = Math.floor(rand() * p.days * p.slotsPerDay);
  const start = new Date((p.day0 + Math.floor(slot / p.slotsPerDay)) * 86400000 + (slot % p.slotsPerDay) * 1800000);
  return send(p.urls[k], agents[k], 'POST', JSON.stringify({
    serviceId: p.serviceId, providerId: p.providerIds[Math.floor(rand() * p.providerIds.length)], start: start.toISOString(),
    customer: { name: 'Bench ' + i, email: 'bench-' + i + '@example.com' }, timeZone: 'Europe/Paris' }), 'bench-' + p.runId + '-' + i);
}
async function run(seconds, record) {
  const r = { ok: 0, conflicts: 0, errors: 0, seconds: 0, latencies: [], unexpected: [] };
  const t0 = performance.now(); const deadline = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: p.clients }, async (_, c) => {
    while (performance.now() < deadline) {
      const t = performance.now();
      const { status, body } = await one(c);
      if (!record) continue;
      r.latencies.push(performance.now() - t);
      if (status === OK) r.ok++; else if (status === 409 && p.mode === 'booking') r.conflicts++; else { r.errors++; if (r.unexpected.length < 5) r.unexpected.push(status + ' ' + body.slice(0, 300)); }
    }
  }));
  r.seconds = (performance.now() - t0) / 1000;
  return r;
}
(async () => {
  await run(p.warmupSeconds, false);
  const warmupRequests = n;
  const r = await run(p.seconds, true);
  for (const a of agents) a.destroy();
  parentPort.postMessage({ ...r, warmupRequests, requests: n - warmupRequests });
})().catch((e) => parentPort.postMessage({ fatal: String(e) }));
`;

/** The clients run on their own thread, so the API's event loop only serves requests. */
function runClients(plan: ClientPlan): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: plan });
    worker.once('message', (m: ClientResult & { fatal?: string }) => {
      void worker.terminate();
      if (m.fatal) reject(new Error(m.fatal));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

/** CPU time (ms) of a process (`self` or a pid) or of this process's main thread, from /proc. */
function cpuMs(path: string): number {
  try {
    const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, 10 ms ticks
  } catch {
    return NaN;
  }
}

/**
 * BENCH_CPU_PROF=<dir>: a CPU profile of the main thread during one phase (the HTTP clients run on
 * their own thread), written to <dir>/booking-<phase>.cpuprofile for DevTools or a script.
 */
async function profilePhase(name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return async () => undefined;
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `booking-${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

/** An extra API process on the same database (scaling out): `--serve <url>` mode of this script. */
async function serve(url: string) {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    ...apiEnv,
  });
  const system = await composeSystem(config, createLogger(config.LOG_LEVEL));
  const server: Server = await new Promise((resolve) => {
    const s = createAppServer(system.app).listen(0, '127.0.0.1', () => resolve(s));
  });
  process.send?.({ port: (server.address() as AddressInfo).port });
  process.once('disconnect', () => {
    server.close();
    void system.close().then(() => process.exit(0));
  });
}

function startApiProcess(url: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [
      '--serve',
      url,
      '--pool',
      String(POOL),
      '--processes',
      String(PROCESSES),
    ]);
    child.once('message', (m: { port: number }) =>
      resolve({ child, baseUrl: `http://127.0.0.1:${m.port}` }),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`API process exited with ${code}`)));
  });
}

async function main() {
  await setupTemplate();
  // As production serves it: the test suite's response validation and spec checker cost CPU per
  // request that a deployment never pays (and that the commits before them did not have).
  const app = await startTestApp(apiEnv, { checks: false });
  const children: ChildProcess[] = [];
  try {
    const { slug, serviceId, providerIds } = await seedBookingTenant(app, PROVIDERS, DAYS);
    await seedHistory(app.db.url, serviceId);
    const bases = [app.baseUrl];
    for (let i = 1; i < PROCESSES; i++) {
      const p = await startApiProcess(app.db.url);
      children.push(p.child);
      bases.push(p.baseUrl);
    }
    console.log(
      `booking bench: ${CLIENTS} clients, ${PROCESSES} API process(es) × pool ${poolPerProcess}, ${SECONDS} s (+${WARMUP_SECONDS} s warm-up), ` +
        `${PROVIDERS} providers × ${DAYS} days × ${SLOTS_PER_DAY} slots`,
    );
    // The main process's API thread (not its client thread) plus the extra API processes.
    const cpu = () =>
      cpuMs(`/proc/self/task/${process.pid}/stat`) +
      children.reduce((n, c) => n + cpuMs(`/proc/${c.pid}/stat`), 0);
    const plan: ClientPlan = {
      mode: 'booking',
      urls: bases.map((b) => `${b}/v1/public/tenants/${slug}/bookings`),
      serviceId,
      providerIds,
      day0: Math.ceil(Date.now() / 86_400_000) + 1, // from tomorrow (UTC): every slot is in the future
      days: DAYS,
      slotsPerDay: SLOTS_PER_DAY,
      clients: CLIENTS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      runId: randomUUID(),
    };
    const db = await dbCpuMeter(app.db.url);
    const cpuBefore = cpu();
    const dbBefore = await db.read();
    const stopProfile = await profilePhase('http');
    const http = await runClients(plan);
    await stopProfile();
    // Warm-up included.
    const apiCpuPerRequest = (cpu() - cpuBefore) / (http.requests + http.warmupRequests);
    const dbCpuPerRequest = ((await db.read()) - dbBefore) / (http.requests + http.warmupRequests);
    if (http.unexpected.length) console.log('unexpected booking responses:', http.unexpected);

    // The ceiling: the same clients on the same servers, on an endpoint that does nothing.
    const noop = await runClients({
      ...plan,
      mode: 'noop',
      urls: bases.map((b) => `${b}/health/live`),
    });
    if (noop.unexpected.length) console.log('unexpected no-op responses:', noop.unexpected);

    // The booking use case alone: the same work (tenant, read, engine, write) called in-process,
    // with the same concurrency, on the main process's pool: what HTTP costs on top of it.
    const stopInProcessProfile = await profilePhase('in-process');
    const inProcess = PROCESSES === 1 ? await createInProcess(app, plan, slug, db.read) : undefined;
    await stopInProcessProfile();
    const write = PROCESSES === 1 ? await writeOnly(app, plan, db.read) : undefined;
    // No job runs in this server: the creates of every phase above are still queued.
    const fold = await measureFold(
      app.db.url,
      db.read,
      Math.max(1, Math.round((http.ok / http.seconds) * 2)),
    );
    await db.close();

    // The raw rate: single-row autocommit INSERTs of comparable width, same total pool and concurrency.
    let raw: RunResult | undefined;
    if (!SKIP_RAW) {
      const admin = new pg.Client({ connectionString: app.db.url });
      await admin.connect();
      await admin.query(
        'CREATE TABLE bench_raw (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id uuid NOT NULL, starts_at timestamptz NOT NULL, email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
      );
      await admin.end();
      const pool = new pg.Pool({ connectionString: app.db.url, max: POOL });
      let rawSeq = 0;
      const insertOne = async () => {
        const n = rawSeq++;
        await pool.query(
          'INSERT INTO bench_raw (tenant_id, starts_at, email) VALUES ($1, $2, $3)',
          [
            '00000000-0000-0000-0000-000000000001',
            new Date(Date.now() + n * 60_000),
            `raw-${n}@example.com`,
          ],
        );
      };
      await sustained(CLIENTS, WARMUP_SECONDS, insertOne);
      raw = await sustained(CLIENTS, SECONDS, insertOne);
      await pool.end();
    }

    const bookingsPerSecond = http.ok / http.seconds;
    const requestsPerSecond = (http.ok + http.conflicts + http.errors) / http.seconds;
    const noopPerSecond = noop.ok / noop.seconds;
    const bookingToNoop = bookingsPerSecond / noopPerSecond;
    const rawPerSecond = raw ? raw.ok / raw.seconds : NaN;
    const ratio = bookingsPerSecond / rawPerSecond;
    const noopToRaw = noopPerSecond / rawPerSecond;
    const inProcessPerSecond = inProcess ? inProcess.ok / inProcess.seconds : NaN;
    const writePerSecond = write ? write.ok / write.seconds : NaN;
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const rows = [
      ['bookings created (201)', `${http.ok}`],
      ['conflicts (409 slot_unavailable)', `${http.conflicts}`],
      ['other responses', `${http.errors}`],
      [
        'booking throughput',
        `${bookingsPerSecond.toFixed(0)} bookings/s (${requestsPerSecond.toFixed(0)} requests/s)`,
      ],
      [
        'booking latency p50 / p95',
        `${percentile(http.latencies, 0.5).toFixed(1)} ms / ${percentile(http.latencies, 0.95).toFixed(1)} ms`,
      ],
      ['API CPU per request', `${apiCpuPerRequest.toFixed(1)} ms`],
      ['database CPU per request', `${dbCpuPerRequest.toFixed(2)} ms`],
      [
        'report fold (job, ADR 0022)',
        `${fold.dbCpuPerBooking.toFixed(3)} ms database CPU per folded booking (${fold.folded} folded, ${Math.max(1, Math.round((http.ok / http.seconds) * 2))} per fold: 2 s of bookings)`,
      ],
      [
        'no-op HTTP endpoint rate (same client)',
        `${noopPerSecond.toFixed(0)} requests/s (p95 ${percentile(noop.latencies, 0.95).toFixed(1)} ms` +
          `${noop.errors ? `, ${noop.errors} non-200` : ''})`,
      ],
      ['booking rate / no-op endpoint rate', pct(bookingToNoop)],
      ...(inProcess
        ? [
            [
              'booking use case in-process (no HTTP)',
              `${inProcessPerSecond.toFixed(0)} bookings/s (p95 ${percentile(inProcess.latencies, 0.95).toFixed(1)} ms, ${inProcess.conflicts} conflicts, database CPU ${inProcess.dbCpuPerRequest!.toFixed(2)} ms per call)`,
            ],
          ]
        : []),
      ...(write
        ? [
            [
              'booking write alone (booking_create, no HTTP, no read)',
              `${writePerSecond.toFixed(0)} bookings/s (p95 ${percentile(write.latencies, 0.95).toFixed(1)} ms, ${write.conflicts} conflicts, database CPU ${write.dbCpuPerRequest!.toFixed(2)} ms per call)`,
            ],
          ]
        : []),
      ...(raw
        ? [
            [
              'raw single-row INSERT rate',
              `${rawPerSecond.toFixed(0)} rows/s (p95 ${percentile(raw.latencies, 0.95).toFixed(1)} ms)`,
            ],
            ['booking rate / raw INSERT rate', pct(ratio)],
            ['no-op endpoint / raw INSERT rate', pct(noopToRaw)],
            ...(inProcess
              ? [
                  [
                    'booking use case in-process / raw INSERT rate',
                    pct(inProcessPerSecond / rawPerSecond),
                  ],
                ]
              : []),
            ...(write
              ? [['booking write alone / raw INSERT rate', pct(writePerSecond / rawPerSecond)]]
              : []),
          ]
        : []),
    ];
    console.table(Object.fromEntries(rows));
    const targets = [
      ['≥ 400 bookings/s', bookingsPerSecond >= 400],
      ['≥ 30 % of the raw INSERT rate', raw ? ratio >= 0.3 : undefined],
    ] as const;
    for (const [t, met] of targets)
      console.log(`${met === undefined ? 'SKIPPED' : met ? 'MET    ' : 'MISSED '} ${t}`);

    if (WRITE && !raw) console.log('SKIP_RAW=1: run not appended to docs/performance.md');
    else if (WRITE) {
      const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
      const runLine =
        `| ${new Date().toISOString().slice(0, 16).replace('T', ' ')} | ${PROCESSES} × pool ${poolPerProcess} | ${CLIENTS} | ${bookingsPerSecond.toFixed(0)} | ` +
        `${percentile(http.latencies, 0.5).toFixed(0)} / ${percentile(http.latencies, 0.95).toFixed(0)} ms | ${apiCpuPerRequest.toFixed(1)} ms | ` +
        `${rawPerSecond.toFixed(0)} | ${pct(ratio)} | ${noopPerSecond.toFixed(0)} | ${pct(noopToRaw)} | ${inProcess ? inProcessPerSecond.toFixed(0) : '–'} | ${write ? writePerSecond.toFixed(0) : '–'} | ${load} |`;
      writeRun(join(paths.root, 'docs', 'performance.md'), runLine);
      console.log('appended the run to docs/performance.md (section "Booking")');
    }
  } finally {
    for (const c of children) c.disconnect();
    await app.close();
  }
}

/** --baseline: no measurement of its own; both trees run as children, alternating (bench/baseline.ts). */
async function compare(rev: string) {
  const rounds = Math.max(1, arg('rounds', 2));
  const c = await compareWithBaseline(rev, baselineArgs, rounds);
  const rows = comparisonRows(c);
  console.log(`before (${rev}) / after (this tree): medians of ${rounds} run(s) each, alternating`);
  console.table(
    Object.fromEntries(
      rows.map(([label, ...v]) => [
        label,
        Object.fromEntries(
          ['before', 'after', 'after / before', 'per raw INSERT'].map((h, i) => [h, v[i]]),
        ),
      ]),
    ),
  );
  if (!WRITE) return;
  const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
  const [http, p50, p95, cpu, inProcess, write] = rows;
  const cell = (r: (typeof rows)[number]) =>
    `${r[1]} → ${r[2]} (${r[3]}${r[4] === '–' ? '' : `; ${r[4]} per raw`})`;
  writeComparison(
    join(paths.root, 'docs', 'performance.md'),
    `| ${new Date().toISOString().slice(0, 16).replace('T', ' ')} | \`${rev}\` | ${rounds} | ${cell(http!)} | ${p50![1]} / ${p95![1]} → ${p50![2]} / ${p95![2]} ms | ${cell(cpu!)} | ${cell(inProcess!)} | ${cell(write!)} | ${load} |`,
  );
  console.log('appended the comparison to docs/performance.md (section "Booking")');
}

const COMPARISON_HEADER =
  '| run (UTC) | before (commit) | rounds | bookings/s before → after | p50 / p95 before → after | API CPU / request | use case in-process/s | write alone/s | load |';

/** Adds a row to the "Before/after" table of the Booking section, creating the table after the run table. */
function writeComparison(file: string, row: string) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^## Booking\s*$/.test(l));
  const header = lines.findIndex(
    (l, i) => i > start && l.startsWith('| run (UTC) | before (commit) |'),
  );
  if (header >= 0) {
    let last = header;
    while (last + 1 < lines.length && lines[last + 1]!.startsWith('|')) last++;
    lines.splice(last + 1, 0, row);
  } else {
    const runTable = lines.findIndex((l, i) => i > start && l.startsWith('| run (UTC) |'));
    let last = runTable;
    while (last + 1 < lines.length && lines[last + 1]!.startsWith('|')) last++;
    lines.splice(
      last + 1,
      0,
      '',
      'Before/after a change, in one run (`--baseline <commit>`: both trees run as child processes with the',
      'same arguments, alternating; medians; "per raw" compares each figure as a share of the raw INSERT rate',
      'measured in the same child, the steadier figure on a shared machine):',
      '',
      COMPARISON_HEADER,
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      row,
    );
  }
  writeFileSync(file, lines.join('\n'));
}

const BOOKING_SECTION = `## Booking

Measured by \`npm run bench:booking\` (\`server/bench/booking.ts\`): ${PROVIDERS} providers working around the clock, one
30-minute service and a year of past bookings (${HISTORY.toLocaleString('en')}, then \`ANALYZE\`, as autovacuum keeps a live database),
clients booking random providers and half-hour slots over ${DAYS} days through
\`POST /v1/public/tenants/:slug/bookings\` (each request with a fresh \`Idempotency-Key\`, as the SDK sends one) on a real listening server (the clients run on their own thread,
over \`node:http\` keep-alive connections), for ${SECONDS} s after a warm-up. Then the same clients, same concurrency and
duration, call the no-op \`GET /health/live\` of the same server(s): that rate is the ceiling any HTTP endpoint
reaches with this client on this machine, so "no-op / raw" shows how much of the raw INSERT rate is reachable
through HTTP at all. "Use case in-process" is the same booking work (tenant, read, engine, write) called
directly, same concurrency, no HTTP; "write alone" is only its database write (\`booking_create\`), no read, no
engine. The raw rate is autocommit single-row \`INSERT INTO bench_raw(...)\` through
\`pg\` with the same concurrency and total pool size, in the same run. Targets: ≥ 400 bookings/s and ≥ 30 % of
the raw INSERT rate ("ratio"). "Load" is the machine's 1-minute load average at the end of the run (other work
on the box).

${RUN_TABLE_HEADER}
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
`;

/**
 * Adds a row to the "## Booking" section's run table (the one headed by RUN_TABLE_HEADER, not the
 * other tables of the section), creating the section (other sections are left alone).
 */
function writeRun(file: string, row: string) {
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Performance\n\nBenchmarks and what they measure. Each section is written by its benchmark script.\n';
  const lines = current.split('\n');
  const start = lines.findIndex((l) => /^## Booking\s*$/.test(l));
  if (start < 0) {
    writeFileSync(file, `${current.trimEnd()}\n\n${BOOKING_SECTION}${row}\n`);
    return;
  }
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end < 0) end = lines.length;
  const header = lines.findIndex((l, i) => i > start && i < end && l.startsWith('| run (UTC) |'));
  if (header < 0) {
    lines.splice(start, 1, ...BOOKING_SECTION.trimEnd().split('\n'), row);
  } else {
    let lastRow = header;
    while (lastRow + 1 < end && lines[lastRow + 1]!.startsWith('|')) lastRow++;
    lines.splice(lastRow + 1, 0, row);
  }
  writeFileSync(file, lines.join('\n'));
}

const serveAt = args.indexOf('--serve');
(serveAt >= 0 ? serve(args[serveAt + 1]!) : BASELINE ? compare(BASELINE) : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
