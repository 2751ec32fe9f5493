import type pg from 'pg';
import type { StalledDeliveries } from '../../ports/webhooks';

/** The sweeper's cross-tenant read, through the narrow SECURITY DEFINER function of the migration. */
export function pgStalledDeliveries(pool: pg.Pool): StalledDeliveries {
  return {
    async find(dueBefore, limit) {
      const { rows } = await pool.query<{
        tenant_id: string;
        id: string;
        attempts: number;
        locked_until: Date | null;
      }>('SELECT tenant_id, id, attempts, locked_until FROM webhook_stalled_deliveries($1, $2)', [
        dueBefore,
        limit,
      ]);
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        id: r.id,
        attempts: r.attempts,
        lockedUntil: r.locked_until,
      }));
    },
  };
}
