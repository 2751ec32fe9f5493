import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import {
  assertNoOverlaps,
  at,
  book,
  bookingBody,
  catalogue,
  orphanCustomers,
  ownerQuery,
  signupOwner,
  startBookingApp,
  type Owner,
} from './fixtures';

// Hundreds of real HTTP requests and transactions per file: slower than unit tests on a busy machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let app: TestApp;

beforeAll(async () => {
  ({ app } = await startBookingApp());
});
afterAll(async () => app?.close());

/** Many clients at once against the listening server (not supertest), like real traffic. */
async function fireAll(
  n: number,
  request: (i: number) => { path: string; body: unknown; headers?: Record<string, string> },
) {
  const responses = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const r = request(i);
      const res = await fetch(`${app.baseUrl}${r.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...r.headers },
        body: JSON.stringify(r.body),
      });
      return {
        status: res.status,
        body: (await res.json()) as {
          id?: string;
          provider?: { id: string };
          error?: { code: string };
        },
      };
    }),
  );
  const byStatus = (s: number) => responses.filter((r) => r.status === s);
  return { responses, byStatus };
}

async function activeBookings(serviceId: string) {
  return ownerQuery<{ id: string; provider_id: string; seats: number }>(
    app,
    `SELECT id, provider_id, seats FROM bookings WHERE service_id = $1 AND status IN ('pending', 'confirmed', 'checked_in')`,
    [serviceId],
  );
}

describe('zero double booking under concurrency', () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await signupOwner(app);
  });

  it('200 simultaneous public bookings of one slot: exactly one 201, 199 × 409 slot_unavailable, nothing else written', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner);
    const { responses, byStatus } = await fireAll(200, () => ({
      path: `/v1/public/tenants/${owner.slug}/bookings`,
      body: bookingBody(serviceId, at(1, '10:00'), { providerId: providerIds[0] }),
    }));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(byStatus(201)).toHaveLength(1);
    expect(byStatus(409)).toHaveLength(199);
    for (const r of byStatus(409)) expect(r.body.error?.code).toBe('slot_unavailable');

    const active = await activeBookings(serviceId);
    expect(active).toHaveLength(1);
    expect(active[0]!.id).toBe(byStatus(201)[0]!.body.id);
    expect(await orphanCustomers(app, owner.tenantId)).toBe(0);
    const [counts] = await ownerQuery<{ customers: number; events: number; outbox: number }>(
      app,
      `SELECT (SELECT count(*)::int FROM customers WHERE tenant_id = $1) AS customers,
              (SELECT count(*)::int FROM booking_events WHERE tenant_id = $1) AS events,
              (SELECT count(*)::int FROM outbox_events WHERE tenant_id = $1 AND topic LIKE 'booking.%') AS outbox`,
      [owner.tenantId],
    );
    expect(counts).toEqual({ customers: 1, events: 1, outbox: 2 });
    await assertNoOverlaps(app);
  });

  it('"any provider" with 3 providers and 10 simultaneous bookings: exactly 3 succeed, on distinct providers', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { providers: 3, name: 'Any' });
    const { responses, byStatus } = await fireAll(10, () => ({
      path: `/v1/public/tenants/${owner.slug}/bookings`,
      body: bookingBody(serviceId, at(2, '14:00'), { providerId: 'any' }),
    }));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(byStatus(201)).toHaveLength(3);
    expect(byStatus(409)).toHaveLength(7);
    expect(new Set(byStatus(201).map((r) => r.body.provider!.id))).toEqual(new Set(providerIds));
    expect(await activeBookings(serviceId)).toHaveLength(3);
    await assertNoOverlaps(app);
  });

  it('a class of capacity 5 with 30 simultaneous bookings sells exactly 5 seats', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { capacity: 5, name: 'Yoga' });
    const { responses, byStatus } = await fireAll(30, () => ({
      path: `/v1/public/tenants/${owner.slug}/bookings`,
      body: bookingBody(serviceId, at(3, '09:00')),
    }));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(byStatus(201)).toHaveLength(5);
    expect(byStatus(409)).toHaveLength(25);
    const active = await activeBookings(serviceId);
    expect(active.reduce((n, b) => n + b.seats, 0)).toBe(5);
    expect(new Set(active.map((b) => b.provider_id))).toEqual(new Set([providerIds[0]]));
    const keys = await ownerQuery<{ session_key: string }>(
      app,
      'SELECT DISTINCT session_key FROM bookings WHERE service_id = $1',
      [serviceId],
    );
    expect(keys).toEqual([{ session_key: `${serviceId}:${at(3, '09:00')}` }]);
    await assertNoOverlaps(app);
  });

  it('10 different bookings rescheduled into one free slot at once: exactly one moves, the others keep their time', async () => {
    const { serviceId } = await catalogue(app, owner, {
      name: 'Moves',
      hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        startTime: '06:00',
        endTime: '18:00',
      })),
    });
    const booked: Awaited<ReturnType<typeof book>>[] = [];
    for (let h = 6; h < 16; h++)
      booked.push(await book(app, owner, serviceId, at(4, `${String(h).padStart(2, '0')}:00`)));
    const target = at(4, '17:00');
    const { responses, byStatus } = await fireAll(10, (i) => ({
      path: `/v1/admin/bookings/${booked[i]!.id}/reschedule`,
      body: { start: target },
      headers: owner.auth,
    }));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(byStatus(200)).toHaveLength(1);
    expect(byStatus(409)).toHaveLength(9);
    for (const r of byStatus(409)) expect(r.body.error?.code).toBe('slot_unavailable');
    const rows = await ownerQuery<{ id: string; start_at: Date; ics_sequence: number }>(
      app,
      'SELECT id, start_at, ics_sequence FROM bookings WHERE service_id = $1',
      [serviceId],
    );
    const winner = byStatus(200)[0]!.body.id;
    for (const b of booked) {
      const row = rows.find((r) => r.id === b.id)!;
      if (b.id === winner) {
        expect(row.start_at.toISOString()).toBe(target);
        expect(row.ics_sequence).toBe(1);
      } else {
        expect(row.start_at.toISOString()).toBe(b.start);
        expect(row.ics_sequence).toBe(0);
      }
    }
    const moves = await ownerQuery<{ n: number }>(
      app,
      `SELECT count(*)::int AS n FROM booking_events WHERE tenant_id = $1 AND action = 'reschedule'`,
      [owner.tenantId],
    );
    expect(moves[0]!.n).toBe(1);
    await assertNoOverlaps(app);
  });

  it('concurrent reassignments and admin overrides onto one provider\u2019s hour: one wins', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, {
      providers: 4,
      name: 'Reassign',
    });
    const start = at(5, '11:00');
    const others: Awaited<ReturnType<typeof book>>[] = [];
    for (const p of providerIds.slice(1))
      others.push(await book(app, owner, serviceId, start, { providerId: p }));
    const { byStatus, responses } = await fireAll(6, (i) =>
      i < 3
        ? {
            path: `/v1/admin/bookings/${others[i]!.id}/reassign`,
            body: { providerId: providerIds[0] },
            headers: owner.auth,
          }
        : {
            path: '/v1/admin/bookings',
            body: {
              ...bookingBody(serviceId, start, { providerId: providerIds[0] }),
              overrideAvailability: true,
            },
            headers: owner.auth,
          },
    );
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(byStatus(200).length + byStatus(201).length).toBe(1);
    expect(byStatus(409)).toHaveLength(5);
    await assertNoOverlaps(app);
    expect(await orphanCustomers(app, owner.tenantId)).toBe(0);
  });
});

describe('every booking shape under concurrency: no 5xx, no overlap, no oversold session', () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await signupOwner(app);
  });
  const noServerErrors = (responses: { status: number; body: unknown }[]) =>
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
  const onlyConflicts = (responses: { status: number; body: { error?: { code: string } } }[]) => {
    for (const r of responses.filter((x) => x.status >= 400)) {
      expect(r.status).toBe(409);
      expect(r.body.error?.code).toBe('slot_unavailable');
    }
  };

  it('buffers: 40 simultaneous bookings on starts that collide through their buffers', async () => {
    const { serviceId } = await catalogue(app, owner, {
      name: 'Buffered',
      durationMinutes: 30,
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
    });
    const starts = ['10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30'];
    const { responses, byStatus } = await fireAll(40, (i) => ({
      path: `/v1/public/tenants/${owner.slug}/bookings`,
      body: bookingBody(serviceId, at(7, starts[i % starts.length]!)),
    }));
    noServerErrors(responses);
    onlyConflicts(responses);
    // Occupied ranges are an hour (15 + 30 + 15 min): at most every other start, at least one.
    expect(byStatus(201).length).toBeGreaterThanOrEqual(1);
    expect(byStatus(201).length).toBeLessThanOrEqual(starts.length / 2);
    await assertNoOverlaps(app);
    expect(await orphanCustomers(app, owner.tenantId)).toBe(0);
  });

  it('"any provider" class: 60 simultaneous bookings of 4 providers × 3 seats sell exactly 12 seats (no deadlock)', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, {
      providers: 4,
      capacity: 3,
      name: 'Any class',
    });
    const { responses, byStatus } = await fireAll(60, () => ({
      path: `/v1/public/tenants/${owner.slug}/bookings`,
      body: bookingBody(serviceId, at(8, '10:00'), { providerId: 'any' }),
    }));
    noServerErrors(responses);
    onlyConflicts(responses);
    expect(byStatus(201)).toHaveLength(12);
    expect(byStatus(409)).toHaveLength(48);
    const active = await activeBookings(serviceId);
    const perProvider = new Map<string, number>();
    for (const b of active)
      perProvider.set(b.provider_id, (perProvider.get(b.provider_id) ?? 0) + b.seats);
    expect(new Set(perProvider.keys())).toEqual(new Set(providerIds));
    expect([...perProvider.values()]).toEqual([3, 3, 3, 3]);
    await assertNoOverlaps(app);
    expect(await orphanCustomers(app, owner.tenantId)).toBe(0);
  });

  it('one provider class: 60 simultaneous bookings of 10 seats sell exactly 10', async () => {
    const { serviceId } = await catalogue(app, owner, { capacity: 10, name: 'Big class' });
    const { responses, byStatus } = await fireAll(60, (i) => ({
      path: `/v1/public/tenants/${owner.slug}/bookings`,
      body: bookingBody(serviceId, at(9, '10:00'), i % 2 ? { providerId: 'any' } : {}),
    }));
    noServerErrors(responses);
    onlyConflicts(responses);
    expect(byStatus(201)).toHaveLength(10);
    expect((await activeBookings(serviceId)).reduce((n, b) => n + b.seats, 0)).toBe(10);
    await assertNoOverlaps(app);
  });

  it('the same new customer books 20 different slots at once: 20 bookings, one customer', async () => {
    const { serviceId } = await catalogue(app, owner, {
      name: 'Regular',
      durationMinutes: 30,
      hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        startTime: '06:00',
        endTime: '18:00',
      })),
    });
    const customer = { name: 'Regular Rita', email: 'rita@example.com', phone: '+44 20 7946 0958' };
    const { responses, byStatus } = await fireAll(20, (i) => ({
      path: `/v1/public/tenants/${owner.slug}/bookings`,
      body: {
        ...bookingBody(
          serviceId,
          at(10, `${String(6 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`),
        ),
        customer,
      },
    }));
    noServerErrors(responses);
    expect(byStatus(201)).toHaveLength(20);
    const customers = await ownerQuery<{ id: string }>(
      app,
      'SELECT id FROM customers WHERE tenant_id = $1 AND (email = $2 OR phone = $3)',
      [owner.tenantId, customer.email, '+442079460958'],
    );
    expect(customers).toHaveLength(1);
    expect(
      new Set(byStatus(201).map((r) => (r.body as { customer?: { id: string } }).customer?.id)),
    ).toEqual(new Set([customers[0]!.id]));
  });

  it('class seats rescheduled at once into a session with 2 seats left: exactly 2 move', async () => {
    const { serviceId } = await catalogue(app, owner, { capacity: 3, name: 'Spin' });
    await book(app, owner, serviceId, at(11, '10:00'));
    const movers: Awaited<ReturnType<typeof book>>[] = [];
    for (let i = 0; i < 8; i++)
      movers.push(
        await book(app, owner, serviceId, at(11, i < 3 ? '12:00' : i < 6 ? '14:00' : '16:00')),
      );
    const { responses, byStatus } = await fireAll(8, (i) => ({
      path: `/v1/admin/bookings/${movers[i]!.id}/reschedule`,
      body: { start: at(11, '10:00') },
      headers: owner.auth,
    }));
    noServerErrors(responses);
    onlyConflicts(responses);
    expect(byStatus(200)).toHaveLength(2);
    const seats = await ownerQuery<{ n: number }>(
      app,
      `SELECT sum(seats)::int AS n FROM bookings WHERE service_id = $1 AND start_at = $2 AND status = 'confirmed'`,
      [serviceId, at(11, '10:00')],
    );
    expect(seats[0]!.n).toBe(3);
    await assertNoOverlaps(app);
  });

  it('creates, reschedules and overrides racing for one hour of one provider: one wins', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { providers: 2, name: 'Mixed' });
    const target = at(12, '11:00');
    const movers: Awaited<ReturnType<typeof book>>[] = [];
    for (const h of ['09:00', '13:00', '15:00'])
      movers.push(await book(app, owner, serviceId, at(12, h), { providerId: providerIds[0] }));
    const { responses, byStatus } = await fireAll(12, (i) =>
      i < 3
        ? {
            path: `/v1/admin/bookings/${movers[i]!.id}/reschedule`,
            body: { start: target },
            headers: owner.auth,
          }
        : i < 6
          ? {
              path: '/v1/admin/bookings',
              body: {
                ...bookingBody(serviceId, target, { providerId: providerIds[0] }),
                overrideAvailability: true,
              },
              headers: owner.auth,
            }
          : {
              path: `/v1/public/tenants/${owner.slug}/bookings`,
              body: bookingBody(serviceId, target, { providerId: providerIds[0] }),
            },
    );
    noServerErrors(responses);
    onlyConflicts(responses);
    expect(byStatus(200).length + byStatus(201).length).toBe(1);
    await assertNoOverlaps(app);
    expect(await orphanCustomers(app, owner.tenantId)).toBe(0);
  });
});

describe('capacity is also enforced when rescheduling seats between sessions', () => {
  it('moving a seat into a full class is refused; into one with room it works', async () => {
    const owner = await signupOwner(app);
    const { serviceId } = await catalogue(app, owner, { capacity: 2, name: 'Pilates' });
    const full = [
      await book(app, owner, serviceId, at(6, '09:00')),
      await book(app, owner, serviceId, at(6, '09:00')),
    ];
    const mover = await book(app, owner, serviceId, at(6, '11:00'));
    const refused = await app.http
      .post(`/v1/admin/bookings/${mover.id}/reschedule`)
      .set(owner.auth)
      .send({ start: at(6, '09:00') });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('slot_unavailable');
    await app.http
      .post(`/v1/admin/bookings/${full[0]!.id}/cancel`)
      .set(owner.auth)
      .send({})
      .expect(200);
    const moved = await app.http
      .post(`/v1/admin/bookings/${mover.id}/reschedule`)
      .set(owner.auth)
      .send({ start: at(6, '09:00') });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await assertNoOverlaps(app);
  });
});
