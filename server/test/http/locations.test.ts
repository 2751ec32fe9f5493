import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectError, ownerQuery, snapshotDatabase, type Owner } from '../foundation/helpers';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { manualClock, type AvailabilityDto } from './availability-fixtures';
import {
  createProvider,
  createService,
  everyDay,
  issuePaths,
  putHours,
} from './catalogue-fixtures';

const clock = manualClock('2026-03-02T00:00:00Z');
let app: TestApp;
let owner: Owner;
let other: Owner;

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  owner = await signupOwner(app, { timeZone: 'Europe/London' });
  other = await signupOwner(app);
});
afterAll(async () => app?.close());
beforeEach(() => clock.set('2026-03-02T00:00:00Z'));

const address = {
  line1: '1 High Street',
  line2: '',
  city: 'Bath',
  region: '',
  postalCode: 'BA1 1AA',
  country: 'GB',
};

async function createLocation(by: Owner, body: Record<string, unknown> = {}) {
  const res = await app.http
    .post('/v1/admin/locations')
    .set(by.auth)
    .send({ name: 'Bath', address, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; timeZone: string; providerIds: string[] } & Record<
    string,
    unknown
  >;
}

describe('locations CRUD', () => {
  it('creates with the business zone by default, lists, reads, changes and deletes an unused one', async () => {
    const loc = await createLocation(owner, { phone: '+44 1225 000000' });
    expect(loc).toMatchObject({
      name: 'Bath',
      address,
      phone: '+44 1225 000000',
      timeZone: 'Europe/London',
      active: true,
      providerIds: [],
    });
    const list = await app.http.get('/v1/admin/locations').set(owner.auth);
    expect(list.body.items.map((l: { id: string }) => l.id)).toContain(loc.id);
    const patched = await app.http
      .patch(`/v1/admin/locations/${loc.id}`)
      .set(owner.auth)
      .send({ name: 'Bath Abbey', active: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Bath Abbey', active: false, address });
    const del = await app.http.delete(`/v1/admin/locations/${loc.id}`).set(owner.auth);
    expect(del.status).toBe(204);
    expectError(
      await app.http.get(`/v1/admin/locations/${loc.id}`).set(owner.auth),
      404,
      'not_found',
    );
  });

  it('refuses bad input with 422 and writes nothing', async () => {
    const before = await snapshotDatabase(app);
    const bad = [
      { name: '', timeZone: 'Europe/London' },
      { name: 'X', timeZone: 'Mars/Olympus' },
      { name: 'X', address: { ...address, country: 'gb' } },
      { name: 'X', address: { ...address, extra: 1 } },
      { name: 'X', sortOrder: 1.5 },
    ];
    for (const body of bad) {
      const res = await app.http.post('/v1/admin/locations').set(owner.auth).send(body);
      expectError(res, 422, 'validation_failed');
    }
    expect(await snapshotDatabase(app)).toEqual(before);
  });

  it('keeps tenants apart: another business sees, changes and uses none of them', async () => {
    const mine = await createLocation(owner);
    const theirs = await app.http.get('/v1/admin/locations').set(other.auth);
    expect(theirs.body.items.map((l: { id: string }) => l.id)).not.toContain(mine.id);
    expectError(await app.http.get(`/v1/admin/locations/${mine.id}`).set(other.auth), 404);
    expectError(
      await app.http
        .patch(`/v1/admin/locations/${mine.id}`)
        .set(other.auth)
        .send({ name: 'Mine now' }),
      404,
    );
    expectError(await app.http.delete(`/v1/admin/locations/${mine.id}`).set(other.auth), 404);
    // Nor can they place a provider or a service there.
    const res = await app.http
      .post('/v1/admin/providers')
      .set(other.auth)
      .send({ name: 'Intruder', locationId: mine.id });
    expect(issuePaths(res)).toEqual(['body.locationId']);
    const svc = await app.http
      .post('/v1/admin/services')
      .set(other.auth)
      .send({ name: 'Intrusion', durationMinutes: 30, locationIds: [mine.id] });
    expect(issuePaths(svc)).toEqual(['body.locationIds.0']);
    // Nor read it publicly under their slug, nor filter their report by it.
    expectError(
      await app.http
        .get(`/v1/public/tenants/${other.slug}/providers`)
        .query({ locationId: mine.id }),
      404,
    );
    expectError(
      await app.http
        .get('/v1/admin/reports/summary')
        .set(other.auth)
        .query({ locationId: mine.id }),
      404,
    );
  });

  it('refuses to delete a location in use (409) and keeps it', async () => {
    const loc = await createLocation(owner);
    await createProvider(app, owner, { name: 'Here', locationId: loc.id });
    const res = await app.http.delete(`/v1/admin/locations/${loc.id}`).set(owner.auth);
    expectError(res, 409, 'conflict');
    expect((await app.http.get(`/v1/admin/locations/${loc.id}`).set(owner.auth)).status).toBe(200);
  });
});

describe('providers and services at locations', () => {
  it('a provider at a location works in its zone, and follows a change of it', async () => {
    const loc = await createLocation(owner, { timeZone: 'America/New_York' });
    const p = await createProvider(app, owner, { locationId: loc.id });
    expect(p).toMatchObject({ locationId: loc.id, timeZone: 'America/New_York' });
    const clash = await app.http
      .patch(`/v1/admin/providers/${p.id}`)
      .set(owner.auth)
      .send({ timeZone: 'Europe/Paris' });
    expect(issuePaths(clash)).toEqual(['body.timeZone']);
    await app.http
      .patch(`/v1/admin/locations/${loc.id}`)
      .set(owner.auth)
      .send({ timeZone: 'America/Chicago' })
      .expect(200);
    const after = await app.http.get(`/v1/admin/providers/${p.id}`).set(owner.auth);
    expect(after.body.timeZone).toBe('America/Chicago');
    const located = await app.http.get(`/v1/admin/locations/${loc.id}`).set(owner.auth);
    expect(located.body.providerIds).toEqual([p.id]);
  });

  it('a service is offered everywhere by default, or at chosen locations only', async () => {
    const a = await createLocation(owner, { name: 'A' });
    const b = await createLocation(owner, { name: 'B' });
    const atB = await createProvider(app, owner, { locationId: b.id });
    const onlyA = await createService(app, owner, { locationIds: [a.id] });
    expect(onlyA.locationIds).toEqual([a.id]);
    // A provider at B cannot offer a service offered only at A, whichever side is written.
    const before = await snapshotDatabase(app);
    const viaProvider = await app.http
      .patch(`/v1/admin/providers/${atB.id}`)
      .set(owner.auth)
      .send({ serviceIds: [onlyA.id] });
    expect(issuePaths(viaProvider)).toEqual(['body.serviceIds.0']);
    const viaService = await app.http
      .patch(`/v1/admin/services/${onlyA.id}`)
      .set(owner.auth)
      .send({ providerIds: [atB.id] });
    expect(issuePaths(viaService)).toEqual(['body.providerIds.0']);
    expect(await snapshotDatabase(app)).toEqual(before);
    // Everywhere (no locations): fine. Then narrowing it away from B is refused.
    const everywhere = await createService(app, owner, { providerIds: [atB.id] });
    expect(everywhere.locationIds).toEqual([]);
    const narrowed = await app.http
      .patch(`/v1/admin/services/${everywhere.id}`)
      .set(owner.auth)
      .send({ locationIds: [a.id] });
    expect(issuePaths(narrowed)).toEqual(['body.locationIds']);
    // Moving the provider to A is fine: a service offered everywhere is offered there too.
    const moved = await app.http
      .patch(`/v1/admin/providers/${atB.id}`)
      .set(owner.auth)
      .send({ locationId: a.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  });

  it('the database refuses a breach the API did not see (SQLSTATE SW014)', async () => {
    const a = await createLocation(owner, { name: 'A' });
    const b = await createLocation(owner, { name: 'B' });
    const atB = await createProvider(app, owner, { locationId: b.id });
    const onlyA = await createService(app, owner, { locationIds: [a.id] });
    await expect(
      ownerQuery(
        app,
        'INSERT INTO provider_services (tenant_id, provider_id, service_id) VALUES ($1, $2, $3)',
        [owner.tenantId, atB.id, onlyA.id],
      ),
    ).rejects.toMatchObject({ code: 'SW014' });
  });
});

describe('public API and booking at a location', () => {
  it('lists active locations, filters services, providers and slots, and books there', async () => {
    const biz = await signupOwner(app, { timeZone: 'Europe/London' });
    const north = await createLocation(biz, { name: 'North', sortOrder: 1 });
    const south = await createLocation(biz, {
      name: 'South',
      address: { ...address, line1: '9 Quay' },
      sortOrder: 2,
    });
    const closed = await createLocation(biz, { name: 'Closed', active: false });
    const n = await createProvider(app, biz, { name: 'Nora', locationId: north.id });
    const s = await createProvider(app, biz, { name: 'Sam', locationId: south.id });
    // Nora works mornings, Sam afternoons: the location decides which times a customer sees.
    await putHours(app, biz, n.id, everyDay('09:00', '11:00'));
    await putHours(app, biz, s.id, everyDay('14:00', '16:00'));
    const cut = await createService(app, biz, { durationMinutes: 60, providerIds: [n.id, s.id] });
    const southOnly = await createService(app, biz, {
      name: 'Boat trip',
      locationIds: [south.id],
      providerIds: [s.id],
    });

    const pub = `/v1/public/tenants/${biz.slug}`;
    const locs = await app.http.get(`${pub}/locations`).expect(200);
    expect(locs.body.items.map((l: { name: string }) => l.name).sort()).toEqual(['North', 'South']);
    expect(locs.body.items.find((l: { id: string }) => l.id === south.id).address.line1).toBe(
      '9 Quay',
    );

    const svcNorth = await app.http
      .get(`${pub}/services`)
      .query({ locationId: north.id })
      .expect(200);
    expect(svcNorth.body.items.map((x: { id: string }) => x.id)).toEqual([cut.id]);
    expect(svcNorth.body.items[0].providerIds).toEqual([n.id]);
    const svcSouth = await app.http
      .get(`${pub}/services`)
      .query({ locationId: south.id })
      .expect(200);
    expect(svcSouth.body.items.map((x: { id: string }) => x.id).sort()).toEqual(
      [cut.id, southOnly.id].sort(),
    );
    const provs = await app.http
      .get(`${pub}/providers`)
      .query({ locationId: south.id })
      .expect(200);
    expect(provs.body.items.map((p: { id: string }) => p.id)).toEqual([s.id]);
    expectError(await app.http.get(`${pub}/services`).query({ locationId: closed.id }), 404);
    expectError(await app.http.get(`${pub}/services`).query({ locationId: 'not-a-uuid' }), 422);

    const day = { serviceId: cut.id, from: '2026-03-03', to: '2026-03-03' };
    const slots = async (q: Record<string, string>) => {
      const res = await app.http.get(`${pub}/availability`).query(q);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as AvailabilityDto).days[0]!.slots.map((x) => x.localTime);
    };
    expect(await slots(day)).toEqual(['09:00', '10:00', '14:00', '15:00']);
    expect(await slots({ ...day, locationId: north.id })).toEqual(['09:00', '10:00']);
    expect(await slots({ ...day, locationId: south.id })).toEqual(['14:00', '15:00']);
    expectError(
      await app.http.get(`${pub}/availability`).query({ ...day, locationId: closed.id }),
      404,
    );

    // "Any provider" at South takes Sam; the confirmation carries South's address.
    const customer = { name: 'Cleo', email: 'cleo@example.com' };
    const at10 = '2026-03-03T10:00:00.000Z';
    const refused = await app.http
      .post(`${pub}/bookings`)
      .send({
        serviceId: cut.id,
        locationId: south.id,
        start: at10,
        customer,
        timeZone: 'Europe/London',
      });
    expectError(refused, 409, 'slot_unavailable');
    const wrongProvider = await app.http.post(`${pub}/bookings`).send({
      serviceId: cut.id,
      providerId: n.id,
      locationId: south.id,
      start: '2026-03-03T14:00:00.000Z',
      customer,
      timeZone: 'Europe/London',
    });
    expect(issuePaths(wrongProvider)).toEqual(['body.providerId']);
    const booked = await app.http.post(`${pub}/bookings`).send({
      serviceId: cut.id,
      providerId: 'any',
      locationId: south.id,
      start: '2026-03-03T14:00:00.000Z',
      customer,
      timeZone: 'Europe/London',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.provider.id).toBe(s.id);
    expect(booked.body.location).toMatchObject({
      id: south.id,
      name: 'South',
      address: { line1: '9 Quay' },
    });
    const [row] = await ownerQuery<{ location_id: string }>(
      app,
      'SELECT location_id FROM bookings WHERE id = $1',
      [booked.body.id],
    );
    expect(row!.location_id).toBe(south.id);

    // A booking without a location records its provider's anyway; with an Idempotency-Key (the
    // SDK always sends one) the response still names the place, although the booking commits
    // with that response (ADR 0008).
    const plain = await app.http.post(`${pub}/bookings`).set('Idempotency-Key', 'loc-plain').send({
      serviceId: cut.id,
      start: '2026-03-03T09:00:00.000Z',
      customer: { name: 'Dan', email: 'dan@example.com' },
      timeZone: 'Europe/London',
    });
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body.location.id).toBe(north.id);

    // Reports: the location's providers only.
    const all = await app.http
      .get('/v1/admin/reports/summary')
      .set(biz.auth)
      .query({ from: '2026-03-01', to: '2026-03-31' });
    expect(all.body.bookings.total).toBe(2);
    const south1 = await app.http
      .get('/v1/admin/reports/summary')
      .set(biz.auth)
      .query({ from: '2026-03-01', to: '2026-03-31', locationId: south.id });
    expect(south1.status, JSON.stringify(south1.body)).toBe(200);
    expect(south1.body.bookings.total).toBe(1);
    expect(south1.body.utilisation.map((u: { providerId: string }) => u.providerId)).toEqual([
      s.id,
    ]);
    // A used location is never deleted.
    expectError(await app.http.delete(`/v1/admin/locations/${south.id}`).set(biz.auth), 409);
  });

  it('a single-site business lists no locations and books as before', async () => {
    const solo = await signupOwner(app);
    const p = await createProvider(app, solo);
    await putHours(app, solo, p.id, everyDay('09:00', '10:00'));
    const svc = await createService(app, solo, { durationMinutes: 60, providerIds: [p.id] });
    const locs = await app.http.get(`/v1/public/tenants/${solo.slug}/locations`).expect(200);
    expect(locs.body.items).toEqual([]);
    const booked = await app.http.post(`/v1/public/tenants/${solo.slug}/bookings`).send({
      serviceId: svc.id,
      start: '2026-03-03T09:00:00.000Z',
      customer: { name: 'Eve', email: 'eve@example.com' },
      timeZone: 'Europe/London',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.location).toBeNull();
  });
});
