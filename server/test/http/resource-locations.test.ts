import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifySqlError } from '../../src/adapters/postgres/sql-errors';
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

// Resources at locations (ADR 0018 × ADR 0019): a resource elsewhere serves no booking here.
const clock = manualClock('2026-03-02T00:00:00Z');
let app: TestApp;
let owner: Owner;
let other: Owner;

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  owner = await signupOwner(app, { timeZone: 'Europe/London' });
  other = await signupOwner(app, { timeZone: 'Europe/London' });
});
afterAll(async () => app?.close());
beforeEach(() => clock.set('2026-03-02T00:00:00Z'));

async function createLocation(by: Owner, name: string) {
  const res = await app.http.post('/v1/admin/locations').set(by.auth).send({ name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

async function createResource(by: Owner, body: Record<string, unknown>) {
  const res = await app.http.post('/v1/admin/resources').set(by.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; locationId: string | null };
}

describe('a resource’s location', () => {
  it('must be one of the tenant’s (422 on body.locationId, nothing written)', async () => {
    const mine = await createLocation(owner, 'Bath');
    const theirs = await createLocation(other, 'Elsewhere');
    const room = await createResource(owner, { name: 'Room 1', locationId: mine.id });
    expect(room.locationId).toBe(mine.id);
    const got = await app.http.get(`/v1/admin/resources/${room.id}`).set(owner.auth).expect(200);
    expect(got.body.locationId).toBe(mine.id);

    const before = await snapshotDatabase(app);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const locationId of [theirs.id, unknown]) {
      const created = await app.http
        .post('/v1/admin/resources')
        .set(owner.auth)
        .send({ name: 'Room 2', locationId });
      expect(issuePaths(created)).toEqual(['body.locationId']);
      const moved = await app.http
        .patch(`/v1/admin/resources/${room.id}`)
        .set(owner.auth)
        .send({ locationId });
      expect(issuePaths(moved)).toEqual(['body.locationId']);
    }
    expect(await snapshotDatabase(app)).toEqual(before);

    const floating = await app.http
      .patch(`/v1/admin/resources/${room.id}`)
      .set(owner.auth)
      .send({ locationId: null });
    expect(floating.status, JSON.stringify(floating.body)).toBe(200);
    expect(floating.body.locationId).toBeNull();
  });

  it('the database refuses a location of another tenant (foreign key)', async () => {
    const theirs = await createLocation(other, 'Theirs');
    const room = await createResource(owner, { name: 'Room 3' });
    await expect(
      ownerQuery(app, 'UPDATE resources SET location_id = $2 WHERE id = $1', [room.id, theirs.id]),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('a location a resource is at, even a deleted one, is not deleted (409)', async () => {
    const loc = await createLocation(owner, 'Frome');
    const room = await createResource(owner, { name: 'Room 4', locationId: loc.id });
    await app.http.delete(`/v1/admin/resources/${room.id}`).set(owner.auth).expect(204);
    const refused = await app.http.delete(`/v1/admin/locations/${loc.id}`).set(owner.auth);
    expectError(refused, 409, 'conflict');
    expect(refused.body.error.details).toMatchObject({ reason: 'location_in_use' });
    await app.http.get(`/v1/admin/locations/${loc.id}`).set(owner.auth).expect(200);
    // Once no resource is there any more, it goes.
    await ownerQuery(app, 'UPDATE resources SET location_id = NULL WHERE id = $1', [room.id]);
    await app.http.delete(`/v1/admin/locations/${loc.id}`).set(owner.auth).expect(204);
  });
});

describe('availability and booking at a location', () => {
  it('a service needing a resource at A offers nothing at B, until the resource moves', async () => {
    const biz = await signupOwner(app, { timeZone: 'Europe/London' });
    const a = await createLocation(biz, 'A');
    const b = await createLocation(biz, 'B');
    const atA = await createProvider(app, biz, { name: 'Ann', locationId: a.id });
    const atB = await createProvider(app, biz, { name: 'Ben', locationId: b.id });
    await putHours(app, biz, atA.id, everyDay('09:00', '11:00'));
    await putHours(app, biz, atB.id, everyDay('14:00', '16:00'));
    const room = await createResource(biz, { name: 'Treatment room', locationId: a.id });
    const chair = await createResource(biz, { name: 'Chair', kind: 'chair' });
    const needsRoom = await createService(app, biz, {
      durationMinutes: 60,
      providerIds: [atA.id, atB.id],
    });
    const needsChair = await createService(app, biz, {
      name: 'Trim',
      durationMinutes: 60,
      providerIds: [atA.id, atB.id],
    });
    for (const [svc, resourceId] of [
      [needsRoom.id, room.id],
      [needsChair.id, chair.id],
    ] as const) {
      const put = await app.http
        .put(`/v1/admin/services/${svc}/participants`)
        .set(biz.auth)
        .send({ mode: 'single', hostProviderIds: [], resourceIds: [resourceId] });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }

    const pub = `/v1/public/tenants/${biz.slug}`;
    const slots = async (serviceId: string, locationId: string) => {
      const res = await app.http
        .get(`${pub}/availability`)
        .query({ serviceId, from: '2026-03-03', to: '2026-03-03', locationId });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as AvailabilityDto).days[0]!.slots.map((x) => x.localTime);
    };
    expect(await slots(needsRoom.id, a.id)).toEqual(['09:00', '10:00']);
    expect(await slots(needsRoom.id, b.id)).toEqual([]);
    // A resource with no location serves every location.
    expect(await slots(needsChair.id, a.id)).toEqual(['09:00', '10:00']);
    expect(await slots(needsChair.id, b.id)).toEqual(['14:00', '15:00']);

    const book = (locationId: string, start: string, email: string) =>
      app.http.post(`${pub}/bookings`).send({
        serviceId: needsRoom.id,
        locationId,
        start,
        customer: { name: 'Cleo', email },
        timeZone: 'Europe/London',
      });
    const refused = await book(b.id, '2026-03-03T14:00:00.000Z', 'cleo@example.com');
    expectError(refused, 409, 'slot_unavailable');
    const booked = await book(a.id, '2026-03-03T09:00:00.000Z', 'cleo@example.com');
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.provider.id).toBe(atA.id);
    expect(booked.body.location.id).toBe(a.id);

    // The room moves to B: now B offers it (Ben's hours) and A nothing (cached answers too).
    await app.http
      .patch(`/v1/admin/resources/${room.id}`)
      .set(biz.auth)
      .send({ locationId: b.id })
      .expect(200);
    expect(await slots(needsRoom.id, a.id)).toEqual([]);
    expect(await slots(needsRoom.id, b.id)).toEqual(['14:00', '15:00']);
    const later = await book(b.id, '2026-03-03T14:00:00.000Z', 'dan@example.com');
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect(later.body.provider.id).toBe(atB.id);
  });

  it('without a location, a provider is never combined with a resource at another location', async () => {
    const biz = await signupOwner(app, { timeZone: 'Europe/London' });
    const a = await createLocation(biz, 'A');
    const b = await createLocation(biz, 'B');
    const ann = await createProvider(app, biz, { name: 'Ann', locationId: a.id });
    const ben = await createProvider(app, biz, { name: 'Ben', locationId: b.id });
    await putHours(app, biz, ann.id, everyDay('09:00', '11:00'));
    await putHours(app, biz, ben.id, everyDay('14:00', '16:00'));
    const room = await createResource(biz, { name: 'Room A', locationId: a.id });
    const svc = await createService(app, biz, {
      durationMinutes: 60,
      providerIds: [ann.id, ben.id],
    });
    const put = await app.http
      .put(`/v1/admin/services/${svc.id}/participants`)
      .set(biz.auth)
      .send({ mode: 'single', hostProviderIds: [], resourceIds: [room.id] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const pub = `/v1/public/tenants/${biz.slug}`;
    const slots = async (providerId?: string) => {
      const res = await app.http
        .get(`${pub}/availability`)
        .query({
          serviceId: svc.id,
          from: '2026-03-03',
          to: '2026-03-03',
          ...(providerId ? { providerId } : {}),
          providers: 'ids',
        });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as AvailabilityDto).days[0]!.slots.map((x) => [x.localTime, x.providerIds]);
    };
    // Ben's afternoon would hold room A at another location: not offered, even for him alone.
    expect(await slots()).toEqual([
      ['09:00', [ann.id]],
      ['10:00', [ann.id]],
    ]);
    expect(await slots(ben.id)).toEqual([]);

    const body = (start: string, email: string, providerId?: string) => ({
      serviceId: svc.id,
      start,
      ...(providerId ? { providerId } : {}),
      customer: { name: 'Cleo', email },
      timeZone: 'Europe/London',
    });
    const before = await snapshotDatabase(app);
    const forBen = await app.http
      .post(`${pub}/bookings`)
      .send(body('2026-03-03T14:00:00.000Z', 'cleo@example.com', ben.id));
    expectError(forBen, 409, 'slot_unavailable');
    const anyone = await app.http
      .post(`${pub}/bookings`)
      .send(body('2026-03-03T14:00:00.000Z', 'cleo@example.com'));
    expectError(anyone, 409, 'slot_unavailable');
    // Staff overriding availability still cannot put Ben in a room at another location.
    const forced = await app.http
      .post('/v1/admin/bookings')
      .set(biz.auth)
      .send({
        ...body('2026-03-03T14:00:00.000Z', 'cleo@example.com', ben.id),
        overrideAvailability: true,
      });
    expectError(forced, 409, 'slot_unavailable');
    expect(await snapshotDatabase(app)).toEqual(before);

    const booked = await app.http
      .post(`${pub}/bookings`)
      .send(body('2026-03-03T09:00:00.000Z', 'cleo@example.com', ann.id));
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.provider.id).toBe(ann.id);
    // Nor can staff hand that booking to Ben, override or not.
    for (const overrideAvailability of [false, true]) {
      const moved = await app.http
        .post(`/v1/admin/bookings/${booked.body.id}/reschedule`)
        .set(biz.auth)
        .send({ start: '2026-03-03T14:00:00.000Z', providerId: ben.id, overrideAvailability });
      expectError(moved, 409, 'slot_unavailable');
    }
    const anyAnn = await app.http
      .post(`${pub}/bookings`)
      .send(body('2026-03-03T10:00:00.000Z', 'dan@example.com'));
    expect(anyAnn.status, JSON.stringify(anyAnn.body)).toBe(201);
    expect(anyAnn.body.provider.id).toBe(ann.id);
  });
});

describe('the database’s backstop (SW012, booking_participants_same_site)', () => {
  it('refuses a provider and a resource at different locations written directly; the HTTP path refuses before writing', async () => {
    const biz = await signupOwner(app, { timeZone: 'Europe/London' });
    const a = await createLocation(biz, 'A');
    const b = await createLocation(biz, 'B');
    const ann = await createProvider(app, biz, { name: 'Ann', locationId: a.id });
    const ben = await createProvider(app, biz, { name: 'Ben', locationId: b.id });
    const flo = await createProvider(app, biz, { name: 'Flo' });
    for (const p of [ann, ben, flo]) await putHours(app, biz, p.id, everyDay('09:00', '17:00'));
    const roomA = await createResource(biz, { name: 'Room A', locationId: a.id, capacity: 5 });
    const roomB = await createResource(biz, { name: 'Room B', locationId: b.id, capacity: 5 });
    const chair = await createResource(biz, { name: 'Chair', kind: 'chair', capacity: 5 });
    const needing = async (resourceId: string) => {
      const svc = await createService(app, biz, {
        name: `Needs ${resourceId.slice(0, 4)}`,
        durationMinutes: 60,
        providerIds: [ann.id, ben.id, flo.id],
      });
      const put = await app.http
        .put(`/v1/admin/services/${svc.id}/participants`)
        .set(biz.auth)
        .send({ mode: 'single', hostProviderIds: [], resourceIds: [resourceId] });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      return svc.id;
    };
    const withRoomA = await needing(roomA.id);
    const withChair = await needing(chair.id);
    const pub = `/v1/public/tenants/${biz.slug}`;
    let n = 0;
    const body = (serviceId: string, start: string, providerId: string) => ({
      serviceId,
      start,
      providerId,
      customer: { name: 'Cleo', email: `cleo${(n += 1)}@example.com` },
      timeZone: 'Europe/London',
    });

    // Without the trigger, the app alone refuses Ben with room A (public and staff override):
    // the HTTP path never relies on the backstop.
    await ownerQuery(
      app,
      'ALTER TABLE booking_participants DISABLE TRIGGER booking_participants_same_site',
    );
    try {
      const before = await snapshotDatabase(app);
      const start = '2026-03-03T12:00:00.000Z';
      expectError(
        await app.http.post(`${pub}/bookings`).send(body(withRoomA, start, ben.id)),
        409,
        'slot_unavailable',
      );
      const forced = await app.http
        .post('/v1/admin/bookings')
        .set(biz.auth)
        .send({ ...body(withRoomA, start, ben.id), overrideAvailability: true });
      expectError(forced, 409, 'slot_unavailable');
      expect(await snapshotDatabase(app)).toEqual(before);
    } finally {
      await ownerQuery(
        app,
        'ALTER TABLE booking_participants ENABLE TRIGGER booking_participants_same_site',
      );
    }

    // With it, bookings that fit go through: same location, or no location on either side.
    const made = async (serviceId: string, start: string, providerId: string) => {
      const res = await app.http.post(`${pub}/bookings`).send(body(serviceId, start, providerId));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const annA = await made(withRoomA, '2026-03-03T09:00:00.000Z', ann.id);
    const floA = await made(withRoomA, '2026-03-03T10:00:00.000Z', flo.id);
    const benChair = await made(withChair, '2026-03-03T14:00:00.000Z', ben.id);

    const addResource = (bookingId: string, resourceId: string) =>
      ownerQuery(
        app,
        `INSERT INTO booking_participants (tenant_id, booking_id, role, resource_id, occupied_start, occupied_end, session_key, active)
         SELECT tenant_id, id, 'resource', $2, occupied_start, occupied_end, session_key, true FROM bookings WHERE id = $1`,
        [bookingId, resourceId],
      );
    const refused = { code: 'SW012' };
    // A resource at B for Ann (at A), and room A for Ben (at B).
    await expect(addResource(annA, roomB.id)).rejects.toMatchObject(refused);
    await expect(addResource(benChair, roomA.id)).rejects.toMatchObject(refused);
    // Flo has no location, but rooms at A and at B cannot both be where the booking is.
    await expect(addResource(floA, roomB.id)).rejects.toMatchObject(refused);
    // Handing Ann's booking (room A) to Ben moves the primary and the room in one statement.
    await expect(
      ownerQuery(app, 'UPDATE bookings SET provider_id = $2 WHERE id = $1', [annA, ben.id]),
    ).rejects.toMatchObject(refused);
    // A resource with no location fits anyone.
    await addResource(annA, chair.id);
    const rows = await ownerQuery<{ n: number }>(
      app,
      `SELECT count(*)::int AS n FROM booking_participants WHERE booking_id = $1 AND role = 'resource'`,
      [annA],
    );
    expect(rows[0]!.n).toBe(2);
    expect(classifySqlError(refused)).toBe('slot_taken');
  });
});
