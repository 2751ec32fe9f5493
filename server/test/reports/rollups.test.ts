import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';
import { apply, asApp, opArb, world as newWorld, type World } from './rollup-ops';
import { recomputed, rollups } from './rollup-state';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

// The roll-ups (ADR 0017) must equal, after any sequence of writes, what the base tables give
// when recomputed here, independently of the SQL that keeps them (Intl for local days and hours).

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

describe('report roll-ups are exact', () => {
  it('equal the figures recomputed from bookings and the ledger after any random sequence of writes', async () => {
    const c = await client();
    const done = new Map<string, number>();
    let last: World | undefined;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 60 }), async (ops) => {
          const w = (last = await world());
          const ids: string[] = [];
          for (const op of ops) await apply(c, w, op, ids, done);
          const [got, want] = [await rollups(c, w.tenantId), await recomputed(c, w.tenantId)];
          expect(got).toEqual(want);
        }),
        { numRuns: 25, seed: 2017 },
      );
      // Every kind of write went through many times (refused ones are not what is tested).
      for (const kind of [
        'create',
        'status',
        'move',
        'reassign',
        'price',
        'delete',
        'ledger',
        'zone',
      ])
        expect(done.get(kind) ?? 0, kind).toBeGreaterThan(3);
      // And the comparison sees a one-off difference.
      await c.query(
        `UPDATE report_daily SET paid_cents = paid_cents + 1 WHERE tenant_id = $1 AND bookings > 0`,
        [last!.tenantId],
      );
      expect(await rollups(c, last!.tenantId)).not.toEqual(await recomputed(c, last!.tenantId));
    } finally {
      await c.end();
    }
  });

  it('stay exact when writers race: concurrent transactions on the same bookings, days, sessions and zone', async () => {
    for (const seed of [99, 100, 101]) {
      const w = await world();
      const ops = fc.sample(fc.array(opArb, { minLength: 40, maxLength: 40 }), {
        numRuns: 4,
        seed,
      });
      const ids: string[] = [];
      const clients = await Promise.all(ops.map(() => client()));
      try {
        // The workers share the list of ids, so they also change the same bookings.
        await Promise.all(
          ops.map(async (list, i) => {
            for (const op of list) await apply(clients[i]!, w, op, ids);
          }),
        );
        expect(ids.length).toBeGreaterThan(10);
        expect(await rollups(clients[0]!, w.tenantId)).toEqual(
          await recomputed(clients[0]!, w.tenantId),
        );
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
    }
  });

  it('moves every local day when the business changes its time zone, and rebuilds to the same rows', async () => {
    const w = await world();
    const c = await client();
    try {
      const ids: string[] = [];
      for (const op of fc.sample(opArb, { numRuns: 80, seed: 7 }))
        await apply(c, w, op.kind === 'zone' ? { kind: 'price', b: 1, price: 100 } : op, ids);
      const before = await rollups(c, w.tenantId);
      expect(
        await asApp(
          c,
          w.tenantId,
          `UPDATE tenants SET time_zone = 'Pacific/Kiritimati' WHERE id = $1`,
          [w.tenantId],
        ),
      ).toBe(true);
      const after = await rollups(c, w.tenantId);
      expect(after).toEqual(await recomputed(c, w.tenantId));
      expect(after.daily).not.toEqual(before.daily); // +14:00: most bookings land on another local day
      // A rebuild from scratch gives what the triggers kept.
      await asApp(c, w.tenantId, 'SELECT report_rebuild($1)', [w.tenantId]);
      expect(await rollups(c, w.tenantId)).toEqual(after);
    } finally {
      await c.end();
    }
  });
});
