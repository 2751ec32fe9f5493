import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { addMember, createApiKey, expectError, ownerQuery, type Owner } from './helpers';

let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('API keys', () => {
  it('shows the secret once; lists never show it; the database keeps only its sha256', async () => {
    const test = await app.http.post('/v1/admin/api-keys').set(owner.auth).send({ name: 'Zapier' });
    expect(test.status).toBe(201);
    expect(test.body.secret).toMatch(/^sk_test_[A-Za-z0-9_-]{40,}$/);
    expect(test.body.apiKey).toMatchObject({ name: 'Zapier', mode: 'test', scopes: ['read', 'write'], lastUsedAt: null, revokedAt: null });
    expect(test.body.secret.startsWith(test.body.apiKey.prefix)).toBe(true);

    const live = await app.http.post('/v1/admin/api-keys').set(owner.auth).send({ name: 'Prod', mode: 'live', scopes: ['read'] });
    expect(live.status).toBe(201);
    expect(live.body.secret).toMatch(/^sk_live_/);
    expect(live.body.apiKey.scopes).toEqual(['read']);

    const list = await app.http.get('/v1/admin/api-keys').set(owner.auth);
    expect(list.status).toBe(200);
    expect(list.body.items.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining([test.body.apiKey.id, live.body.apiKey.id]));
    const listed = JSON.stringify(list.body);
    expect(listed).not.toContain(test.body.secret);
    expect(listed).not.toContain(live.body.secret);
    expect(listed).not.toContain('secret');

    for (const created of [test.body, live.body]) {
      const rows = await ownerQuery<{ secret_hash: string; row: string }>(app, 'SELECT secret_hash, row_to_json(k)::text AS row FROM api_keys k WHERE id = $1', [created.apiKey.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.secret_hash).toBe(sha256(created.secret));
      expect(rows[0]!.row).not.toContain(created.secret);
      // The stored prefix is too short to be of use to anyone who reads the table.
      expect(created.apiKey.prefix.length).toBeLessThanOrEqual(12);
    }
  });

  it('authenticates as the key: /me shows the key, not a user', async () => {
    const key = await createApiKey(app, owner, { name: 'Reporting', scopes: ['read'] });
    const me = await app.http.get('/v1/auth/me').set(key.auth);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: null, apiKey: { id: key.id, name: 'Reporting', mode: 'test', scopes: ['read'] }, tenant: { id: owner.tenantId } });
  });

  it('enforces scopes: a read key cannot write, a write-only key cannot read', async () => {
    const read = await createApiKey(app, owner, { name: 'r', scopes: ['read'] });
    expect((await app.http.get('/v1/admin/tenant').set(read.auth)).status).toBe(200);
    expect((await app.http.get('/v1/admin/members').set(read.auth)).status).toBe(200);
    expectError(await app.http.patch('/v1/admin/tenant').set(read.auth).send({ description: 'hacked' }), 403, 'insufficient_scope');
    const tenant = await app.http.get('/v1/admin/tenant').set(owner.auth);
    expect(tenant.body.description).not.toBe('hacked');

    const write = await createApiKey(app, owner, { name: 'w', scopes: ['write'] });
    expectError(await app.http.get('/v1/admin/tenant').set(write.auth), 403, 'insufficient_scope');
    const patched = await app.http.patch('/v1/admin/tenant').set(write.auth).send({ description: 'via key' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.description).toBe('via key');
  });

  it('stops working the moment it is revoked', async () => {
    const key = await createApiKey(app, owner);
    expect((await app.http.get('/v1/admin/tenant').set(key.auth)).status).toBe(200);
    const revoked = await app.http.delete(`/v1/admin/api-keys/${key.id}`).set(owner.auth);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expectError(await app.http.get('/v1/admin/tenant').set(key.auth), 401, 'unauthenticated');
    // Revoking again is harmless and keeps the first revocation time.
    const again = await app.http.delete(`/v1/admin/api-keys/${key.id}`).set(owner.auth);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('records when it was last used', async () => {
    const key = await createApiKey(app, owner);
    const before = Date.now();
    await app.http.get('/v1/admin/tenant').set(key.auth).expect(200);
    const listed = await waitFor(
      async () => (await app.http.get('/v1/admin/api-keys?limit=200').set(owner.auth)).body.items.find((k: { id: string }) => k.id === key.id),
      (k) => k?.lastUsedAt !== null,
    );
    expect(listed.lastUsedAt).not.toBeNull();
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('cannot call session-only routes (team and key management, logout)', async () => {
    const key = await createApiKey(app, owner);
    const staff = await addMember(app, owner, 'staff');
    const calls = [
      app.http.get('/v1/admin/api-keys').set(key.auth),
      app.http.post('/v1/admin/api-keys').set(key.auth).send({ name: 'child' }),
      app.http.delete(`/v1/admin/api-keys/${key.id}`).set(key.auth),
      app.http.post('/v1/admin/members').set(key.auth).send({ email: 'k@example.com', name: 'K', role: 'owner', password: 'long enough pw' }),
      app.http.patch(`/v1/admin/members/${staff.memberId}`).set(key.auth).send({ role: 'owner' }),
      app.http.delete(`/v1/admin/members/${staff.memberId}`).set(key.auth),
      app.http.post('/v1/auth/logout').set(key.auth),
    ];
    for (const res of await Promise.all(calls)) expectError(res, 403, 'forbidden');
    const keys = await ownerQuery(app, 'SELECT id FROM api_keys WHERE tenant_id = $1 AND name = $2', [owner.tenantId, 'child']);
    expect(keys).toHaveLength(0);
    const member = await ownerQuery<{ role: string }>(app, 'SELECT role::text AS role FROM memberships WHERE id = $1', [staff.memberId]);
    expect(member).toEqual([{ role: 'staff' }]);
  });

  it('only reaches its own tenant', async () => {
    const other = await signupOwner(app);
    const otherKey = await createApiKey(app, other);
    const mine = await createApiKey(app, owner);

    const tenant = await app.http.get('/v1/admin/tenant').set(otherKey.auth);
    expect(tenant.body.id).toBe(other.tenantId);
    const members = await app.http.get('/v1/admin/members').set(otherKey.auth);
    expect(members.body.items.map((m: { userId: string }) => m.userId)).toEqual([other.userId]);
    await app.http.patch('/v1/admin/tenant').set(otherKey.auth).send({ name: 'Renamed by key' }).expect(200);
    expect((await app.http.get('/v1/admin/tenant').set(owner.auth)).body.name).not.toBe('Renamed by key');

    // The other tenant's owner cannot revoke my key either.
    expectError(await app.http.delete(`/v1/admin/api-keys/${mine.id}`).set(other.auth), 404, 'not_found');
    expect((await app.http.get('/v1/admin/tenant').set(mine.auth)).status).toBe(200);
  });

  it('rejects unknown and malformed keys with 401', async () => {
    expectError(await app.http.get('/v1/admin/tenant').set('Authorization', `Bearer sk_test_${'a'.repeat(43)}`), 401, 'unauthenticated');
    expectError(await app.http.get('/v1/admin/tenant').set('Authorization', 'Bearer sk_live_short'), 401, 'unauthenticated');
  });
});
