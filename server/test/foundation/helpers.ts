import { errorBodySchema, type Role } from '@slotwise/contracts';
import pg from 'pg';
import { expect } from 'vitest';
import type { TestApp } from '../support/test-app';
import { signupOwner } from '../support/test-app';

export type Owner = Awaited<ReturnType<typeof signupOwner>>;

export const PASSWORD = 'correct horse battery';

const ownerPools = new Map<string, pg.Pool>();

/**
 * Runs SQL as the database owner (a superuser, so RLS does not apply): the test's view of what
 * is really stored, independent of the app's role and tenant context.
 */
export async function ownerQuery<T extends pg.QueryResultRow = Record<string, unknown>>(app: TestApp, sql: string, params: unknown[] = []): Promise<T[]> {
  let pool = ownerPools.get(app.db.url);
  if (!pool) {
    // Idle connections close quickly and never keep the test process alive; the database is
    // dropped WITH (FORCE) at the end, which would otherwise surface as a pool error.
    pool = new pg.Pool({ connectionString: app.db.url, max: 2, idleTimeoutMillis: 500, allowExitOnIdle: true });
    pool.on('error', () => undefined);
    ownerPools.set(app.db.url, pool);
  }
  return (await pool.query<T>(sql, params)).rows;
}

export async function countRows(app: TestApp, table: string): Promise<number> {
  const [r] = await ownerQuery<{ n: string }>(app, `SELECT count(*)::text AS n FROM "${table}"`);
  return Number(r?.n);
}

let seq = 0;
/** Adds a member with a new login through the API, logs them in, returns their credentials. */
export async function addMember(app: TestApp, by: { auth: Record<string, string> }, role: Role, tenantSlug?: string) {
  seq += 1;
  const email = `${role}-${Date.now().toString(36)}-${seq}@example.com`;
  const added = await app.http.post('/v1/admin/members').set(by.auth).send({ email, name: `${role} ${seq}`, role, password: PASSWORD });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const login = await app.http.post('/v1/auth/login').send({ email, password: PASSWORD, ...(tenantSlug ? { tenantSlug } : {}) });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  return {
    memberId: added.body.id as string,
    userId: added.body.userId as string,
    email,
    auth: { Authorization: `Bearer ${login.body.tokens.accessToken}` },
  };
}

export async function createApiKey(app: TestApp, by: { auth: Record<string, string> }, body: Record<string, unknown> = { name: 'key' }) {
  const res = await app.http.post('/v1/admin/api-keys').set(by.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.apiKey.id as string, secret: res.body.secret as string, auth: { Authorization: `Bearer ${res.body.secret}` } };
}

/** The shared error shape, with the expected status and code. */
export function expectError(res: { status: number; body: unknown }, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const parsed = errorBodySchema.safeParse(res.body);
  expect(parsed.success, JSON.stringify(res.body)).toBe(true);
  if (code) expect((res.body as { error: { code: string } }).error.code).toBe(code);
}

const snapshotSql = new Map<string, string>();

/**
 * Everything the API could have written, in one query: per table of the public schema, its row
 * count and an md5 of all its rows. Equal snapshots before and after a request mean it wrote
 * nothing (`exclude` names tables a test accounts for itself).
 */
export async function snapshotDatabase(app: TestApp, exclude: readonly string[] = []): Promise<Record<string, string>> {
  const cacheKey = `${app.db.url}|${exclude.join(',')}`;
  let sql = snapshotSql.get(cacheKey);
  if (!sql) {
    const tables = await ownerQuery<{ t: string }>(app, "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1");
    const parts = tables
      .filter(({ t }) => !exclude.includes(t))
      .map(({ t }) => `SELECT '${t}' AS k, (SELECT count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t}" x) AS v`);
    sql = `SELECT jsonb_object_agg(k, v) AS s FROM (${parts.join(' UNION ALL ')}) x`;
    snapshotSql.set(cacheKey, sql);
  }
  const [r] = await ownerQuery<{ s: Record<string, string> }>(app, sql);
  return r!.s;
}
