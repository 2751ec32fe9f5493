import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import {
  assertNoOverlaps,
  at,
  book,
  bookingBody,
  catalogue,
  ownerQuery,
  signupOwner,
  startBookingApp,
  type Owner,
} from './fixtures';

// Teams and resources (docs/decisions/0018-teams-and-resources.md), through the HTTP API.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

const put = (serviceId: string, body: object) =>
  app.http.put(`/v1/admin/services/${serviceId}/participants`).set(owner.auth).send(body);

async function resource(body: object) {
  const r = await app.http.post('/v1/admin/resources').set(owner.auth).send(body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; capacity: number };
}

async function slotsOn(serviceId: string, day: string, providerId?: string) {
  const r = await app.http.get(`/v1/public/tenants/${owner.slug}/availability`).query({
    serviceId,
    from: day,
    to: day,
    timezone: 'UTC',
    ...(providerId ? { providerId } : {}),
    providers: 'ids',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.days[0].slots as { localTime: string; providerIds: string[]; seatsLeft: number }[];
}
const times = async (serviceId: string, day: string, providerId?: string) =>
  (await slotsOn(serviceId, day, providerId)).map((s) => s.localTime);

async function burst(serviceId: string, start: string, n: number) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const res = await fetch(`${app.baseUrl}/v1/public/tenants/${owner.slug}/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bookingBody(serviceId, start)),
      });
      const body = (await res.json()) as { error?: { code: string } };
      return { status: res.status, code: body.error?.code };
    }),
  );
}

const expectExactly = (results: { status: number; code?: string }[], n: number) => {
  expect(results.filter((r) => r.status >= 500)).toEqual([]);
  expect(results.filter((r) => r.status === 201)).toHaveLength(n);
  const refused = results.filter((r) => r.status !== 201);
  expect(refused.every((r) => r.status === 409 && r.code === 'slot_unavailable'), JSON.stringify(refused)).toBe(true);
};

describe('resources and participant configuration', () => {
  it('creates, lists, updates and deletes resources; refuses bad input with 422 and unknown ids with 404', async () => {
    const r = await resource({ name: 'Room A', capacity: 2 });
    expect(r).toMatchObject({ kind: 'room', capacity: 2 });
    expect((r as unknown as { locationId: null }).locationId).toBeNull();
    const list = await app.http.get('/v1/admin/resources').set(owner.auth);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(r.id);
    const upd = await app.http.patch(`/v1/admin/resources/${r.id}`).set(owner.auth).send({ capacity: 3, kind: 'chair' });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ capacity: 3, kind: 'chair' });
    for (const bad of [{ capacity: 0 }, { capacity: 1.5 }, { kind: 'spaceship' }, { name: '' }]) {
      const x = await app.http.patch(`/v1/admin/resources/${r.id}`).set(owner.auth).send(bad);
      expect(x.status, JSON.stringify(bad)).toBe(422);
    }
    const del = await app.http.delete(`/v1/admin/resources/${r.id}`).set(owner.auth);
    expect(del.status).toBe(204);
    expect((await app.http.get(`/v1/admin/resources/${r.id}`).set(owner.auth)).status).toBe(404);
    expect((await app.http.delete(`/v1/admin/resources/${r.id}`).set(owner.auth)).status).toBe(404);
  });

  it('stores a service’s participants; refuses hosts that make no sense and unknown resources', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Config', providers: 2 });
    const room = await resource({ name: 'Config room' });
    expect((await app.http.get(`/v1/admin/services/${serviceId}/participants`).set(owner.auth)).body).toEqual({
      mode: 'single',
      hostProviderIds: [],
      resourceIds: [],
    });
    const ok = await put(serviceId, { mode: 'round_robin', hostProviderIds: [providerIds[0]], resourceIds: [room.id] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const got = await app.http.get(`/v1/admin/services/${serviceId}/participants`).set(owner.auth);
    expect(got.body).toEqual({ mode: 'round_robin', hostProviderIds: [providerIds[0]], resourceIds: [room.id] });
    // The public service says who attends, so the booking app offers a choice only where there is one.
    const publicOf = async () => {
      const r = await app.http.get(`/v1/public/tenants/${owner.slug}/services`).query({ limit: 100 });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items.find((x: { id: string }) => x.id === serviceId);
    };
    expect(await publicOf()).toMatchObject({ participantMode: 'round_robin', hostProviderIds: [providerIds[0]] });
    await put(serviceId, { mode: 'collective', hostProviderIds: [], resourceIds: [] });
    expect(await publicOf()).toMatchObject({ participantMode: 'collective', hostProviderIds: [], providerIds });
    await put(serviceId, { mode: 'round_robin', hostProviderIds: [providerIds[0]], resourceIds: [room.id] });
    const other = await catalogue(app, owner, { name: 'Elsewhere' });
    for (const bad of [
      { mode: 'collective', hostProviderIds: [providerIds[0]], resourceIds: [] },
      { mode: 'round_robin', hostProviderIds: [], resourceIds: [] },
      { mode: 'round_robin', hostProviderIds: providerIds, resourceIds: [] },
      { mode: 'round_robin', hostProviderIds: [other.providerIds[0]], resourceIds: [] },
      { mode: 'single', hostProviderIds: [], resourceIds: ['7d7c6a1e-1f43-4f4e-9d43-6b1f2a0c0e11'] },
      { mode: 'team', hostProviderIds: [], resourceIds: [] },
    ]) {
      const r = await put(serviceId, bad);
      expect(r.status, JSON.stringify(bad)).toBe(422);
    }
    expect((await app.http.get(`/v1/admin/services/${serviceId}/participants`).set(owner.auth)).body.mode).toBe('round_robin');
    const missing = await put('7d7c6a1e-1f43-4f4e-9d43-6b1f2a0c0e11', { mode: 'single', hostProviderIds: [], resourceIds: [] });
    expect(missing.status).toBe(404);
  });
});

describe('tenant isolation of resources', () => {
  it('another business sees none of them: 404 on its routes, 422 when naming one, nothing changed', async () => {
    const mine = await resource({ name: 'Private room' });
    const other = await signupOwner(app);
    const theirs = await catalogue(app, other, { name: 'Their service' });
    expect((await app.http.get(`/v1/admin/resources/${mine.id}`).set(other.auth)).status).toBe(404);
    expect((await app.http.patch(`/v1/admin/resources/${mine.id}`).set(other.auth).send({ capacity: 9 })).status).toBe(404);
    expect((await app.http.delete(`/v1/admin/resources/${mine.id}`).set(other.auth)).status).toBe(404);
    const list = await app.http.get('/v1/admin/resources').set(other.auth);
    expect(list.body.items).toEqual([]);
    const named = await app.http.put(`/v1/admin/services/${theirs.serviceId}/participants`).set(other.auth)
      .send({ mode: 'single', hostProviderIds: [], resourceIds: [mine.id] });
    expect(named.status).toBe(422);
    const row = await ownerQuery(app, 'SELECT capacity, deleted_at FROM resources WHERE id = $1', [mine.id]);
    expect(row[0]).toEqual({ capacity: 1, deleted_at: null });
  });
});

describe('collective services', () => {
  it('offers only times every member is free, holds every member, and frees them all on cancel', async () => {
    const team = await catalogue(app, owner, { name: 'Team consult', providers: 2, durationMinutes: 60 });
    const [a, b] = team.providerIds as [string, string];
    expect((await put(team.serviceId, { mode: 'collective', hostProviderIds: [], resourceIds: [] })).status).toBe(200);
    // B alone offers a single service too; its booking at 10:00 makes the team busy then.
    const solo = await app.http.post('/v1/admin/services').set(owner.auth)
      .send({ name: 'Solo', durationMinutes: 60, currency: 'USD', providerIds: [b] });
    expect(solo.status).toBe(201);
    const day = at(1, '00:00').slice(0, 10);
    expect(await times(team.serviceId, day)).toHaveLength(8);
    const soloBooking = await book(app, owner, solo.body.id, at(1, '10:00'));
    const free = await slotsOn(team.serviceId, day);
    expect(free.map((s) => s.localTime)).not.toContain('10:00');
    expect(free).toHaveLength(7);
    expect(free[0]!.providerIds).toEqual([a, b]);

    const made = await book(app, owner, team.serviceId, at(1, '11:00'));
    expect(made.provider.id).toBe(a);
    const detail = await app.http.get(`/v1/admin/bookings/${made.id}`).set(owner.auth);
    expect(detail.status).toBe(200);
    expect(detail.body.participants.providers.map((p: { id: string; role: string }) => [p.id, p.role])).toEqual([
      [a, 'primary'],
      [b, 'host'],
    ]);
    // B is held: its own service no longer offers 11:00 and refuses it.
    expect(await times(solo.body.id, day)).not.toContain('11:00');
    const clash = await app.http.post(`/v1/public/tenants/${owner.slug}/bookings`)
      .send(bookingBody(solo.body.id, at(1, '11:00'), { providerId: b }));
    expect(clash.status).toBe(409);
    // Even staff overriding availability cannot move B's own booking onto its team time: the
    // participants' exclusion constraint refuses the move (23P01), the booking stays put.
    const forced = await app.http.post(`/v1/admin/bookings/${soloBooking.id}/reschedule`).set(owner.auth)
      .send({ start: at(1, '11:00'), overrideAvailability: true });
    expect(forced.status, JSON.stringify(forced.body)).toBe(409);
    expect(forced.body.error.code).toBe('slot_unavailable');
    const stayed = await app.http.get(`/v1/admin/bookings/${soloBooking.id}`).set(owner.auth);
    expect(stayed.body.start).toBe(at(1, '10:00'));

    // Reschedule moves every member: 11:00 is free for B again, 14:00 is not.
    const moved = await app.http.post(`/v1/admin/bookings/${made.id}/reschedule`).set(owner.auth)
      .send({ start: at(1, '14:00') });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await times(solo.body.id, day)).toContain('11:00');
    expect(await times(solo.body.id, day)).not.toContain('14:00');
    const rows = await ownerQuery(app,
      `SELECT role, occupied_start, active FROM booking_participants WHERE booking_id = $1 ORDER BY role`, [made.id]);
    expect(rows.map((r) => [r.role, (r.occupied_start as Date).toISOString(), r.active])).toEqual([
      ['host', at(1, '14:00'), true],
      ['primary', at(1, '14:00'), true],
    ]);
    // A collective booking cannot be handed to a member: every member attends already.
    const reassign = await app.http.post(`/v1/admin/bookings/${made.id}/reschedule`).set(owner.auth)
      .send({ start: at(1, '15:00'), providerId: b });
    expect(reassign.status).toBe(422);

    const cancel = await app.http.post(`/v1/admin/bookings/${made.id}/cancel`).set(owner.auth).send({ reason: 'test' });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(await times(solo.body.id, day)).toContain('14:00');
    expect(await times(team.serviceId, day)).toContain('14:00');
    const after = await ownerQuery(app, `SELECT bool_or(active) AS any FROM booking_participants WHERE booking_id = $1`, [made.id]);
    expect(after[0]!.any).toBe(false);
  });

  it('a burst on one collective slot books it exactly once, and a member’s own booking at once loses or wins cleanly', async () => {
    const team = await catalogue(app, owner, { name: 'Burst team', providers: 3, durationMinutes: 30 });
    await put(team.serviceId, { mode: 'collective', hostProviderIds: [], resourceIds: [] });
    const results = await burst(team.serviceId, at(2, '12:00'), 12);
    expectExactly(results, 1);
    const held = await ownerQuery(app,
      `SELECT count(*)::int AS n FROM booking_participants bp JOIN bookings b ON b.id = bp.booking_id
        WHERE b.service_id = $1 AND bp.active`, [team.serviceId]);
    expect(held[0]!.n).toBe(3);

    // A member's own single-service bookings racing the team for one time: one side wins.
    const solo = await app.http.post('/v1/admin/services').set(owner.auth)
      .send({ name: 'Burst solo', durationMinutes: 30, currency: 'USD', providerIds: [team.providerIds[2]] });
    const mixed = await Promise.all([
      burst(team.serviceId, at(2, '14:00'), 6),
      burst(solo.body.id, at(2, '14:00'), 6),
    ]);
    expectExactly(mixed.flat(), 1);
    const busy = await ownerQuery(app,
      `SELECT count(*)::int AS n FROM booking_participants WHERE provider_id = $1 AND active
          AND occupied_start = $2`, [team.providerIds[2], at(2, '14:00')]);
    expect(busy[0]!.n).toBe(1);
    await assertNoOverlaps(app);
  });
});

describe('the manage link', () => {
  const manageOf = async (token: string, suffix = '', body?: object) => {
    const url = `/v1/public/bookings/${token}${suffix}`;
    const r = body ? await app.http.post(url).send(body) : await app.http.get(url);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as {
      booking: { start: string };
      participants: { providers: { id: string; name: string; role: string }[]; resources: { id: string; name: string }[] };
    };
  };

  it('a collective booking names every provider and its room, also after the customer moves it', async () => {
    const team = await catalogue(app, owner, { name: 'Manage team', providers: 2, durationMinutes: 60 });
    const [a, b] = team.providerIds as [string, string];
    const room = await resource({ name: 'Manage room' });
    await put(team.serviceId, { mode: 'collective', hostProviderIds: [], resourceIds: [room.id] });
    const made = await book(app, owner, team.serviceId, at(7, '10:00'));
    const everyone = {
      providers: [
        { id: a, name: 'Provider 1', role: 'primary' },
        { id: b, name: 'Provider 2', role: 'host' },
      ],
      resources: [{ id: room.id, name: 'Manage room' }],
    };
    expect((await manageOf(made.manageToken)).participants).toEqual(everyone);
    const moved = await manageOf(made.manageToken, '/reschedule', { start: at(7, '13:00') });
    expect(moved.booking.start).toBe(at(7, '13:00'));
    expect(moved.participants).toEqual(everyone);
  });

  it('a one-provider booking names its provider alone, with no resources', async () => {
    const single = await catalogue(app, owner, { name: 'Manage single', providers: 1, durationMinutes: 60 });
    const made = await book(app, owner, single.serviceId, at(7, '10:00'));
    expect((await manageOf(made.manageToken)).participants).toEqual({
      providers: [{ id: single.providerIds[0], name: 'Provider 1', role: 'primary' }],
      resources: [],
    });
  });
});

describe('unpaid holds past their expiry', () => {
  it('a team hold that expired does not block its host: the host’s own booking cancels it and goes through', async () => {
    const team = await catalogue(app, owner, { name: 'Hold team', providers: 2, durationMinutes: 60 });
    const b = team.providerIds[1]!;
    await put(team.serviceId, { mode: 'collective', hostProviderIds: [], resourceIds: [] });
    const solo = await app.http.post('/v1/admin/services').set(owner.auth)
      .send({ name: 'Hold solo', durationMinutes: 60, currency: 'USD', providerIds: [b] });
    const held = await book(app, owner, team.serviceId, at(6, '15:00'));
    // As if the customer never paid: a payment hold whose time is up (the sweeper has not run).
    await ownerQuery(app,
      `UPDATE bookings SET status = 'pending_payment', hold_expires_at = now() - interval '1 minute' WHERE id = $1`,
      [held.id]);
    expect(await times(solo.body.id, at(6, '00:00').slice(0, 10))).toContain('15:00');
    const mine = await book(app, owner, solo.body.id, at(6, '15:00'), { providerId: b });
    expect(mine.provider.id).toBe(b);
    const rows = await ownerQuery(app, 'SELECT status::text AS status, cancel_reason FROM bookings WHERE id = $1', [held.id]);
    expect(rows[0]).toEqual({ status: 'cancelled', cancel_reason: 'payment_expired' });
    await assertNoOverlaps(app);
  });
});

describe('round robin with a host', () => {
  it('the host attends every booking; the pool member is picked by the any-provider rule', async () => {
    const rr = await catalogue(app, owner, { name: 'RR', providers: 3, durationMinutes: 60 });
    const [host, p1, p2] = rr.providerIds as [string, string, string];
    expect((await put(rr.serviceId, { mode: 'round_robin', hostProviderIds: [host], resourceIds: [] })).status).toBe(200);
    const day = at(3, '00:00').slice(0, 10);
    const slots = await slotsOn(rr.serviceId, day);
    expect(slots[0]!.providerIds).toEqual([p1, p2]);
    const first = await book(app, owner, rr.serviceId, at(3, '09:00'));
    expect(first.provider.id).toBe(p1);
    // p1 has one booking that day, p2 none: the next goes to p2.
    const second = await book(app, owner, rr.serviceId, at(3, '11:00'));
    expect(second.provider.id).toBe(p2);
    // The host is taken at 09:00, so the slot is gone although p2 is free then.
    expect((await slotsOn(rr.serviceId, day)).map((s) => s.localTime)).not.toContain('09:00');
    const again = await app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).send(bookingBody(rr.serviceId, at(3, '09:00'), { providerId: p2 }));
    expect(again.status).toBe(409);
    // The customer may pick a pool member, never a host.
    const hostPick = await app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).send(bookingBody(rr.serviceId, at(3, '13:00'), { providerId: host }));
    expect(hostPick.status).toBe(422);
    const detail = await app.http.get(`/v1/admin/bookings/${second.id}`).set(owner.auth);
    expect(detail.body.participants.providers.map((p: { id: string }) => p.id)).toEqual([p2, host]);
  });
});

describe('a missing participant stops a team service', () => {
  const setActive = async (providerId: string, active: boolean) => {
    const r = await app.http.patch(`/v1/admin/providers/${providerId}`).set(owner.auth).send({ active });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it('collective: an inactive member takes every slot away, and the slots come back with it', async () => {
    const team = await catalogue(app, owner, { name: 'Missing member', providers: 3, durationMinutes: 60 });
    const [, b] = team.providerIds as [string, string, string];
    await put(team.serviceId, { mode: 'collective', hostProviderIds: [], resourceIds: [] });
    const day = at(6, '00:00').slice(0, 10);
    expect(await times(team.serviceId, day)).toHaveLength(8);
    await setActive(b, false);
    expect(await times(team.serviceId, day)).toEqual([]);
    const refused = await app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).send(bookingBody(team.serviceId, at(6, '10:00')));
    expect(refused.status).toBe(409);
    await setActive(b, true);
    expect(await times(team.serviceId, day)).toHaveLength(8);
  });

  it('round robin: an inactive host takes every slot away; an inactive pool member only leaves the pool', async () => {
    const rr = await catalogue(app, owner, { name: 'Missing host', providers: 3, durationMinutes: 60 });
    const [host, p1, p2] = rr.providerIds as [string, string, string];
    await put(rr.serviceId, { mode: 'round_robin', hostProviderIds: [host], resourceIds: [] });
    const day = at(6, '00:00').slice(0, 10);
    await setActive(p1, false);
    const slots = await slotsOn(rr.serviceId, day);
    expect(slots).toHaveLength(8);
    expect(slots[0]!.providerIds).toEqual([p2]);
    await setActive(host, false);
    expect(await times(rr.serviceId, day)).toEqual([]);
    await setActive(host, true);
    expect(await times(rr.serviceId, day)).toHaveLength(8);
  });
});

describe('resources with a capacity', () => {
  it('a burst on one slot books exactly the resource’s capacity, although more providers are free', async () => {
    const svc = await catalogue(app, owner, { name: 'Chair service', providers: 5, durationMinutes: 30 });
    const chairs = await resource({ name: 'Chairs', kind: 'chair', capacity: 2 });
    await put(svc.serviceId, { mode: 'single', hostProviderIds: [], resourceIds: [chairs.id] });
    const results = await burst(svc.serviceId, at(4, '10:00'), 10);
    expectExactly(results, 2);
    const day = at(4, '00:00').slice(0, 10);
    expect(await times(svc.serviceId, day)).not.toContain('10:00');
    // Freeing a place (cancel) offers the slot again; a third place (capacity 3) does too.
    const rows = await ownerQuery(app, `SELECT id FROM bookings WHERE service_id = $1 AND status <> 'cancelled'`, [svc.serviceId]);
    await app.http.post(`/v1/admin/bookings/${rows[0]!.id}/cancel`).set(owner.auth).send({ reason: 'x' });
    expect(await times(svc.serviceId, day)).toContain('10:00');
    // An inactive resource stops the service.
    await app.http.patch(`/v1/admin/resources/${chairs.id}`).set(owner.auth).send({ active: false });
    expect(await times(svc.serviceId, day)).toEqual([]);
  });

  it('the database refuses an allocation over capacity by itself (SQLSTATE SW013)', async () => {
    const svc = await catalogue(app, owner, { name: 'Room service', providers: 2, durationMinutes: 60 });
    const room = await resource({ name: 'Only room' });
    await put(svc.serviceId, { mode: 'single', hostProviderIds: [], resourceIds: [room.id] });
    const made = await book(app, owner, svc.serviceId, at(5, '10:00'));
    const other = await book(app, owner, svc.serviceId, at(5, '12:00'));
    // Staff moving the second booking onto the first's room time: the engine says no (409) ...
    const moved = await app.http.post(`/v1/admin/bookings/${other.id}/reschedule`).set(owner.auth)
      .send({ start: at(5, '10:30') });
    expect(moved.status).toBe(409);
    // ... and so does the database, even when asked directly.
    await expect(ownerQuery(app,
      `INSERT INTO booking_participants (tenant_id, booking_id, role, resource_id, occupied_start, occupied_end, session_key, active)
       SELECT tenant_id, $1, 'resource', $2, occupied_start, occupied_end, session_key || '-x', true FROM booking_participants WHERE booking_id = $3 AND role = 'resource'`,
      [other.id, room.id, made.id])).rejects.toMatchObject({ code: 'SW013' });
  });
});
