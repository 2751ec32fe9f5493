import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createApiKey, expectError, type Owner } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { createProvider, createService, issuePaths } from './catalogue-fixtures';

let app: TestApp;
let owner: Owner;
let other: Owner;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signupOwner(app, { currency: 'EUR' });
  other = await signupOwner(app);
});
afterAll(async () => app?.close());

describe('services CRUD', () => {
  it('creates with defaults, assigns providers, reads back', async () => {
    const p1 = await createProvider(app, owner, { name: 'Ana' });
    const p2 = await createProvider(app, owner, { name: 'Ben', sortOrder: -1 });
    const res = await app.http
      .post('/v1/admin/services')
      .set(owner.auth)
      .send({
        name: 'Colour',
        durationMinutes: 90,
        priceCents: 8000,
        deposit: { type: 'percent', value: 20 },
        providerIds: [p1.id, p2.id],
      });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Colour',
      description: '',
      category: null,
      durationMinutes: 90,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      priceCents: 8000,
      currency: 'EUR', // the business currency
      deposit: { type: 'percent', value: 20 },
      capacity: 1,
      minNoticeMinutes: 0,
      maxAdvanceDays: 365,
      slotIntervalMinutes: null,
      requiresApproval: false,
      active: true,
    });
    // Providers in their order: Ben (sortOrder -1) first.
    expect(res.body.providerIds).toEqual([p2.id, p1.id]);
    const got = await app.http.get(`/v1/admin/services/${res.body.id}`).set(owner.auth);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    const prov = await app.http.get(`/v1/admin/providers/${p1.id}`).set(owner.auth);
    expect(prov.body.serviceIds).toEqual([res.body.id]);
  });

  it('PATCH changes only what is sent and replaces providerIds when sent', async () => {
    const p1 = await createProvider(app, owner);
    const p2 = await createProvider(app, owner);
    const svc = await createService(app, owner, { providerIds: [p1.id], bufferAfterMinutes: 10 });
    const res = await app.http
      .patch(`/v1/admin/services/${svc.id}`)
      .set(owner.auth)
      .send({ name: 'Trim', capacity: 6 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Trim',
      capacity: 6,
      bufferAfterMinutes: 10,
      providerIds: [p1.id],
    });
    const swapped = await app.http
      .patch(`/v1/admin/services/${svc.id}`)
      .set(owner.auth)
      .send({ providerIds: [p2.id] });
    expect(swapped.body.providerIds).toEqual([p2.id]);
    const cleared = await app.http
      .patch(`/v1/admin/services/${svc.id}`)
      .set(owner.auth)
      .send({ providerIds: [], slotIntervalMinutes: 15 });
    expect(cleared.body).toMatchObject({ providerIds: [], slotIntervalMinutes: 15, name: 'Trim' });
  });

  it('lists with cursor pagination and never lists deleted services', async () => {
    const fresh = await signupOwner(app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createService(app, fresh, { name: `S${i}` })).id);
    const del = await app.http.delete(`/v1/admin/services/${ids[2]}`).set(fresh.auth);
    expect(del.status).toBe(204);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await app.http
          .get('/v1/admin/services')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(fresh.auth);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((s) => s.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    expectError(
      await app.http.get(`/v1/admin/services/${ids[2]}`).set(fresh.auth),
      404,
      'not_found',
    );
    expectError(
      await app.http.patch(`/v1/admin/services/${ids[2]}`).set(fresh.auth).send({ name: 'x' }),
      404,
      'not_found',
    );
    expectError(
      await app.http.delete(`/v1/admin/services/${ids[2]}`).set(fresh.auth),
      404,
      'not_found',
    );
    expectError(
      await app.http.get('/v1/admin/services').query({ cursor: 'garbage' }).set(fresh.auth),
      400,
      'bad_request',
    );
  });

  it('deleting a service removes it from its providers and the public catalogue', async () => {
    const p = await createProvider(app, owner);
    const svc = await createService(app, owner, { providerIds: [p.id] });
    expect((await app.http.delete(`/v1/admin/services/${svc.id}`).set(owner.auth)).status).toBe(
      204,
    );
    expect(
      (await app.http.get(`/v1/admin/providers/${p.id}`).set(owner.auth)).body.serviceIds,
    ).toEqual([]);
    const pub = await app.http.get(`/v1/public/tenants/${owner.slug}/services?limit=200`);
    expect(pub.body.items.map((s: { id: string }) => s.id)).not.toContain(svc.id);
    expectError(
      await app.http
        .get(`/v1/public/tenants/${owner.slug}/availability`)
        .query({ serviceId: svc.id, from: '2030-01-01', to: '2030-01-02' }),
      404,
      'not_found',
    );
  });
});

describe('service validation', () => {
  it('rejects out-of-range fields with 422 and field paths', async () => {
    const post = (body: Record<string, unknown>) =>
      app.http
        .post('/v1/admin/services')
        .set(owner.auth)
        .send({ name: 'X', durationMinutes: 30, ...body });
    expect(issuePaths(await post({ durationMinutes: 4 }))).toEqual(['body.durationMinutes']);
    expect(issuePaths(await post({ durationMinutes: 1441 }))).toEqual(['body.durationMinutes']);
    expect(issuePaths(await post({ durationMinutes: 30.5 }))).toEqual(['body.durationMinutes']);
    expect(issuePaths(await post({ capacity: 0 }))).toEqual(['body.capacity']);
    expect(issuePaths(await post({ bufferBeforeMinutes: -5 }))).toEqual([
      'body.bufferBeforeMinutes',
    ]);
    expect(issuePaths(await post({ currency: 'euro' }))).toEqual(['body.currency']);
    expect(issuePaths(await post({ deposit: { type: 'percent', value: 101 } }))).toEqual([
      'body.deposit.value',
    ]);
    expect(
      issuePaths(await post({ priceCents: 1000, deposit: { type: 'fixed', value: 1001 } })),
    ).toEqual(['body.deposit.value']);
    expect(issuePaths(await post({ deposit: { type: 'none', value: 5 } }))).toEqual([
      'body.deposit.value',
    ]);
    expect(issuePaths(await post({ name: '' }))).toEqual(['body.name']);
    expect(issuePaths(await post({ unknownField: 1 }))).toEqual(['body']);
    const missing = await app.http.post('/v1/admin/services').set(owner.auth).send({});
    expect(issuePaths(missing).sort()).toEqual(['body.durationMinutes', 'body.name']);
  });

  it('checks the deposit against the merged price on PATCH', async () => {
    const svc = await createService(app, owner, {
      priceCents: 5000,
      deposit: { type: 'fixed', value: 2000 },
    });
    expect(
      issuePaths(
        await app.http
          .patch(`/v1/admin/services/${svc.id}`)
          .set(owner.auth)
          .send({ priceCents: 1000 }),
      ),
    ).toEqual(['body.deposit.value']);
    const ok = await app.http
      .patch(`/v1/admin/services/${svc.id}`)
      .set(owner.auth)
      .send({ priceCents: 1000, deposit: { type: 'fixed', value: 1000 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ priceCents: 1000, deposit: { type: 'fixed', value: 1000 } });
  });

  it('rejects unknown, duplicate and cross-tenant provider ids with 422', async () => {
    const mine = await createProvider(app, owner);
    const theirs = await createProvider(app, other);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await app.http
      .post('/v1/admin/services')
      .set(owner.auth)
      .send({ name: 'X', durationMinutes: 30, providerIds: [mine.id, theirs.id, unknown] });
    expect(issuePaths(res)).toEqual(['body.providerIds.1', 'body.providerIds.2']);
    expect(
      issuePaths(
        await app.http
          .post('/v1/admin/services')
          .set(owner.auth)
          .send({ name: 'X', durationMinutes: 30, providerIds: [mine.id, mine.id] }),
      ),
    ).toEqual(['body.providerIds']);
    const svc = await createService(app, owner);
    expect(
      issuePaths(
        await app.http
          .patch(`/v1/admin/services/${svc.id}`)
          .set(owner.auth)
          .send({ providerIds: [theirs.id] }),
      ),
    ).toEqual(['body.providerIds.0']);
    expect(
      issuePaths(
        await app.http
          .post('/v1/admin/services')
          .set(owner.auth)
          .send({ name: 'X', durationMinutes: 30, providerIds: ['nope'] }),
      ),
    ).toEqual(['body.providerIds.0']);
  });
});

describe('providers CRUD and validation', () => {
  it('creates with the business zone by default, validates fields, soft-deletes', async () => {
    const svc = await createService(app, owner);
    const res = await app.http
      .post('/v1/admin/providers')
      .set(owner.auth)
      .send({ name: 'Room 1', kind: 'room', serviceIds: [svc.id], color: '#12abEF' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Room 1',
      kind: 'room',
      email: null,
      bio: '',
      timeZone: 'Europe/London',
      active: true,
      sortOrder: 0,
      serviceIds: [svc.id],
    });
    const upd = await app.http
      .patch(`/v1/admin/providers/${res.body.id}`)
      .set(owner.auth)
      .send({ timeZone: 'America/New_York', email: 'Room@Example.com' });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({
      timeZone: 'America/New_York',
      email: 'room@example.com',
      serviceIds: [svc.id],
    });

    const post = (body: Record<string, unknown>) =>
      app.http
        .post('/v1/admin/providers')
        .set(owner.auth)
        .send({ name: 'P', ...body });
    expect(issuePaths(await post({ timeZone: 'Mars/Olympus' }))).toEqual(['body.timeZone']);
    expect(issuePaths(await post({ kind: 'robot' }))).toEqual(['body.kind']);
    expect(issuePaths(await post({ color: 'red' }))).toEqual(['body.color']);
    expect(issuePaths(await post({ email: 'not-an-email' }))).toEqual(['body.email']);
    expect(
      issuePaths(await post({ serviceIds: ['00000000-0000-4000-8000-000000000000'] })),
    ).toEqual(['body.serviceIds.0']);

    expect(
      (await app.http.delete(`/v1/admin/providers/${res.body.id}`).set(owner.auth)).status,
    ).toBe(204);
    expectError(
      await app.http.get(`/v1/admin/providers/${res.body.id}`).set(owner.auth),
      404,
      'not_found',
    );
    expect(
      (await app.http.get(`/v1/admin/services/${svc.id}`).set(owner.auth)).body.providerIds,
    ).toEqual([]);
    const list = await app.http.get('/v1/admin/providers?limit=200').set(owner.auth);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(res.body.id);
  });
});

describe('roles and API keys', () => {
  it('lets viewers read, only admins write; API keys need the matching scope', async () => {
    const svc = await createService(app, owner);
    const prov = await createProvider(app, owner);
    const viewer = await addMember(app, owner, 'viewer');
    const staff = await addMember(app, owner, 'staff');
    const admin = await addMember(app, owner, 'admin');
    for (const who of [viewer, staff]) {
      expect((await app.http.get('/v1/admin/services').set(who.auth)).status).toBe(200);
      expect(
        (await app.http.get(`/v1/admin/providers/${prov.id}/hours`).set(who.auth)).status,
      ).toBe(200);
      expectError(
        await app.http
          .post('/v1/admin/services')
          .set(who.auth)
          .send({ name: 'X', durationMinutes: 30 }),
        403,
        'forbidden',
      );
      expectError(
        await app.http.patch(`/v1/admin/providers/${prov.id}`).set(who.auth).send({ name: 'Y' }),
        403,
        'forbidden',
      );
      expectError(
        await app.http
          .put(`/v1/admin/providers/${prov.id}/hours`)
          .set(who.auth)
          .send({ intervals: [] }),
        403,
        'forbidden',
      );
      expectError(
        await app.http
          .post('/v1/admin/blackouts')
          .set(who.auth)
          .send({ name: 'X', startDate: '2030-01-01', endDate: '2030-01-01' }),
        403,
        'forbidden',
      );
      expectError(
        await app.http.delete(`/v1/admin/services/${svc.id}`).set(who.auth),
        403,
        'forbidden',
      );
    }
    expect(
      (
        await app.http
          .patch(`/v1/admin/services/${svc.id}`)
          .set(admin.auth)
          .send({ name: 'By admin' })
      ).status,
    ).toBe(200);
    expectError(await app.http.get('/v1/admin/services'), 401, 'unauthenticated');

    const readKey = await createApiKey(app, owner, { name: 'ro', scopes: ['read'] });
    const rwKey = await createApiKey(app, owner, { name: 'rw', scopes: ['read', 'write'] });
    expect((await app.http.get('/v1/admin/services').set(readKey.auth)).status).toBe(200);
    expectError(
      await app.http
        .post('/v1/admin/services')
        .set(readKey.auth)
        .send({ name: 'X', durationMinutes: 30 }),
      403,
      'insufficient_scope',
    );
    expect(
      (
        await app.http
          .post('/v1/admin/services')
          .set(rwKey.auth)
          .send({ name: 'By key', durationMinutes: 30 })
      ).status,
    ).toBe(201);
  });
});

describe('tenant isolation', () => {
  it('answers 404 for another tenant\u2019s ids on every catalogue route', async () => {
    const svc = await createService(app, other);
    const prov = await createProvider(app, other);
    const ov = await app.http
      .post(`/v1/admin/providers/${prov.id}/overrides`)
      .set(other.auth)
      .send({ startDate: '2030-01-01', endDate: '2030-01-01' });
    expect(ov.status).toBe(201);
    const bo = await app.http
      .post('/v1/admin/blackouts')
      .set(other.auth)
      .send({ name: 'Theirs', startDate: '2030-01-01', endDate: '2030-01-01' });
    expect(bo.status).toBe(201);
    const calls = [
      app.http.get(`/v1/admin/services/${svc.id}`),
      app.http.patch(`/v1/admin/services/${svc.id}`).send({ name: 'mine now' }),
      app.http.delete(`/v1/admin/services/${svc.id}`),
      app.http.get(`/v1/admin/providers/${prov.id}`),
      app.http.patch(`/v1/admin/providers/${prov.id}`).send({ name: 'mine now' }),
      app.http.delete(`/v1/admin/providers/${prov.id}`),
      app.http.get(`/v1/admin/providers/${prov.id}/hours`),
      app.http.put(`/v1/admin/providers/${prov.id}/hours`).send({ intervals: [] }),
      app.http.get(`/v1/admin/providers/${prov.id}/overrides`),
      app.http
        .post(`/v1/admin/providers/${prov.id}/overrides`)
        .send({ startDate: '2030-02-01', endDate: '2030-02-01' }),
      app.http
        .patch(`/v1/admin/providers/${prov.id}/overrides/${ov.body.id}`)
        .send({ reason: 'x' }),
      app.http.delete(`/v1/admin/providers/${prov.id}/overrides/${ov.body.id}`),
      app.http.delete(`/v1/admin/blackouts/${bo.body.id}`),
    ];
    for (const call of calls) expectError(await call.set(owner.auth), 404, 'not_found');
    // Their rows are untouched and ours never show theirs.
    expect((await app.http.get(`/v1/admin/services/${svc.id}`).set(other.auth)).body.name).toBe(
      'Haircut',
    );
    expect(
      (await app.http.get('/v1/admin/blackouts?limit=200').set(owner.auth)).body.items.map(
        (b: { id: string }) => b.id,
      ),
    ).not.toContain(bo.body.id);
    expect(
      (await app.http.get(`/v1/admin/providers/${prov.id}/overrides`).set(other.auth)).body.items,
    ).toHaveLength(1);
  });
});

describe('public catalogue', () => {
  it('shows active services with active providers, and active providers filtered by service', async () => {
    const t = await signupOwner(app);
    const a = await createProvider(app, t, { name: 'A', sortOrder: 2 });
    const b = await createProvider(app, t, { name: 'B', sortOrder: 1 });
    const off = await createProvider(app, t, { name: 'Off', active: false });
    const cut = await createService(app, t, {
      name: 'Cut',
      priceCents: 2500,
      deposit: { type: 'fixed', value: 500 },
      providerIds: [a.id, b.id, off.id],
    });
    const hidden = await createService(app, t, {
      name: 'Hidden',
      active: false,
      providerIds: [a.id],
    });
    const other = await createService(app, t, { name: 'Shave', capacity: 4, providerIds: [a.id] });

    const services = await app.http.get(`/v1/public/tenants/${t.slug}/services`);
    expect(services.status).toBe(200);
    expect(services.body.nextCursor).toBeNull();
    expect(services.body.items).toEqual([
      {
        id: cut.id,
        name: 'Cut',
        description: '',
        category: null,
        durationMinutes: 30,
        priceCents: 2500,
        currency: 'USD',
        deposit: { type: 'fixed', value: 500 },
        paymentPolicy: { mode: 'none', depositValue: 0, cancellationTiers: [], noShowFee: { type: 'none', value: 0 } },
        capacity: 1,
        requiresApproval: false,
        sortOrder: 0,
        providerIds: [b.id, a.id],
        locationIds: [],
        participantMode: 'single',
        hostProviderIds: [],
      },
      {
        id: other.id,
        name: 'Shave',
        description: '',
        category: null,
        durationMinutes: 30,
        priceCents: 0,
        currency: 'USD',
        deposit: { type: 'none', value: 0 },
        paymentPolicy: { mode: 'none', depositValue: 0, cancellationTiers: [], noShowFee: { type: 'none', value: 0 } },
        capacity: 4,
        requiresApproval: false,
        sortOrder: 0,
        providerIds: [a.id],
        locationIds: [],
        participantMode: 'single',
        hostProviderIds: [],
      },
    ]);

    const all = await app.http.get(`/v1/public/tenants/${t.slug}/providers`);
    expect(all.body.items.map((p: { name: string }) => p.name)).toEqual(['A', 'B']);
    const aDto = all.body.items[0];
    // Equal sortOrder: ties are by id, so compare as a set.
    expect({ ...aDto, serviceIds: [...aDto.serviceIds].sort() }).toEqual({
      id: a.id,
      name: 'A',
      kind: 'staff',
      bio: '',
      timeZone: 'Europe/London',
      color: null,
      sortOrder: 2,
      serviceIds: [cut.id, other.id].sort(),
      locationId: null,
    });
    expect(aDto).not.toHaveProperty('email');

    const forShave = await app.http
      .get(`/v1/public/tenants/${t.slug}/providers`)
      .query({ serviceId: other.id });
    expect(forShave.body.items.map((p: { id: string }) => p.id)).toEqual([a.id]);
    expectError(
      await app.http.get(`/v1/public/tenants/${t.slug}/providers`).query({ serviceId: hidden.id }),
      404,
      'not_found',
    );
    expectError(
      await app.http.get(`/v1/public/tenants/${t.slug}/providers`).query({ serviceId: 'x' }),
      422,
      'validation_failed',
    );
    expectError(
      await app.http.get('/v1/public/tenants/no-such-business/services'),
      404,
      'not_found',
    );
    expectError(
      await app.http.get('/v1/public/tenants/no-such-business/providers'),
      404,
      'not_found',
    );
  });
});
