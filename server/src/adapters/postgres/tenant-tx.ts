import type pg from 'pg';
import { inputErrorOf } from './sql-errors';

/** Runs fn in one transaction with the tenant set, so row-level security scopes every statement. */
export async function inTenant<T>(
  pool: pg.Pool,
  tenantId: string,
  fn: (c: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw inputErrorOf(err) ?? err;
  } finally {
    c.release();
  }
}
