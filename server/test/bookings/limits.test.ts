import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqlStateOf } from '../../src/adapters/postgres/sql-errors';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import { poll } from '../support/child-process';
import type { TestApp } from '../support/test-app';
import {
  at,
  book,
  bookingBody,
  catalogue,
  ownerQuery,
  signupOwner,
  startBookingApp,
  type Owner,
} from './fixtures';

// Bursts of real HTTP requests against a listening server: slower than unit tests.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

async function bookOne(serviceId: string, start: string, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${app.baseUrl}/v1/public/tenants/${owner.slug}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(bookingBody(serviceId, start, extra)),
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code };
}

const burst = (serviceId: string, starts: string[], extra: Record<string, unknown> = {}) =>
  Promise.all(starts.map((start) => bookOne(serviceId, start, extra)));

const patch = (path: string, body: object) => app.http.patch(path).set(owner.auth).send(body);

const slotsOn = async (serviceId: string, day: string, providerId?: string) => {
  const r = await app.http.get(`/v1/public/tenants/${owner.slug}/availability`).query({
    serviceId,
    from: day,
    to: day,
    timezone: 'UTC',
    ...(providerId ? { providerId } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.days[0].slots as { localTime: string; providerIds: string[] }[]).map(
    (s) => s.localTime,
  );
};

describe('booking limits', () => {
  it('stores and returns limits and placement; refuses malformed ones with 422', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Shape' });
    const s = await patch(`/v1/admin/services/${serviceId}`, {
      slotPlacement: 'fill',
      limits: { bookingsPerDay: 4, minGapMinutes: 10 },
    });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect(s.body).toMatchObject({
      slotPlacement: 'fill',
      limits: { bookingsPerDay: 4, minGapMinutes: 10 },
    });
    const p = await patch(`/v1/admin/providers/${providerIds[0]}`, {
      limits: { minutesPerWeek: 600 },
    });
    expect(p.body.limits).toEqual({ minutesPerWeek: 600 });
    for (const bad of [
      { limits: { bookingsPerDay: 0 } },
      { limits: { bookingsPerDay: 2.5 } },
      { limits: { perFortnight: 3 } },
      { slotPlacement: 'random' },
    ]) {
      const r = await patch(`/v1/admin/services/${serviceId}`, bad);
      expect(r.status, JSON.stringify(bad)).toBe(422);
      expect(r.body.error.code).toBe('validation_failed');
    }
    const after = await app.http.get(`/v1/admin/services/${serviceId}`).set(owner.auth);
    expect(after.body.limits).toEqual({ bookingsPerDay: 4, minGapMinutes: 10 });
  });

  it('a concurrent burst never exceeds a provider’s daily limit; the slot list then hides that day', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, {
      name: 'Daily',
      durationMinutes: 30,
    });
    const pid = providerIds[0]!;
    await patch(`/v1/admin/providers/${pid}`, { limits: { bookingsPerDay: 3 } });
    // 16 different free half hours of one day, all at once.
    const starts = Array.from({ length: 16 }, (_, i) =>
      at(2, `${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`),
    );
    const results = await burst(serviceId, starts, { providerId: pid });
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.code === 'slot_unavailable')).toBe(true);
    const rows = await ownerQuery(
      app,
      `SELECT count(*)::int AS n FROM bookings WHERE provider_id = $1 AND status <> 'cancelled'`,
      [pid],
    );
    expect(rows[0]!.n).toBe(3);
    expect(await slotsOn(serviceId, at(2, '00:00').slice(0, 10))).toEqual([]);
    expect(await slotsOn(serviceId, at(3, '00:00').slice(0, 10))).toHaveLength(16);
  });

  it('a weekly minutes limit of a service counts only that service, per provider, under a burst', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, {
      name: 'Weekly',
      durationMinutes: 60,
      providers: 2,
    });
    await patch(`/v1/admin/services/${serviceId}`, { limits: { minutesPerWeek: 120 } });
    // Another service of the same provider does not use this service's allowance.
    const other = await catalogue(app, owner, { name: 'Other', durationMinutes: 60 });
    await patch(`/v1/admin/services/${other.serviceId}`, { providerIds: [providerIds[0]] });
    await book(app, owner, other.serviceId, at(1, '09:00'), { providerId: providerIds[0] });
    // Eight hours across the week for provider 1, all at once: two fit (120 minutes).
    const starts = [1, 2, 3, 4].flatMap((d) => [at(d, '11:00'), at(d, '14:00')]);
    const results = await burst(serviceId, starts, { providerId: providerIds[0] });
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    // "Any provider" moves on to the provider with room left.
    const any = await burst(serviceId, [at(5, '10:00')]);
    expect(any[0]!.status).toBe(201);
    const rows = await ownerQuery<{ provider_id: string; n: number }>(
      app,
      `SELECT provider_id, count(*)::int AS n FROM bookings WHERE service_id = $1 GROUP BY 1 ORDER BY 1`,
      [serviceId],
    );
    expect(Object.fromEntries(rows.map((r) => [r.provider_id, r.n]))).toEqual({
      [providerIds[0]!]: 2,
      [providerIds[1]!]: 1,
    });
  });

  it('a minimum gap holds between bookings made at the same moment', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, {
      name: 'Gap',
      durationMinutes: 30,
    });
    const pid = providerIds[0]!;
    await patch(`/v1/admin/services/${serviceId}`, { limits: { minGapMinutes: 15 } });
    // 10:00 and 10:30 touch: with a 15-minute gap only one of them may exist.
    const results = await burst(serviceId, [at(2, '10:00'), at(2, '10:30'), at(2, '10:00')], {
      providerId: pid,
    });
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const left = await slotsOn(serviceId, at(2, '00:00').slice(0, 10), pid);
    const taken = (
      await ownerQuery<{ t: string }>(
        app,
        `SELECT to_char(start_at AT TIME ZONE 'UTC', 'HH24:MI') AS t FROM bookings WHERE service_id = $1`,
        [serviceId],
      )
    )[0]!.t;
    // Whichever won, no offered start comes within 15 minutes of it, and the next grid start
    // after booking + gap is offered.
    const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    const t0 = min(taken);
    expect(left.filter((t) => min(t) + 30 + 15 > t0 && min(t) < t0 + 30 + 15)).toEqual([]);
    const next = Math.ceil((t0 + 45) / 30) * 30;
    expect(left).toContain(
      `${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`,
    );
  });

  it('gap-filling placement offers the start right after a short booking, and it can be booked', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, {
      name: 'Fill',
      durationMinutes: 30,
    });
    const pid = providerIds[0]!;
    const short = await catalogue(app, owner, { name: 'Short', durationMinutes: 20 });
    await patch(`/v1/admin/services/${short.serviceId}`, { providerIds: [pid] });
    await book(app, owner, short.serviceId, at(2, '09:00'), { providerId: pid });
    const day = at(2, '00:00').slice(0, 10);
    expect((await slotsOn(serviceId, day)).slice(0, 2)).toEqual(['09:30', '10:00']);
    await patch(`/v1/admin/services/${serviceId}`, { slotPlacement: 'fill' });
    expect((await slotsOn(serviceId, day)).slice(0, 3)).toEqual(['09:20', '09:30', '10:00']);
    await book(app, owner, serviceId, at(2, '09:20'), { providerId: pid });
    expect((await slotsOn(serviceId, day)).slice(0, 2)).toEqual(['09:50', '10:00']);
  });
});

/** A confirmed booking written straight into the database (no engine, no app check). */
async function rawBooking(serviceId: string, providerId: string, start: string, end: string) {
  return withTenant(app.system.db.prisma, owner.tenantId, async (tx) => {
    const customer = await tx.customer.create({
      data: { tenantId: owner.tenantId, name: 'Raw', email: `raw-${randomUUID()}@example.com` },
    });
    return tx.booking.create({
      data: {
        tenantId: owner.tenantId,
        serviceId,
        providerId,
        customerId: customer.id,
        status: 'confirmed',
        startAt: new Date(start),
        endAt: new Date(end),
        confirmationCode: randomUUID().slice(0, 8).toUpperCase(),
        manageTokenHash: randomUUID(),
        currency: 'USD',
      },
    });
  });
}
const stateOf = (p: Promise<unknown>) =>
  p.then(
    () => 'inserted',
    (e: unknown) => sqlStateOf(e),
  );

describe('host time (ADR 0018): a provider attending as a host uses its own limits', () => {
  /** A collective service of A (its bookings' own provider) and B (their host), and B's solo service. */
  async function team(name: string) {
    const t = await catalogue(app, owner, { name, providers: 2, durationMinutes: 60 });
    const [a, b] = t.providerIds as [string, string];
    const put = await app.http
      .put(`/v1/admin/services/${t.serviceId}/participants`)
      .set(owner.auth)
      .send({ mode: 'collective', hostProviderIds: [], resourceIds: [] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const solo = await app.http
      .post('/v1/admin/services')
      .set(owner.auth)
      .send({ name: `${name} solo`, durationMinutes: 60, currency: 'USD', providerIds: [b] });
    expect(solo.status, JSON.stringify(solo.body)).toBe(201);
    await patch(`/v1/admin/providers/${b}`, { limits: { bookingsPerDay: 1 } });
    return { serviceId: t.serviceId, a, b, solo: solo.body.id as string };
  }

  it('hosting fills the host’s day in every slot list and at the database, until cancelled', async () => {
    const t = await team('Host day');
    const day = at(8, '00:00').slice(0, 10);
    expect(await slotsOn(t.solo, day)).toHaveLength(8);
    const made = await book(app, owner, t.serviceId, at(8, '10:00'));
    expect(made.provider.id).toBe(t.a);
    // B's one booking of the day is its host time: its own service and the team offer nothing.
    expect(await slotsOn(t.solo, day)).toEqual([]);
    expect(await slotsOn(t.serviceId, day)).toEqual([]);
    expect(await slotsOn(t.solo, at(9, '00:00').slice(0, 10))).toHaveLength(8);
    const own = await burst(t.solo, [at(8, '14:00')], { providerId: t.b });
    expect(own).toEqual([{ status: 409, code: 'slot_unavailable' }]);
    // The database counts it too: B's own booking written directly that day is refused ...
    expect(await stateOf(rawBooking(t.solo, t.b, at(8, '14:00'), at(8, '15:00')))).toBe('SW006');
    // ... and so is a host row for B in a booking of A's on a day B already has its own booking.
    await rawBooking(t.solo, t.b, at(10, '09:00'), at(10, '10:00'));
    const other = await rawBooking(t.serviceId, t.a, at(10, '14:00'), at(10, '15:00'));
    const hostRow = ownerQuery(
      app,
      `INSERT INTO booking_participants (tenant_id, booking_id, role, provider_id, occupied_start, occupied_end, session_key, active)
       SELECT tenant_id, booking_id, 'host', $2, occupied_start, occupied_end, session_key, true
         FROM booking_participants WHERE booking_id = $1 AND role = 'primary'`,
      [other.id, t.b],
    );
    await expect(hostRow).rejects.toMatchObject({ code: 'SW006' });
    // Moving the team booking onto that day moves B's host row there: refused too.
    await expect(
      ownerQuery(app, 'UPDATE bookings SET start_at = $2, end_at = $3 WHERE id = $1', [
        made.id,
        at(10, '11:00'),
        at(10, '12:00'),
      ]),
    ).rejects.toMatchObject({ code: 'SW006' });

    const cancel = await app.http
      .post(`/v1/admin/bookings/${made.id}/cancel`)
      .set(owner.auth)
      .send({ reason: 'test' });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(await slotsOn(t.solo, day)).toHaveLength(8);
  });

  it('a burst of team bookings and the host’s own, on a day the host may take one: exactly one wins', async () => {
    const t = await team('Host burst');
    // Every request must reach the database's check before any commits (else the slot list of
    // the later ones would already refuse): the locks they queue on are held until all six wait.
    // A team booking first takes one per member (booking_create.sql, 'team/…'), B's own booking
    // B's limit lock ('limits/…').
    const keys = await ownerQuery<{ k: string }>(
      app,
      `SELECT hashtextextended(x || '/' || $1 || '/' || p, 0)::text AS k
         FROM unnest(ARRAY['team', 'limits']) x, unnest($2::text[]) p`,
      [owner.tenantId, [t.a, t.b]],
    );
    const holder = new pg.Client({ connectionString: app.db.url });
    await holder.connect();
    let results: { status: number; code?: string }[];
    try {
      for (const { k } of keys) await holder.query('SELECT pg_advisory_lock($1::bigint)', [k]);
      let settled = 0;
      const requests = [
        ...['09:00', '11:00', '13:00'].map((h) => bookOne(t.serviceId, at(11, h))),
        ...['10:00', '12:00', '14:00'].map((h) => bookOne(t.solo, at(11, h), { providerId: t.b })),
      ].map((r) => r.finally(() => (settled += 1)));
      // (A request that got through without waiting counts as settled: the assertions below
      // then say what happened.)
      await poll(async () => {
        const { rows } = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        return rows[0]!.n + settled === requests.length;
      });
      await holder.query('SELECT pg_advisory_unlock_all()');
      results = await Promise.all(requests);
    } finally {
      await holder.end();
    }
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.code === 'slot_unavailable')).toBe(true);
    const rows = await ownerQuery<{ n: number }>(
      app,
      `SELECT count(*)::int AS n FROM booking_participants bp JOIN bookings b ON b.id = bp.booking_id
        WHERE bp.provider_id = $1 AND b.status <> 'cancelled' AND b.start_at >= $2 AND b.start_at < $3`,
      [t.b, at(11, '00:00'), at(12, '00:00')],
    );
    expect(rows[0]!.n).toBe(1);
  });
});
