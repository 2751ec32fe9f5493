import type pg from 'pg';
import type { PlanId } from '../../domain/plans';
import type { PlanLimitsStore } from '../../ports/plans';
import { poolTransaction } from './tenant-tx';

/** plan_limits: the monthly caps the bookings trigger enforces (prisma/functions/plan_limits.sql). */
export function pgPlanLimits(pool: pg.Pool): PlanLimitsStore {
  return {
    async sync(caps) {
      await poolTransaction(pool, async (client) => {
        if (!caps) await client.query('DELETE FROM plan_limits');
        else {
          const plans = Object.keys(caps) as PlanId[];
          await client.query('DELETE FROM plan_limits WHERE NOT (plan = ANY($1::text[]))', [plans]);
          for (const plan of plans) {
            await client.query(
              `INSERT INTO plan_limits (plan, monthly_bookings) VALUES ($1, $2)
               ON CONFLICT (plan) DO UPDATE SET monthly_bookings = EXCLUDED.monthly_bookings`,
              [plan, caps[plan]],
            );
          }
        }
      });
    },
  };
}
