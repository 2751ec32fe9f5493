import type pg from 'pg';
import type { AvailabilityVersions } from '../../ports/repositories';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sums the tenant's version shards (prisma/migrations/*_availability_versions). The table is
 * tenant-isolated, so the tenant is set for the statement's implicit transaction: both
 * statements go in one simple-protocol message, i.e. one round trip instead of four. That
 * protocol takes no parameters, hence the strict UUID check before the id is inlined.
 */
export function pgAvailabilityVersions(pool: pg.Pool): AvailabilityVersions {
  return {
    async current(tenantId) {
      if (!UUID_RE.test(tenantId))
        throw new RangeError(`Not a tenant id: ${JSON.stringify(tenantId)}`);
      const results = (await pool.query(
        `SELECT set_config('app.tenant_id', '${tenantId}', true); ` +
          `SELECT COALESCE(sum(version), 0)::text AS v FROM availability_versions WHERE tenant_id = '${tenantId}'`,
      )) as unknown as pg.QueryResult<{ v: string }>[];
      return results[1]!.rows[0]!.v;
    },
  };
}
