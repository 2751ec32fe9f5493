/**
 * A/B of what the report roll-ups cost a booking insert (ADR 0022), on one database: the booking
 * trigger of `70707cb` (six roll-up upserts and a ledger read per create, ADR 0017) against this
 * tree's (one queued row), alternating rounds, plus this tree's fold of the queued creates. Only
 * the trigger's function differs between the variants (CREATE OR REPLACE), so the difference of
 * the database CPU per insert is the trigger's. CLIENTS connections insert bookings as the app
 * role (RLS on), one autocommitted transaction each, at distinct times of one business.
 *
 * Run: npx tsx bench/report-trigger.ts [--rounds 3 --inserts 600 --clients 8]
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { paths } from '../src/paths';
import setupTemplate from '../test/support/global-setup';
import { startTestApp } from '../test/support/test-app';
import { world } from '../test/reports/rollup-ops';
import { foldAll } from './report-fold';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 3);
const INSERTS = arg('inserts', 600);
const CLIENTS = arg('clients', 8);
const BASELINE = '70707cb';

const cpuMs = (pid: number) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
};
const pidOf = async (c: pg.Client) =>
  (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

async function main() {
  await setupTemplate();
  const app = await startTestApp({}, { checks: false });
  const w = await world(app);
  const variants = {
    [`${BASELINE} (synchronous roll-ups)`]: execFileSync(
      'git',
      ['-C', paths.root, 'show', `${BASELINE}:prisma/functions/report_bookings_changed.sql`],
      { encoding: 'utf8' },
    ),
    'this tree (queued)': readFileSync(
      join(paths.root, 'prisma/functions/report_bookings_changed.sql'),
      'utf8',
    ),

  };
  const admin = new pg.Client({ connectionString: app.db.url });
  await admin.connect();
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const c = new pg.Client({ connectionString: app.db.url });
      await c.connect();
      await c.query('SET ROLE slotwise_app');
      await c.query(`SELECT set_config('app.tenant_id', $1, false)`, [w.tenantId]);
      return { c, pid: await pidOf(c) };
    }),
  );
  const foldClient = new pg.Client({ connectionString: app.db.url });
  await foldClient.connect();
  const foldPid = await pidOf(foldClient);
  let slot = 0;
  const results: Record<string, number[]> = {};
  const folds: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = Object.entries(variants);
      if (round % 2) order.reverse();
      for (const [name, sql] of order) {
        await admin.query(sql);
        await admin.query('VACUUM ANALYZE report_pending');
        const before = clients.map((x) => cpuMs(x.pid));
        await Promise.all(
          clients.map(async ({ c }, k) => {
            for (let i = 0; i < INSERTS; i++) {
              const n = slot++;
              const start = new Date(Date.UTC(2027, 0, 1) + n * 30 * 60_000);
              await c.query(
                `INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
                   confirmation_code, manage_token_hash, price_cents, currency, updated_at)
                 VALUES ($1, $2, $3, $4, $5, 'confirmed', $6, $7, $8, $9, 5000, 'USD', now())`,
                [
                  randomUUID(),
                  w.tenantId,
                  w.services[0],
                  w.providers[(k + i) % 2],
                  w.customerId,
                  start,
                  new Date(start.getTime() + 30 * 60_000),
                  `T${n}`,
                  randomUUID(),
                ],
              );
            }
          }),
        );
        const used = clients.reduce((s, x, i) => s + cpuMs(x.pid) - before[i]!, 0);
        (results[name] ??= []).push(used / (CLIENTS * INSERTS));
        // This tree's creates are queued: fold them as the job would (2 s of creates per fold at
        // ~300 bookings/s), and count the fold's own CPU per folded create.
        const f0 = cpuMs(foldPid);
        const folded = await foldAll(foldClient, 600);
        if (folded > 0) folds.push((cpuMs(foldPid) - f0) / folded);
      }
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(', ');
    console.log(
      `${CLIENTS} clients × ${INSERTS} inserts per variant and round, ${ROUNDS} rounds (alternating); database CPU per insert (ms):`,
    );
    for (const [name, xs] of Object.entries(results)) console.log(`  ${name}: ${fmt(xs)}`);
    console.log(`  fold of this tree's queued creates, per create: ${fmt(folds)}`);
  } finally {
    await Promise.all([admin, foldClient, ...clients.map((x) => x.c)].map((c) => c.end()));
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
