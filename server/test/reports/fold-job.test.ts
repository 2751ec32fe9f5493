import { describe, expect, it } from 'vitest';
import { FOLD_BATCH, foldReports } from '../../src/app/reports/fold';
import type { TenantRepositories, UnitOfWork } from '../../src/ports/repositories';

// The fold job's loop (ADR 0022) without a database: every listed tenant, batch after batch until
// a batch comes back short, each batch in its own transaction of that tenant.
describe('foldReports', () => {
  it('folds each tenant with queued creates until its queue is empty, one transaction per batch', async () => {
    const queues = new Map([
      ['a', 2 * FOLD_BATCH + 12],
      ['b', 3],
      ['c', FOLD_BATCH],
    ]);
    const runs: string[] = [];
    const uow: UnitOfWork = {
      run: async (tenantId, fn) => {
        runs.push(tenantId);
        const repos = {
          reports: {
            fold: async (limit: number) => {
              const n = Math.min(limit, queues.get(tenantId)!);
              queues.set(tenantId, queues.get(tenantId)! - n);
              return n;
            },
          },
        } as unknown as TenantRepositories;
        return fn(repos);
      },
    };
    const folded = await foldReports({ uow, backlog: { tenants: async () => [...queues.keys()] } });
    expect(folded).toBe(3 * FOLD_BATCH + 15);
    expect([...queues.values()]).toEqual([0, 0, 0]);
    // a: two full batches and a short one; b: one short; c: one full, then an empty one.
    expect(runs).toEqual(['a', 'a', 'a', 'b', 'c', 'c']);
  });
});
