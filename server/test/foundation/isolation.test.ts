import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { addMember, createApiKey, expectError, ownerQuery, type Owner } from './helpers';

let app: TestApp;
let a: Owner;
let b: Owner;
let bMember: Awaited<ReturnType<typeof addMember>>;
let bKey: Awaited<ReturnType<typeof createApiKey>>;
let bOwnerMemberId: string;

beforeAll(async () => {
  app = await startTestApp();
  a = await signupOwner(app);
  b = await signupOwner(app);
  await addMember(app, a, 'staff');
  await createApiKey(app, a, { name: 'a-key' });
  bMember = await addMember(app, b, 'staff');
  bKey = await createApiKey(app, b, { name: 'b-key' });
  const list = await app.http.get('/v1/admin/members').set(b.auth);
  bOwnerMemberId = list.body.items.find((m: { userId: string }) => m.userId === b.userId).id;
});
afterAll(async () => app?.close());

describe('tenant isolation through the API', () => {
  it("answers every admin route given tenant B's ids with A's credentials with 404, changing nothing", async () => {
    const aKey = await createApiKey(app, a, { name: 'a-write' });
    const cases = [
      () => app.http.patch(`/v1/admin/members/${bMember.memberId}`).set(a.auth).send({ role: 'viewer' }),
      () => app.http.patch(`/v1/admin/members/${bOwnerMemberId}`).set(a.auth).send({ role: 'viewer' }),
      () => app.http.delete(`/v1/admin/members/${bMember.memberId}`).set(a.auth),
      () => app.http.delete(`/v1/admin/members/${bOwnerMemberId}`).set(a.auth),
      () => app.http.delete(`/v1/admin/api-keys/${bKey.id}`).set(a.auth),
    ];
    for (const call of cases) expectError(await call(), 404, 'not_found');
    // A's API key cannot reach B's data through the member routes it may call either.
    const seen = await app.http.get('/v1/admin/members').set(aKey.auth);
    expect(seen.body.items.map((m: { id: string }) => m.id)).not.toContain(bMember.memberId);

    const rows = await ownerQuery<{ id: string; role: string }>(app, 'SELECT id, role::text AS role FROM memberships WHERE tenant_id = $1 ORDER BY role', [b.tenantId]);
    expect(rows.map((r) => r.role).sort()).toEqual(['owner', 'staff']);
    const key = await ownerQuery<{ revoked_at: Date | null }>(app, 'SELECT revoked_at FROM api_keys WHERE id = $1', [bKey.id]);
    expect(key[0]!.revoked_at).toBeNull();
    expect((await app.http.get('/v1/admin/tenant').set(bKey.auth)).status).toBe(200);
  });

  it("lists only the caller's own rows", async () => {
    const aMembers = await app.http.get('/v1/admin/members').set(a.auth);
    const bMembers = await app.http.get('/v1/admin/members').set(b.auth);
    const aIds = new Set(aMembers.body.items.map((m: { id: string }) => m.id));
    expect(bMembers.body.items.some((m: { id: string }) => aIds.has(m.id))).toBe(false);
    const aKeys = await app.http.get('/v1/admin/api-keys').set(a.auth);
    expect(aKeys.body.items.map((k: { name: string }) => k.name)).not.toContain('b-key');
  });
});

describe('row-level security in the database', () => {
  it('a tenant transaction with no where clause sees only that tenant (Prisma and raw SQL)', async () => {
    const { prisma } = app.system.db;
    const keys = await withTenant(prisma, a.tenantId, (tx) => tx.apiKey.findMany());
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys.map((k) => k.tenantId))).toEqual(new Set([a.tenantId]));

    const members = await withTenant(prisma, a.tenantId, (tx) => tx.$queryRawUnsafe<{ tenant_id: string }[]>('SELECT * FROM memberships'));
    expect(members.length).toBe(2);
    expect(new Set(members.map((m) => m.tenant_id))).toEqual(new Set([a.tenantId]));

    // The database really holds both tenants' rows.
    const all = await ownerQuery<{ n: number }>(app, 'SELECT count(DISTINCT tenant_id)::int AS n FROM memberships');
    expect(all[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('outside any tenant context the app role sees no tenant-owned rows at all', async () => {
    const { prisma, pool } = app.system.db;
    expect(await prisma.membership.count()).toBe(0);
    expect(await prisma.apiKey.findMany()).toEqual([]);
    const raw = await pool.query('SELECT count(*)::int AS n FROM api_keys');
    expect(raw.rows[0].n).toBe(0);
  });

  it("the app's connections are neither superuser nor BYPASSRLS", async () => {
    const { rows } = await app.system.db.pool.query('SELECT current_user AS "user", rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
    expect(rows).toEqual([{ user: 'slotwise_app', rolsuper: false, rolbypassrls: false }]);
    const viaPrisma = await app.system.db.prisma.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean }[]>`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`;
    expect(viaPrisma).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });

  it("inserting a row with another tenant's tenant_id inside A's context fails (WITH CHECK)", async () => {
    const { prisma } = app.system.db;
    const before = await ownerQuery(app, 'SELECT id FROM api_keys WHERE tenant_id = $1', [b.tenantId]);
    await expect(
      withTenant(prisma, a.tenantId, (tx) =>
        tx.apiKey.create({ data: { tenantId: b.tenantId, name: 'smuggled', mode: 'test', prefix: 'sk_test_x', secretHash: 'x'.repeat(64), scopes: ['read'] } }),
      ),
    ).rejects.toThrow(/row-level security/i);
    await expect(
      withTenant(prisma, a.tenantId, (tx) => tx.$executeRawUnsafe(`UPDATE api_keys SET tenant_id = '${b.tenantId}' WHERE tenant_id = '${a.tenantId}'`)),
    ).rejects.toThrow(/row-level security/i);
    const after = await ownerQuery(app, 'SELECT id FROM api_keys WHERE tenant_id = $1', [b.tenantId]);
    expect(after).toEqual(before);
  });

  it("updates and deletes inside A's context cannot touch B's rows", async () => {
    const { prisma } = app.system.db;
    const n = await withTenant(prisma, a.tenantId, async (tx) => {
      const u = await tx.apiKey.updateMany({ where: { tenantId: b.tenantId }, data: { name: 'pwned' } });
      const d = await tx.membership.deleteMany({ where: { tenantId: b.tenantId } });
      return u.count + d.count;
    });
    expect(n).toBe(0);
    const rows = await ownerQuery(app, "SELECT id FROM api_keys WHERE name = 'pwned'");
    expect(rows).toEqual([]);
  });

  it('every table with a tenant_id has RLS enabled, forced and a tenant_isolation policy (sessions and outbox excepted)', async () => {
    // Not tenant-owned on purpose: sessions are read before the tenant is known (and a user may
    // have several tenants), and so are the spent refresh tokens of their rotations; the outbox
    // is drained across tenants by the dispatcher.
    const SYSTEM_TABLES = ['outbox_events', 'sessions', 'spent_refresh_tokens'];
    const tables = await ownerQuery<{ table: string; rls: boolean; forced: boolean; policy: string | null }>(
      app,
      `SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              (SELECT p.qual FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation') AS policy
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM information_schema.columns col WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'tenant_id')
        ORDER BY 1`,
    );
    expect(tables.length).toBeGreaterThan(10);
    const unprotected = tables.filter((t) => !SYSTEM_TABLES.includes(t.table) && !(t.rls && t.forced && t.policy?.includes('app_current_tenant()')));
    expect(unprotected).toEqual([]);
  });

  it('foreign keys between tenant-owned tables include tenant_id', async () => {
    const fks = await ownerQuery<{ name: string; cols: string[] }>(
      app,
      `SELECT con.conname AS name, array(SELECT a.attname::text FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k) AS cols
         FROM pg_constraint con
         JOIN pg_class src ON src.oid = con.conrelid
         JOIN pg_class dst ON dst.oid = con.confrelid
        WHERE con.contype = 'f' AND src.relrowsecurity AND dst.relrowsecurity`,
    );
    expect(fks.length).toBeGreaterThan(10);
    expect(fks.filter((fk) => !fk.cols.includes('tenant_id'))).toEqual([]);
  });

  it('app.tenant_id does not leak from one transaction to the next on a pooled connection', async () => {
    const { prisma } = app.system.db;
    await withTenant(prisma, a.tenantId, (tx) => tx.apiKey.findMany());
    const results = await Promise.all(Array.from({ length: 30 }, () => prisma.apiKey.count()));
    expect(results.every((c) => c === 0)).toBe(true);
  });
});
