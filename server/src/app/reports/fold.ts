import type { ReportBacklog, UnitOfWork } from '../../ports/repositories';

/** Queued creates folded per transaction: a tenant's burst is folded in a few short transactions. */
export const FOLD_BATCH = 5000;

/**
 * Folds every tenant's queued booking creates into the report roll-ups (ADR 0022), each tenant
 * in its own transactions. Reports are exact without it (they add the queue); folding keeps
 * the queue, and so what a report read adds, short. Returns how many were folded.
 */
export async function foldReports(
  deps: { uow: UnitOfWork; backlog: ReportBacklog },
  tenantsPerPass = 100,
): Promise<number> {
  let n = 0;
  for (const tenantId of await deps.backlog.tenants(tenantsPerPass)) {
    for (;;) {
      const folded = await deps.uow.run(tenantId, (r) => r.reports.fold(FOLD_BATCH));
      n += folded;
      if (folded < FOLD_BATCH) break;
    }
  }
  return n;
}
