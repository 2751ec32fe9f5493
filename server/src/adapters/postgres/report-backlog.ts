import type pg from 'pg';
import type { ReportBacklog } from '../../ports/repositories';

/** The report fold job's cross-tenant scan, through a SECURITY DEFINER function (ids only). */
export function pgReportBacklog(pool: pg.Pool): ReportBacklog {
  return {
    async tenants(limit) {
      const { rows } = await pool.query<{ tenant_id: string }>(
        'SELECT tenant_id FROM report_pending_tenants($1)',
        [limit],
      );
      return rows.map((r) => r.tenant_id);
    },
  };
}
