import type pg from 'pg';
import { inputErrorOf } from './sql-errors';

/**
 * BEGIN … COMMIT on one pooled connection; ROLLBACK on error. A connection whose ROLLBACK fails
 * too is released as broken, so the pool does not hand it out again.
 */
export async function poolTransaction<T>(
  pool: pg.Pool,
  fn: (c: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const c = await pool.connect();
  let broken: Error | undefined;
  try {
    await c.query('BEGIN');
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (err) {
    await c.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    c.release(broken);
  }
}

/** Runs fn in one transaction with the tenant set, so row-level security scopes every statement. */
export async function inTenant<T>(
  pool: pg.Pool,
  tenantId: string,
  fn: (c: pg.PoolClient) => Promise<T>,
): Promise<T> {
  try {
    return await poolTransaction(pool, async (c) => {
      await c.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
      return fn(c);
    });
  } catch (err) {
    throw inputErrorOf(err) ?? err;
  }
}
