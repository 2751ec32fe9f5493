import type { Role } from '@slotwise/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { addMember, createApiKey, expectError, type Owner } from './helpers';

let app: TestApp;
let owner: Owner;
const as: Partial<Record<Role, { auth: Record<string, string>; memberId: string }>> = {};

beforeAll(async () => {
  app = await startTestApp();
  owner = await signupOwner(app);
  as.owner = { auth: owner.auth, memberId: '' };
  for (const role of ['admin', 'staff', 'viewer'] as const) as[role] = await addMember(app, owner, role);
});
afterAll(async () => app?.close());

type Call = (auth: Record<string, string>) => Promise<{ status: number; body: unknown }>;

/** Each call builds its own target first (as the owner), so allowed calls can really succeed. */
const routes: { name: string; min: Role; ok: number; call: Call }[] = [
  { name: 'GET tenant', min: 'viewer', ok: 200, call: (a) => app.http.get('/v1/admin/tenant').set(a) },
  { name: 'PATCH tenant', min: 'admin', ok: 200, call: (a) => app.http.patch('/v1/admin/tenant').set(a).send({ description: 'changed' }) },
  { name: 'GET members', min: 'viewer', ok: 200, call: (a) => app.http.get('/v1/admin/members').set(a) },
  {
    name: 'POST members',
    min: 'admin',
    ok: 201,
    call: (a) => app.http.post('/v1/admin/members').set(a).send({ email: `t-${Math.random().toString(36).slice(2)}@example.com`, name: 'T', role: 'viewer', password: 'long enough pw' }),
  },
  {
    name: 'PATCH member',
    min: 'admin',
    ok: 200,
    call: async (a) => {
      const target = await addMember(app, owner, 'viewer');
      return app.http.patch(`/v1/admin/members/${target.memberId}`).set(a).send({ role: 'staff' });
    },
  },
  {
    name: 'DELETE member',
    min: 'admin',
    ok: 204,
    call: async (a) => {
      const target = await addMember(app, owner, 'viewer');
      return app.http.delete(`/v1/admin/members/${target.memberId}`).set(a);
    },
  },
  { name: 'GET api-keys', min: 'admin', ok: 200, call: (a) => app.http.get('/v1/admin/api-keys').set(a) },
  { name: 'POST api-keys', min: 'admin', ok: 201, call: (a) => app.http.post('/v1/admin/api-keys').set(a).send({ name: 'k' }) },
  {
    name: 'DELETE api-key',
    min: 'admin',
    ok: 200,
    call: async (a) => {
      const key = await createApiKey(app, owner);
      return app.http.delete(`/v1/admin/api-keys/${key.id}`).set(a);
    },
  },
];

const RANK: Record<Role, number> = { viewer: 0, staff: 1, admin: 2, owner: 3 };

describe('role matrix: owner > admin > staff > viewer', () => {
  for (const route of routes) {
    for (const role of ['owner', 'admin', 'staff', 'viewer'] as const) {
      const allowed = RANK[role] >= RANK[route.min];
      it(`${route.name} as ${role} → ${allowed ? route.ok : 403}`, async () => {
        const res = await route.call(as[role]!.auth);
        if (allowed) expect(res.status, JSON.stringify(res.body)).toBe(route.ok);
        else expectError(res, 403, 'forbidden');
      });
    }
  }
});

describe('owner rules', () => {
  it('only an owner can make someone an owner', async () => {
    const email = `own-${Date.now()}@example.com`;
    expectError(
      await app.http.post('/v1/admin/members').set(as.admin!.auth).send({ email, name: 'X', role: 'owner', password: 'long enough pw' }),
      403,
      'forbidden',
    );
    const target = await addMember(app, owner, 'staff');
    expectError(await app.http.patch(`/v1/admin/members/${target.memberId}`).set(as.admin!.auth).send({ role: 'owner' }), 403, 'forbidden');
    const promoted = await app.http.patch(`/v1/admin/members/${target.memberId}`).set(owner.auth).send({ role: 'owner' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('owner');
    const added = await app.http.post('/v1/admin/members').set(owner.auth).send({ email, name: 'X', role: 'owner', password: 'long enough pw' });
    expect(added.status).toBe(201);
    expect(added.body.role).toBe('owner');
  });

  it('an admin can neither demote nor remove an owner; another owner can', async () => {
    const second = await addMember(app, owner, 'owner');
    expectError(await app.http.patch(`/v1/admin/members/${second.memberId}`).set(as.admin!.auth).send({ role: 'viewer' }), 403, 'forbidden');
    expectError(await app.http.delete(`/v1/admin/members/${second.memberId}`).set(as.admin!.auth), 403, 'forbidden');
    const demoted = await app.http.patch(`/v1/admin/members/${second.memberId}`).set(owner.auth).send({ role: 'admin' });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe('admin');
  });

  it('the last owner can be neither demoted nor removed (409), even by themselves', async () => {
    const solo = await signupOwner(app);
    const list = await app.http.get('/v1/admin/members').set(solo.auth);
    const me = list.body.items.find((m: { userId: string }) => m.userId === solo.userId);
    expectError(await app.http.patch(`/v1/admin/members/${me.id}`).set(solo.auth).send({ role: 'admin' }), 409, 'conflict');
    expectError(await app.http.delete(`/v1/admin/members/${me.id}`).set(solo.auth), 409, 'conflict');

    // With a second owner, the first may step down, and then the second is the last one.
    const second = await addMember(app, solo, 'owner');
    expect((await app.http.patch(`/v1/admin/members/${me.id}`).set(solo.auth).send({ role: 'admin' })).status).toBe(200);
    expectError(await app.http.delete(`/v1/admin/members/${second.memberId}`).set(second.auth), 409, 'conflict');
    const owners = (await app.http.get('/v1/admin/members').set(second.auth)).body.items.filter((m: { role: string }) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('two owners demoting each other at once never leave the business without an owner', async () => {
    for (let round = 0; round < 5; round++) {
      const solo = await signupOwner(app);
      const second = await addMember(app, solo, 'owner');
      const list = await app.http.get('/v1/admin/members').set(solo.auth);
      const first = list.body.items.find((m: { userId: string }) => m.userId === solo.userId);
      const [a, b] = await Promise.all([
        app.http.patch(`/v1/admin/members/${second.memberId}`).set(solo.auth).send({ role: 'admin' }),
        app.http.patch(`/v1/admin/members/${first.id}`).set(second.auth).send({ role: 'admin' }),
      ]);
      // The loser is never a 500: 409 when the transactions overlapped (the serialization failure
      // is retried and then sees one owner left), 403 when the winner had already committed by
      // the time the loser was authorised (it is no longer an owner).
      const loser = a.status === 200 ? b : a;
      expect([a.status, b.status].filter((s) => s === 200), JSON.stringify([a.body, b.body])).toHaveLength(1);
      if (loser.status === 403) expectError(loser, 403, 'forbidden');
      else expectError(loser, 409, 'conflict');
      const after = await app.http.get('/v1/admin/members').set(a.status === 200 ? solo.auth : second.auth);
      expect(after.body.items.filter((m: { role: string }) => m.role === 'owner')).toHaveLength(1);
    }
  });

  it('a role change applies to the very next request', async () => {
    const admin = await addMember(app, owner, 'admin');
    expect((await app.http.patch('/v1/admin/tenant').set(admin.auth).send({ description: 'x' })).status).toBe(200);
    await app.http.patch(`/v1/admin/members/${admin.memberId}`).set(owner.auth).send({ role: 'viewer' }).expect(200);
    expectError(await app.http.patch('/v1/admin/tenant').set(admin.auth).send({ description: 'y' }), 403, 'forbidden');
  });

  it('a removed member loses access at once', async () => {
    const staff = await addMember(app, owner, 'staff');
    expect((await app.http.get('/v1/admin/tenant').set(staff.auth)).status).toBe(200);
    await app.http.delete(`/v1/admin/members/${staff.memberId}`).set(owner.auth).expect(204);
    expectError(await app.http.get('/v1/admin/tenant').set(staff.auth), 403, 'forbidden');
  });

  it('adding an existing member again is a 409', async () => {
    const staff = await addMember(app, owner, 'staff');
    expectError(
      await app.http.post('/v1/admin/members').set(owner.auth).send({ email: staff.email, name: 'Again', role: 'viewer' }),
      409,
      'conflict',
    );
  });
});
