/**
 * WAL per booking, by relation: what one public booking (`POST /v1/public/tenants/:slug/bookings`
 * with an Idempotency-Key, as the SDK sends it) writes to PostgreSQL's write-ahead log, table by
 * table and index by index. A booking commits when its WAL is flushed, so under load the bytes per
 * booking bound the write rate (the booking benchmark's "write alone" phase waits mostly on
 * WALWrite/WALSync); this shows where they go (docs/decisions/0025-one-provider-exclusion.md).
 *
 * Same dataset as `npm run bench:booking` (60 providers around the clock, one 30-minute service),
 * bookings one at a time after a warm-up and ANALYZE, the LSN read before and after, and
 * `pg_waldump` over that range summed by relation. Full-page images are counted apart: right after
 * a checkpoint every first touch of a page writes the whole page, so `--after-checkpoint` shows
 * that case too.
 *
 * Needs the machine's PostgreSQL, `pg_waldump` (PATH or /usr/lib/postgresql/<major>/bin) and read
 * access to its pg_wal directory (run it as root or postgres on the database host).
 * Run: npm run bench:booking-wal [-- --bookings 1000 --after-checkpoint]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import setupTemplate from '../test/support/global-setup';
import { startTestApp, TEST_SECRETS_KEY } from '../test/support/test-app';
import { seedBookingTenant } from './booking-seed';

const args = process.argv.slice(2);
const BOOKINGS = args.includes('--bookings') ? Number(args[args.indexOf('--bookings') + 1]) : 1000;
const AFTER_CHECKPOINT = args.includes('--after-checkpoint');
const PROVIDERS = 60;
const DAYS = 300;

interface RelationWal {
  relation: string;
  bytesPerBooking: number;
  fullPagesPerBooking: number;
  recordsPerBooking: number;
}

async function main() {
  await setupTemplate();
  const app = await startTestApp(
    {
      RATE_LIMITS_ENABLED: 'false',
      SECRETS_KEY: TEST_SECRETS_KEY,
      PUBLIC_URL: 'http://slotwise.bench',
    },
    { checks: false },
  );
  const db = new pg.Client({ connectionString: app.db.url });
  await db.connect();
  try {
    const { slug, serviceId, providerIds } = await seedBookingTenant(app, PROVIDERS, DAYS);
    const day0 = Math.ceil(Date.now() / 86_400_000) + 1;
    let n = 0;
    const book = async () => {
      const i = n++;
      const slot = Math.floor(Math.random() * DAYS * 48);
      const start = new Date((day0 + Math.floor(slot / 48)) * 86_400_000 + (slot % 48) * 1_800_000);
      const res = await fetch(`${app.baseUrl}/v1/public/tenants/${slug}/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          serviceId,
          providerId: providerIds[Math.floor(Math.random() * PROVIDERS)],
          start: start.toISOString(),
          customer: {
            name: `Bench ${i}`,
            email: `bench-${i}-${randomBytes(3).toString('hex')}@example.com`,
          },
          timeZone: 'Europe/Paris',
        }),
      });
      await res.text();
      return res.status === 201;
    };
    for (let i = 0; i < 300; i++) await book();
    await db.query('ANALYZE');
    for (let i = 0; i < 100; i++) await book();

    if (AFTER_CHECKPOINT) await db.query('CHECKPOINT');
    const lsn = async () =>
      (await db.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l;
    const from = await lsn();
    let booked = 0;
    for (let i = 0; i < BOOKINGS; i++) if (await book()) booked++;
    const to = await lsn();
    const total = Number(
      (await db.query<{ d: string }>('SELECT pg_wal_lsn_diff($2, $1)::bigint AS d', [from, to]))
        .rows[0]!.d,
    );
    const rows = await byRelation(db, from, to, booked);
    console.log(
      `${booked} bookings (${AFTER_CHECKPOINT ? 'right after a checkpoint' : 'steady state'}): ` +
        `${Math.round(total / booked)} bytes of WAL per booking`,
    );
    console.table(rows.filter((r) => r.bytesPerBooking >= 1));
  } finally {
    await db.end();
    await app.close();
  }
}

/** pg_waldump over [from, to), summed by the relation each record touches. */
async function byRelation(
  db: pg.Client,
  from: string,
  to: string,
  bookings: number,
): Promise<RelationWal[]> {
  const setting = async (name: string) =>
    (await db.query<{ s: string }>('SELECT current_setting($1) AS s', [name])).rows[0]!.s;
  const major = (await setting('server_version_num')).slice(0, 2);
  const installed = `/usr/lib/postgresql/${major}/bin/pg_waldump`;
  const dump = execFileSync(
    existsSync(installed) ? installed : 'pg_waldump',
    ['-p', join(await setting('data_directory'), 'pg_wal'), '-s', from, '-e', to],
    { maxBuffer: 1 << 30 },
  ).toString();
  const sums = new Map<string, { bytes: number; fullPages: number; records: number }>();
  for (const line of dump.split('\n')) {
    const m = /rmgr: (\S+)\s+len \(rec\/tot\):\s+(\d+)\/\s*(\d+).*?desc: (\S+)/.exec(line);
    if (!m) continue;
    const key = /rel \d+\/\d+\/(\d+)/.exec(line)?.[1] ?? `${m[1]}:${m[4]}`;
    const s = sums.get(key) ?? { bytes: 0, fullPages: 0, records: 0 };
    s.bytes += Number(m[3]);
    if (/ FPW/.test(line)) s.fullPages++;
    s.records++;
    sums.set(key, s);
  }
  const names = new Map(
    (
      await db.query<{ f: string; n: string }>(
        'SELECT pg_relation_filenode(oid)::text AS f, relname AS n FROM pg_class WHERE pg_relation_filenode(oid) IS NOT NULL',
      )
    ).rows.map((r) => [r.f, r.n]),
  );
  const per = (x: number) => Math.round((x / bookings) * 100) / 100;
  return [...sums.entries()]
    .map(([key, s]) => ({
      relation: names.get(key) ?? key,
      bytesPerBooking: Math.round(s.bytes / bookings),
      fullPagesPerBooking: per(s.fullPages),
      recordsPerBooking: per(s.records),
    }))
    .sort((a, b) => b.bytesPerBooking - a.bytesPerBooking);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
