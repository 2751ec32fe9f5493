import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { ownerSql } from './processes';

/**
 * Keeps the path past one PostgreSQL open (docs/guides/scaling.md, "Past one PostgreSQL"): with
 * tenant_id as the distribution column (Citus) or the routing key of tenant cells, every
 * constraint must be checkable inside one tenant. A new migration that breaks this fails here.
 */

/** Tables without tenant_id: reference tables (Citus) / the global directory of a cell setup. */
// stripe_events: Stripe event ids already handled, received before any tenant is known.
// plan_limits: the platform's plan catalogue (limits per plan), not per tenant.
const GLOBAL_TABLES = [
  '_prisma_migrations',
  'idempotency_records',
  'plan_limits',
  'stripe_events',
  'tenants',
  'users',
];

/**
 * Unique keys of tenant tables found without knowing the tenant (a token or key presented by a
 * client). Sharded, each becomes a small global lookup table (hash → tenant_id); every other
 * unique key must include tenant_id. Add to this list only with that plan.
 */
const GLOBAL_LOOKUP_KEYS = [
  'api_keys(secret_hash)', // API key → tenant, before anything else is known
  'bookings(manage_token_hash)', // a customer's manage link → booking
  'sessions(token_hash)', // refresh token → user (sessions belong to users)
  'spent_refresh_tokens(token_hash)', // a rotated-out refresh token presented again → its session
  'user_tokens(token_hash)', // a password reset / email verification link → its token (account_token_spend)
];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

const tenantTables = async () =>
  (
    await ownerSql<{ table: string }>(
      db.url,
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
        ORDER BY 1`,
    )
  ).map((r) => r.table);

describe('every key is tenant-scoped (sharding by tenant_id stays possible)', () => {
  it('only the known global tables lack tenant_id', async () => {
    const all = await ownerSql<{ table: string }>(
      db.url,
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    const tenant = new Set(await tenantTables());
    expect(all.map((r) => r.table).filter((t) => !tenant.has(t))).toEqual(GLOBAL_TABLES);
  });

  it('unique keys of tenant tables include tenant_id (besides the surrogate id and the global lookups)', async () => {
    const rows = await ownerSql<{ table: string; cols: string[]; primary: boolean; expr: boolean }>(
      db.url,
      `SELECT c.relname AS table, ix.indisprimary AS primary, ix.indexprs IS NOT NULL AS expr,
              ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.n) AS cols
         FROM pg_index ix JOIN pg_class c ON c.oid = ix.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND ix.indisunique AND c.relname = ANY($1)`,
      [await tenantTables()],
    );
    const unscoped = rows
      .filter((r) => !r.cols.includes('tenant_id'))
      // The random UUID primary key: sharded, it is promoted to (tenant_id, id) (see the next test).
      .filter((r) => !(r.primary && r.cols.join() === 'id'))
      .map((r) => `${r.table}(${r.cols.join(', ')})${r.expr ? ' + expression' : ''}`)
      .sort();
    expect(unscoped).toEqual(GLOBAL_LOOKUP_KEYS);
  });

  it('no foreign key reaches a tenant table by id alone, so its primary key can become (tenant_id, id)', async () => {
    const fks = await ownerSql<{
      name: string;
      table: string;
      ref: string;
      cols: string[];
      refcols: string[];
    }>(
      db.url,
      `SELECT con.conname AS name, c.relname AS table, r.relname AS ref,
              ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS cols,
              ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS refcols
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND con.contype = 'f'`,
    );
    expect(fks.length).toBeGreaterThan(10);
    const tenant = new Set(await tenantTables());
    const bad = fks.filter((fk) => {
      if (!tenant.has(fk.ref)) return !GLOBAL_TABLES.includes(fk.ref); // to a reference table: fine
      // Between tenant tables: tenant_id on both sides, in the same position, so the row it
      // points at lives in the same tenant (and shard).
      const i = fk.cols.indexOf('tenant_id');
      return i < 0 || fk.refcols[i] !== 'tenant_id';
    });
    expect(
      bad.map((fk) => `${fk.name}: ${fk.table}(${fk.cols}) → ${fk.ref}(${fk.refcols})`),
    ).toEqual([]);
  });

  it('exclusion constraints include tenant_id with equality', async () => {
    const ex = await ownerSql<{ name: string; def: string }>(
      db.url,
      `SELECT con.conname AS name, pg_get_constraintdef(con.oid) AS def FROM pg_constraint con
         JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = 'public' AND con.contype = 'x'`,
    );
    expect(ex.length).toBeGreaterThan(0);
    for (const c of ex) expect(c.def, c.name).toMatch(/\btenant_id WITH =/);
  });
});
