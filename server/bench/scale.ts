/**
 * `npm run bench:scale`: throughput of 1, 2 and 3 API processes (server/dist, plain node, as in
 * production) on one PostgreSQL and one Redis, each figure as a ratio of the no-op ceiling
 * (`GET /health/live` of the same processes, same client, same run). The client is a worker
 * thread with node:http keep-alive connections spread round-robin over the processes (the load
 * balancer's job), a bounded number of requests per phase. Writes the "Scaling out" section of
 * docs/performance.md (`-- --no-write` leaves it alone).
 *   npm run bench:scale [-- --clients 32 --requests 3000 --no-write]
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { paths } from '../src/paths';
import setupTestDatabases from '../test/support/global-setup';
import { createTestDatabase } from '../test/support/test-db';
import {
  baseEnv,
  business,
  ensureServerBuilt,
  startProcess,
  type ServerProcess,
} from '../test/scale/processes';
import { writeSection } from './support';

const args = process.argv.slice(2);
const arg = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const CLIENTS = arg('clients', 32);
const REQUESTS = arg('requests', 3000);
const WRITE = !args.includes('--no-write');

interface Plan {
  urls: string[];
  mode: 'noop' | 'availability' | 'booking';
  clients: number;
  requests: number;
  warmup: number;
  slug: string;
  serviceId: string;
  providerIds: string[];
  day0: number;
  seed: number;
}
interface Result {
  ok: number;
  conflicts: number;
  errors: number;
  seconds: number;
  p50: number;
  p95: number;
  unexpected: string[];
}

const CLIENT_SOURCE = `
const { parentPort, workerData: p } = require('node:worker_threads');
const http = require('node:http');
const agents = p.urls.map(() => new http.Agent({ keepAlive: true, maxSockets: p.clients }));
let seed = p.seed;
const rand = () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
function send(u, agent, method, body) {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = http.request(u, { method, agent, headers }, (res) => {
      let text = ''; res.setEncoding('utf8');
      res.on('data', (c) => { text += c; }); res.on('end', () => resolve({ status: res.statusCode, body: text })); res.on('error', reject);
    });
    req.on('error', reject); req.end(body);
  });
}
const day = (d) => new Date((p.day0 + d) * 86400000).toISOString().slice(0, 10);
let n = 0;
function one() {
  const k = n % p.urls.length; const i = n++;
  const base = p.urls[k];
  if (p.mode === 'noop') return send(base + '/health/live', agents[k], 'GET');
  if (p.mode === 'availability') return send(base + '/v1/public/tenants/' + p.slug + '/availability?serviceId=' + p.serviceId + '&from=' + day(1) + '&to=' + day(7), agents[k], 'GET');
  const slot = Math.floor(rand() * 30 * 24);
  const start = new Date((p.day0 + 1 + Math.floor(slot / 24)) * 86400000 + (slot % 24) * 3600000);
  return send(base + '/v1/public/tenants/' + p.slug + '/bookings', agents[k], 'POST', JSON.stringify({
    serviceId: p.serviceId, providerId: p.providerIds[Math.floor(rand() * p.providerIds.length)], start: start.toISOString(),
    customer: { name: 'Bench ' + i, email: 'bench-' + p.seed + '-' + i + '@example.com' }, timeZone: 'UTC' }));
}
async function run(total, record) {
  const lat = []; const r = { ok: 0, conflicts: 0, errors: 0, unexpected: [] };
  let left = total; const t0 = performance.now();
  await Promise.all(Array.from({ length: p.clients }, async () => {
    while (left-- > 0) {
      const t = performance.now(); const { status, body } = await one();
      if (!record) continue;
      lat.push(performance.now() - t);
      const ok = p.mode === 'booking' ? 201 : 200;
      if (status === ok) r.ok++; else if (status === 409 && p.mode === 'booking') r.conflicts++; else { r.errors++; if (r.unexpected.length < 3) r.unexpected.push(status + ' ' + body.slice(0, 200)); }
    }
  }));
  lat.sort((a, b) => a - b);
  return { ...r, seconds: (performance.now() - t0) / 1000, p50: lat[Math.floor(lat.length * 0.5)] || 0, p95: lat[Math.floor(lat.length * 0.95)] || 0 };
}
(async () => {
  await run(p.warmup, false);
  const r = await run(p.requests, true);
  for (const a of agents) a.destroy();
  parentPort.postMessage(r);
})().catch((e) => parentPort.postMessage({ fatal: String(e) }));
`;

function runClients(plan: Plan): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: plan });
    worker.once('message', (m: Result & { fatal?: string }) => {
      void worker.terminate();
      if (m.fatal) reject(new Error(m.fatal));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

ensureServerBuilt();
await setupTestDatabases();
const db = await createTestDatabase();
const env = baseEnv({
  DATABASE_URL: db.url,
  DATABASE_POOL_SIZE: '10',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `{bench-${randomBytes(3).toString('hex')}}`,
  RATE_LIMITS_ENABLED: 'false',
  RUN_WORKERS: 'false',
});
const procs: ServerProcess[] = [];
const rows: string[] = [];
const summary: { n: number; noop: number; availability: number; booking: number }[] = [];
try {
  procs.push(await startProcess('main', env));
  const b = await business(procs[0]!.baseUrl, { providers: 20 });
  const day0 = Math.floor(Date.now() / 86_400_000);
  for (const n of [1, 2, 3]) {
    while (procs.length < n) procs.push(await startProcess('main', env));
    const urls = procs.map((p) => p.baseUrl);
    const plan = (mode: Plan['mode'], requests: number): Plan => ({
      urls,
      mode,
      clients: CLIENTS,
      requests,
      warmup: Math.max(100, Math.floor(requests / 10)),
      slug: b.slug,
      serviceId: b.serviceId,
      providerIds: b.providerIds,
      day0,
      seed: n * 1000 + requests,
    });
    const noop = await runClients(plan('noop', REQUESTS * 2));
    const avail = await runClients(plan('availability', REQUESTS));
    const book = await runClients(plan('booking', Math.floor(REQUESTS / 2)));
    for (const r of [noop, avail, book])
      if (r.errors) throw new Error(`errors: ${r.unexpected.join(' | ')}`);
    const rate = (r: Result) => (r.ok + r.conflicts) / r.seconds;
    const s = { n, noop: rate(noop), availability: rate(avail), booking: rate(book) };
    summary.push(s);
    const pct = (x: number) => `${((100 * x) / s.noop).toFixed(0)} %`;
    const vs1 = (k: 'noop' | 'availability' | 'booking') =>
      `${(s[k] / summary[0]![k]).toFixed(2)}×`;
    const row = `| ${new Date().toISOString().slice(0, 16).replace('T', ' ')} | ${n} | ${CLIENTS} | ${s.noop.toFixed(0)} (${vs1('noop')}) | ${s.availability.toFixed(0)} (${pct(s.availability)}, ${vs1('availability')}) | ${avail.p50.toFixed(0)} / ${avail.p95.toFixed(0)} ms | ${s.booking.toFixed(0)} (${pct(s.booking)}, ${vs1('booking')}) | ${book.p50.toFixed(0)} / ${book.p95.toFixed(0)} ms | ${loadavg()[0]!.toFixed(1)} |`;
    rows.push(row);
    console.log(row);
  }
} finally {
  await Promise.all(procs.map((p) => p.stop()));
  await db.drop();
}

const section = `## Scaling out

Measured by \`npm run bench:scale\` (\`server/bench/scale.ts\`): 1, 2 and 3 API processes (\`node server/dist/main.js\`,
\`RUN_WORKERS=false\`, pool 10 each) on one PostgreSQL and one Redis, ${CLIENTS} keep-alive clients on a worker thread of the
bench process spreading requests round-robin over the processes (what a load balancer does). Per process count, a bounded
number of requests of each kind: the no-op \`GET /health/live\` (the ceiling of any endpoint with this client on this
machine), a public availability search of one week (served from the per-process slot cache after its first computation,
checked against the tenant's data version on every request), and public bookings of random providers (20) and hourly slots
over the next 30 days (201 or 409 both count: each is a full booking attempt). In brackets: the share of the no-op ceiling of the
same run, and the ratio to 1 process. "Load" is the machine's 1-minute load average at the end (other work on the box).

| run (UTC) | API processes | clients | no-op/s | availability/s | availability p50 / p95 | bookings/s | booking p50 / p95 | load |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

The machine has 2 vCPUs, shared by the client, PostgreSQL, Redis, every API process and whatever else runs on the
box: with other work running, more processes also take a larger share of the CPU from it, so a ratio above 2 on
2 vCPUs is possible. What the figures mean for deployments: docs/guides/scaling.md.
`;
if (WRITE) writeSection(join(paths.root, 'docs', 'performance.md'), 'Scaling out', section);
console.log(WRITE ? 'docs/performance.md updated' : section);
process.exit(0);
