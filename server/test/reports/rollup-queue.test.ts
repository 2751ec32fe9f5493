import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';
import { apply, asApp, opArb, world as newWorld, type Op, type World } from './rollup-ops';
import { recomputed, rollups } from './rollup-state';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

// Booking creates queue their report share (report_pending) and a job folds it into the
// roll-ups (ADR 0022). Reports must be exact whether or not the fold has run, and the fold must
// count every queued create once, whatever runs beside it.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());
const world = () => newWorld(app);

async function client() {
  const c = new pg.Client({ connectionString: app.db.url });
  await c.connect();
  return c;
}

const pending = async (c: pg.Client, tenantId: string) =>
  Number(
    (
      await c.query<{ n: string }>(
        'SELECT count(*) AS n FROM report_pending WHERE tenant_id = $1',
        [tenantId],
      )
    ).rows[0]!.n,
  );

/** Lists in a fixed order: the repository's lists are sets (the use case orders what it shows). */
const canon = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map(canon).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
    : x && typeof x === 'object'
      ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, canon(v)]))
      : x;

/** What the reports read (the repository, in the use case's snapshot): whole business and a filter. */
async function report(w: World) {
  const { zone } = await app.system.uow.run(w.tenantId, async (r) => ({
    zone: (await r.tenant.get()).timeZone,
  }));
  const q = { timeZone: zone, fromDate: '2026-03-01', toDate: '2026-04-30' };
  return canon(
    await app.system.uow.run(
      w.tenantId,
      async (r) => ({
        all: await r.reports.aggregates(q),
        some: await r.reports.aggregates({ ...q, providerIds: w.providers.slice(0, 2) }),
      }),
      { isolationLevel: 'RepeatableRead' },
    ),
  );
}

/** Folds at most `limit` of the tenant's queued creates, as the application's role. */
const fold = (c: pg.Client, tenantId: string, limit: number) =>
  asApp(c, tenantId, 'SELECT report_fold($1, $2)', [tenantId, limit]);

type Step = Op | { kind: 'fold'; limit: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: opArb },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fold' as const),
      limit: fc.integer({ min: 1, max: 6 }),
    }),
  },
);

describe('report roll-ups with a queue of creates', () => {
  it('reports are exact right after a burst of creates, before the fold job has run', async () => {
    const w = await world();
    const c = await client();
    try {
      const ids: string[] = [];
      const creates = fc.sample(
        opArb.filter((o) => o.kind === 'create'),
        { numRuns: 40, seed: 22 },
      );
      for (const op of creates) await apply(c, w, op, ids);
      expect(await pending(c, w.tenantId)).toBe(ids.length);
      expect(ids.length).toBeGreaterThan(20);
      // Nothing folded: the roll-up tables hold no booking yet, the reports hold them all.
      const stored = await rollups(c, w.tenantId, { fold: false });
      expect(stored.totals).toEqual([]);
      const before = await report(w);
      const all = (before as { all: { byStatusAndCurrency: { bookings: number }[] } }).all;
      expect(all.byStatusAndCurrency.reduce((n, s) => n + s.bookings, 0)).toBe(ids.length);
      // The job folds them; the reports read the same, and the roll-ups are the recomputed ones.
      expect(await app.system.jobs.reportFold!.foldOnce()).toBeGreaterThanOrEqual(ids.length);
      expect(await pending(c, w.tenantId)).toBe(0);
      expect(await report(w)).toEqual(before);
      expect(await rollups(c, w.tenantId, { fold: false })).toEqual(
        await recomputed(c, w.tenantId),
      );
    } finally {
      await c.end();
    }
  });

  it('after any mix of creates, cancels, moves, reassignments, ledger rows, zone changes and partial folds, reports read as after a full fold, which equals a rebuild', async () => {
    const c = await client();
    let withQueue = 0;
    let folds = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 10, maxLength: 60 }), async (steps) => {
          const w = await world();
          const ids: string[] = [];
          for (const s of steps)
            if (s.kind === 'fold') folds += (await fold(c, w.tenantId, s.limit)) ? 1 : 0;
            else await apply(c, w, s, ids);
          if ((await pending(c, w.tenantId)) > 0) withQueue++;
          const read = await report(w);
          const folded = await rollups(c, w.tenantId);
          expect(folded).toEqual(await recomputed(c, w.tenantId));
          expect(await report(w)).toEqual(read);
          // And a rebuild from scratch gives the same rows.
          expect(await asApp(c, w.tenantId, 'SELECT report_rebuild($1)', [w.tenantId])).toBe(true);
          expect(await rollups(c, w.tenantId, { fold: false })).toEqual(folded);
        }),
        { numRuns: 20, seed: 2022 },
      );
      // Many runs ended with creates still queued (a zone change or the folds empty it in others):
      // the reads above added them.
      expect(withQueue).toBeGreaterThan(5);
      expect(folds).toBeGreaterThan(20);
    } finally {
      await c.end();
    }
  });

  it('concurrent folders count each queued create once', async () => {
    const w = await world();
    const c = await client();
    const folders = await Promise.all(Array.from({ length: 5 }, () => client()));
    try {
      // 300 creates in one statement: the trigger queues one row each.
      await asApp(
        c,
        w.tenantId,
        `INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
           confirmation_code, manage_token_hash, price_cents, currency, updated_at)
         SELECT gen_random_uuid(), $1, $2, ($3::uuid[])[1 + i % 3], $4, 'confirmed',
                timestamptz '2026-03-27 00:00Z' + i * interval '45 minutes',
                timestamptz '2026-03-27 00:30Z' + i * interval '45 minutes',
                'Q' || i, md5(i::text), 1000 + i, 'USD', now()
           FROM generate_series(1, 300) i`,
        [w.tenantId, w.services[0], w.providers, w.customerId],
      );
      expect(await pending(c, w.tenantId)).toBe(300);
      const counts = await Promise.all(
        folders.map(async (f) => {
          let n = 0;
          for (;;) {
            await f.query('BEGIN');
            await f.query('SET LOCAL ROLE slotwise_app');
            await f.query(`SELECT set_config('app.tenant_id', $1, true)`, [w.tenantId]);
            const got = (
              await f.query<{ n: number }>('SELECT report_fold($1, 7) AS n', [w.tenantId])
            ).rows[0]!.n;
            await f.query('COMMIT');
            n += got;
            if (got === 0 && (await pending(f, w.tenantId)) === 0) return n;
          }
        }),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
      expect(await rollups(c, w.tenantId, { fold: false })).toEqual(
        await recomputed(c, w.tenantId),
      );
    } finally {
      await Promise.all([c, ...folders].map((x) => x.end()));
    }
  });

  it('stay exact when writers, folders and zone changes race', async () => {
    for (const seed of [7, 8, 9]) {
      const w = await world();
      const lists = fc.sample(fc.array(opArb, { minLength: 40, maxLength: 40 }), {
        numRuns: 3,
        seed,
      });
      // One writer changes the zone now and then, with creates of the others still queued.
      lists[0]!.push(...[0, 1, 2, 3].map((zone) => ({ kind: 'zone' as const, zone })));
      const ids: string[] = [];
      const writers = await Promise.all(lists.map(() => client()));
      const folders = await Promise.all([0, 1].map(() => client()));
      let writing = true;
      try {
        await Promise.all([
          Promise.all(
            lists.map(async (list, i) => {
              for (const op of list) await apply(writers[i]!, w, op, ids);
            }),
          ).finally(() => (writing = false)),
          ...folders.map(async (f) => {
            while (writing) await fold(f, w.tenantId, 3);
          }),
        ]);
        expect(ids.length).toBeGreaterThan(10);
        const read = await report(w);
        expect(await rollups(writers[0]!, w.tenantId)).toEqual(
          await recomputed(writers[0]!, w.tenantId),
        );
        expect(await report(w)).toEqual(read);
      } finally {
        await Promise.all([...writers, ...folders].map((x) => x.end()));
      }
    }
  });

  it('a create in flight neither holds up a zone change nor is lost or counted twice by it', async () => {
    const w = await world();
    const [b, z, c] = await Promise.all([client(), client(), client()]);
    try {
      // The create's trigger queues its row without locking the tenant row.
      await b.query('BEGIN');
      await b.query('SET LOCAL ROLE slotwise_app');
      await b.query(`SELECT set_config('app.tenant_id', $1, true)`, [w.tenantId]);
      await b.query(
        `INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
           confirmation_code, manage_token_hash, price_cents, currency, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, 'confirmed', '2026-03-27 23:30Z', '2026-03-28 00:15Z',
                 'INFLIGHT', md5('inflight'), 4200, 'USD', now())`,
        [w.tenantId, w.services[0], w.providers[0], w.customerId],
      );
      // So the zone change (its rebuild) runs now, not after the create: it must not wait.
      await z.query('BEGIN');
      await z.query(`SET LOCAL lock_timeout = '3s'`);
      await z.query('SET LOCAL ROLE slotwise_app');
      await z.query(`SELECT set_config('app.tenant_id', $1, true)`, [w.tenantId]);
      await z.query(`UPDATE tenants SET time_zone = 'Pacific/Kiritimati' WHERE id = $1`, [
        w.tenantId,
      ]);
      await z.query('COMMIT');
      await b.query('COMMIT');
      // The rebuild saw neither the booking nor its row: the row is folded, in the new zone.
      expect(await pending(c, w.tenantId)).toBe(1);
      expect(await rollups(c, w.tenantId)).toEqual(await recomputed(c, w.tenantId));
    } finally {
      await Promise.all([b, z, c].map((x) => x.end()));
    }
  });

  it('a zone change takes the queued creates into its rebuild and empties the queue', async () => {
    const w = await world();
    const c = await client();
    try {
      const ids: string[] = [];
      for (const op of fc.sample(
        opArb.filter((o) => o.kind === 'create'),
        { numRuns: 20, seed: 5 },
      ))
        await apply(c, w, op, ids);
      expect(await pending(c, w.tenantId)).toBeGreaterThan(10);
      expect(
        await asApp(
          c,
          w.tenantId,
          `UPDATE tenants SET time_zone = 'Pacific/Kiritimati' WHERE id = $1`,
          [w.tenantId],
        ),
      ).toBe(true);
      expect(await pending(c, w.tenantId)).toBe(0);
      expect(await rollups(c, w.tenantId, { fold: false })).toEqual(
        await recomputed(c, w.tenantId),
      );
    } finally {
      await c.end();
    }
  });
});
