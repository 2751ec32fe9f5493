import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import {
  adminBook,
  assertNoOverlaps,
  at,
  book,
  bookingBody,
  catalogue,
  manualClock,
  NOW,
  ownerQuery,
  signupOwner,
  startBookingApp,
  type Owner,
} from './fixtures';

// Hundreds of real HTTP requests and transactions per file: slower than unit tests on a busy machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let app: TestApp;
let clock: ReturnType<typeof manualClock>;
let owner: Owner;

beforeAll(async () => {
  ({ app, clock } = await startBookingApp());
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

type Status = 'pending' | 'confirmed' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';
type Route =
  'approve' | 'decline' | 'confirm' | 'check-in' | 'complete' | 'cancel' | 'no-show' | 'reschedule';

const post = (id: string, route: string, body: object = {}) =>
  app.http.post(`/v1/admin/bookings/${id}/${route}`).set(owner.auth).send(body);

// The state machine as the API must expose it (see domain/booking/lifecycle.ts).
const LEGAL: Record<Status, Route[]> = {
  pending: ['approve', 'decline', 'confirm', 'cancel', 'reschedule'],
  confirmed: ['check-in', 'complete', 'cancel', 'no-show', 'reschedule'],
  checked_in: ['complete'],
  completed: [],
  cancelled: [],
  no_show: [],
};
const NEXT: Partial<Record<Route, Status>> = {
  approve: 'confirmed',
  decline: 'cancelled',
  confirm: 'confirmed',
  'check-in': 'checked_in',
  complete: 'completed',
  cancel: 'cancelled',
  'no-show': 'no_show',
};
const ROUTES: Route[] = [
  'approve',
  'decline',
  'confirm',
  'check-in',
  'complete',
  'cancel',
  'no-show',
  'reschedule',
];

describe('lifecycle through HTTP', () => {
  it('every status × every action: 200 exactly where the state machine allows it, else 409 invalid_transition', async () => {
    const plain = await catalogue(app, owner, { name: 'Matrix' });
    const approval = await catalogue(app, owner, {
      name: 'Matrix approval',
      requiresApproval: true,
    });
    // Bookings in the past (staff override), so that no-show is possible; one hour each.
    let k = 0;
    const slot = () => new Date(Date.parse('2029-12-01T00:00:00Z') + k++ * 3_600_000).toISOString();

    async function bookingIn(status: Status): Promise<string> {
      const svc = status === 'pending' ? approval : plain;
      const b = await adminBook(app, owner, svc.serviceId, slot(), {
        providerId: svc.providerIds[0],
        overrideAvailability: true,
        recordPast: true,
      });
      const path: Record<Status, Route[]> = {
        pending: [],
        confirmed: [],
        checked_in: ['check-in'],
        completed: ['complete'],
        cancelled: ['cancel'],
        no_show: ['no-show'],
      };
      for (const r of path[status]) await post(b.id, r).expect(200);
      return b.id;
    }

    const cells: string[] = [];
    for (const status of Object.keys(LEGAL) as Status[]) {
      for (const route of ROUTES) {
        const id = await bookingIn(status);
        const body =
          route === 'reschedule'
            ? { start: slot(), overrideAvailability: true }
            : route === 'decline'
              ? { reason: 'Fully booked' }
              : {};
        const res = await post(id, route, body);
        const legal = LEGAL[status].includes(route);
        cells.push(`${status} × ${route} → ${res.status}`);
        if (legal) {
          expect(res.status, `${status} × ${route}: ${JSON.stringify(res.body)}`).toBe(200);
          expect(res.body.status).toBe(NEXT[route] ?? status);
        } else {
          expect(res.status, `${status} × ${route}`).toBe(409);
          expect(res.body.error.code).toBe('invalid_transition');
          expect(res.body.error.details.currentStatus).toBe(status);
        }
      }
    }
    expect(cells).toHaveLength(48);
    await assertNoOverlaps(app);
  });

  it('decline needs a reason (422); no-show only after the start (422)', async () => {
    const approval = await catalogue(app, owner, { name: 'Reasons', requiresApproval: true });
    const b = await book(app, owner, approval.serviceId, at(1, '10:00'));
    const noReason = await post(b.id, 'decline', { reason: '   ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.code).toBe('validation_failed');
    expect(noReason.body.error.details.issues).toEqual([
      expect.objectContaining({ path: 'body.reason' }),
    ]);
    await post(b.id, 'approve').expect(200);
    const early = await post(b.id, 'no-show');
    expect(early.status).toBe(422);
    expect(early.body.error.details.reason).toBe('not_started');
  });

  it('offers no-show in allowedActions only once the booking has started', async () => {
    const svc = await catalogue(app, owner, { name: 'Offered actions' });
    const b = await book(app, owner, svc.serviceId, at(2, '10:00'));
    const get = () => app.http.get(`/v1/admin/bookings/${b.id}`).set(owner.auth).expect(200);
    try {
      // Days ahead: check-in, complete and no-show all wait (lifecycle-guards.test.ts).
      expect((await get()).body.allowedActions).toEqual(['cancel', 'reschedule']);
      clock.set(at(2, '10:05'));
      expect((await get()).body.allowedActions).toEqual([
        'check_in',
        'complete',
        'cancel',
        'mark_no_show',
        'reschedule',
      ]);
      const listed = await app.http
        .get(`/v1/admin/bookings?code=${b.code}`)
        .set(owner.auth)
        .expect(200);
      expect(listed.body.items[0].allowedActions).toContain('mark_no_show');
    } finally {
      clock.set(NOW);
    }
  });

  it('writes history (actor, from, to, reason) and one outbox event per change', async () => {
    const approval = await catalogue(app, owner, { name: 'History', requiresApproval: true });
    const b = await book(app, owner, approval.serviceId, at(2, '10:00'));
    await post(b.id, 'approve', { reason: 'Looks good' }).expect(200);
    const cancelled = await post(b.id, 'cancel', { reason: 'Provider ill' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Provider ill',
      allowedActions: [],
    });
    expect(cancelled.body.cancelledAt).toBe('2030-01-07T08:00:00.000Z');
    expect(
      cancelled.body.history.map(
        (h: {
          action: string;
          fromStatus: string;
          toStatus: string;
          reason: string | null;
          actor: object;
        }) => [h.action, h.fromStatus, h.toStatus, h.reason, h.actor],
      ),
    ).toEqual([
      ['create', null, 'pending', null, { type: 'customer', id: cancelled.body.customer.id }],
      ['approve', 'pending', 'confirmed', 'Looks good', { type: 'user', id: owner.userId }],
      ['cancel', 'confirmed', 'cancelled', 'Provider ill', { type: 'user', id: owner.userId }],
    ]);
    // Business cancellations cost the customer nothing.
    expect(cancelled.body.history[2].data).toMatchObject({
      initiatedBy: 'business',
      settlement: { fee: { amount: 0 } },
    });
    const topics = await ownerQuery<{ topic: string }>(
      app,
      `SELECT topic FROM outbox_events WHERE payload->>'bookingId' = $1 ORDER BY id`,
      [b.id],
    );
    expect(topics.map((t) => t.topic)).toEqual([
      'booking.created',
      'booking.confirmed',
      'booking.cancelled',
    ]);
    const [row] = await ownerQuery<{ ics_sequence: number }>(
      app,
      'SELECT ics_sequence FROM bookings WHERE id = $1',
      [b.id],
    );
    expect(row!.ics_sequence).toBe(1);
  });

  it('tells the waitlist when a cancellation frees a slot (same transaction)', async () => {
    const { serviceId } = await catalogue(app, owner, { name: 'Waitlisted' });
    const b = await book(app, owner, serviceId, at(3, '10:00'));
    const join = await app.http.post(`/v1/public/tenants/${owner.slug}/waitlist`).send({
      serviceId,
      fromDate: '2030-01-09',
      toDate: '2030-01-12',
      customer: { name: 'Eager', email: 'eager@example.com' },
    });
    expect(join.status, JSON.stringify(join.body)).toBe(201);
    await post(b.id, 'cancel').expect(200);
    const events = await ownerQuery<{ payload: { waitlistEntryId: string; start: string } }>(
      app,
      `SELECT payload FROM outbox_events WHERE topic = 'waitlist.slot_available' AND payload->>'serviceId' = $1`,
      [serviceId],
    );
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ waitlistEntryId: join.body.id, start: at(3, '10:00') }),
    ]);
  });

  it('PATCH edits staff notes; GET returns the detail', async () => {
    const { serviceId } = await catalogue(app, owner, { name: 'Notes' });
    const b = await book(app, owner, serviceId, at(4, '10:00'));
    const r = await app.http
      .patch(`/v1/admin/bookings/${b.id}`)
      .set(owner.auth)
      .send({ staffNotes: 'Allergic to lavender' });
    expect(r.status).toBe(200);
    expect(r.body.staffNotes).toBe('Allergic to lavender');
    const bad = await app.http
      .patch(`/v1/admin/bookings/${b.id}`)
      .set(owner.auth)
      .send({ status: 'completed' });
    expect(bad.status).toBe(422);
    const g = await app.http.get(`/v1/admin/bookings/${b.id}`).set(owner.auth);
    expect(g.body).toMatchObject({
      id: b.id,
      staffNotes: 'Allergic to lavender',
      status: 'confirmed',
    });
  });
});

describe('reassign and available providers', () => {
  it('lists the other free providers and reassigns only to one who offers the service and is free', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { providers: 3, name: 'Team' });
    const other = await catalogue(app, owner, { name: 'Other service' });
    const start = at(5, '10:00');
    const b = await book(app, owner, serviceId, start, { providerId: providerIds[0] });
    await book(app, owner, serviceId, start, { providerId: providerIds[1] });

    const avail = await app.http
      .get(`/v1/admin/bookings/${b.id}/available-providers`)
      .set(owner.auth);
    expect(avail.status).toBe(200);
    expect(avail.body.items).toEqual([{ id: providerIds[2], name: 'Provider 3' }]);

    const busy = await post(b.id, 'reassign', { providerId: providerIds[1] });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('slot_unavailable');
    const notOffering = await post(b.id, 'reassign', { providerId: other.providerIds[0] });
    expect(notOffering.status).toBe(422);
    expect(notOffering.body.error.details.issues[0].path).toBe('body.providerId');

    const ok = await post(b.id, 'reassign', {
      providerId: providerIds[2],
      reason: 'Balance the day',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.provider).toEqual({ id: providerIds[2], name: 'Provider 3' });
    expect(ok.body.start).toBe(start);
    expect(ok.body.history.at(-1)).toMatchObject({
      action: 'reassign',
      reason: 'Balance the day',
      data: { previous: { providerId: providerIds[0] } },
    });
    await assertNoOverlaps(app);
  });

  it('reschedules to a free slot (same id), refuses a taken or closed one unless overridden', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Move me' });
    const b = await book(app, owner, serviceId, at(6, '10:00'));
    const taken = await book(app, owner, serviceId, at(6, '11:00'));
    expect((await post(b.id, 'reschedule', { start: taken.start })).status).toBe(409);
    expect((await post(b.id, 'reschedule', { start: at(6, '19:00') })).status).toBe(409);
    const forced = await post(b.id, 'reschedule', {
      start: at(6, '19:00'),
      overrideAvailability: true,
    });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({
      id: b.id,
      start: at(6, '19:00'),
      outsideAvailability: true,
      provider: { id: providerIds[0] },
    });
    const back = await post(b.id, 'reschedule', { start: at(6, '10:00') });
    expect(back.status).toBe(200);
    expect(back.body.outsideAvailability).toBe(false);
  });
});

describe('listing', () => {
  it('filters by date, status, provider, service, customer and code, newest first with a cursor', async () => {
    const lister = await signupOwner(app, { timeZone: 'America/New_York' });
    const { serviceId, providerIds } = await catalogue(app, lister, {
      providers: 2,
      name: 'Listed',
    });
    const made = [];
    for (const [day, time, p] of [
      [1, '14:00', 0],
      [1, '15:00', 1],
      [2, '14:00', 0],
      [3, '16:00', 1],
    ] as const) {
      made.push(await book(app, lister, serviceId, at(day, time), { providerId: providerIds[p] }));
    }
    await app.http
      .post(`/v1/admin/bookings/${made[3]!.id}/cancel`)
      .set(lister.auth)
      .send({})
      .expect(200);
    const list = (q: string) => app.http.get(`/v1/admin/bookings?${q}`).set(lister.auth);
    const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);

    const all = await list('');
    expect(all.status).toBe(200);
    expect(ids(all)).toEqual(made.map((m) => m.id).reverse());
    expect(ids(await list(`providerId=${providerIds[1]}`))).toEqual([made[3]!.id, made[1]!.id]);
    expect(ids(await list('status=cancelled'))).toEqual([made[3]!.id]);
    expect(ids(await list('status=confirmed,cancelled'))).toHaveLength(4);
    expect(ids(await list('status=confirmed&status=pending'))).toHaveLength(3);
    expect((await list('status=nope')).status).toBe(422);
    // Dates are whole days in the business's zone (New York): Jan 8 there is 05:00Z Jan 8 – 05:00Z Jan 9.
    expect(ids(await list('from=2030-01-08&to=2030-01-08'))).toEqual([made[1]!.id, made[0]!.id]);
    expect(
      ids(
        await list(
          `from=${encodeURIComponent(at(1, '14:30'))}&to=${encodeURIComponent(at(2, '14:00'))}`,
        ),
      ),
    ).toEqual([made[1]!.id]);
    expect(
      ids(await list(`code=${made[2]!.code.slice(0, 4).toLowerCase()}-${made[2]!.code.slice(4)}`)),
    ).toEqual([made[2]!.id]);
    expect(
      ids(
        await list(
          `serviceId=${serviceId}&customerId=${(await app.http.get(`/v1/admin/bookings/${made[0]!.id}`).set(lister.auth)).body.customer.id}`,
        ),
      ),
    ).toEqual([made[0]!.id]);

    const p1 = await list('limit=3');
    expect(p1.body.items).toHaveLength(3);
    const p2 = await list(`limit=3&cursor=${p1.body.nextCursor}`);
    expect(ids(p2)).toEqual([made[0]!.id]);
    expect(p2.body.nextCursor).toBeNull();
  });
});

describe('tenant isolation', () => {
  it('every booking route answers 404 for another business\u2019s booking', async () => {
    const { serviceId } = await catalogue(app, owner, { name: 'Mine' });
    const mine = await book(app, owner, serviceId, at(8, '10:00'));
    const intruder = await signupOwner(app);
    const other = await catalogue(app, intruder, { name: 'Theirs' });
    const id = mine.id;
    const as = intruder.auth;
    const attempts: [string, PromiseLike<{ status: number; body: { error: { code: string } } }>][] =
      [
        ['get', app.http.get(`/v1/admin/bookings/${id}`).set(as)],
        ['patch', app.http.patch(`/v1/admin/bookings/${id}`).set(as).send({ staffNotes: 'x' })],
        ...['approve', 'confirm', 'check-in', 'complete', 'cancel', 'no-show'].map(
          (r) =>
            [r, app.http.post(`/v1/admin/bookings/${id}/${r}`).set(as).send({})] as [
              string,
              PromiseLike<{ status: number; body: { error: { code: string } } }>,
            ],
        ),
        [
          'decline',
          app.http.post(`/v1/admin/bookings/${id}/decline`).set(as).send({ reason: 'x' }),
        ],
        [
          'reschedule',
          app.http
            .post(`/v1/admin/bookings/${id}/reschedule`)
            .set(as)
            .send({ start: at(8, '11:00') }),
        ],
        [
          'reassign',
          app.http
            .post(`/v1/admin/bookings/${id}/reassign`)
            .set(as)
            .send({ providerId: other.providerIds[0] }),
        ],
        [
          'available-providers',
          app.http.get(`/v1/admin/bookings/${id}/available-providers`).set(as),
        ],
      ];
    for (const [route, pending] of attempts) {
      const r = await pending;
      expect(r.status, route).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    const theirList = await app.http.get(`/v1/admin/bookings?serviceId=${serviceId}`).set(as);
    expect(theirList.body.items).toEqual([]);
    // Booking their own service with our provider, or ours through their slug, is not possible either.
    const crossed = await app.http
      .post('/v1/admin/bookings')
      .set(as)
      .send(bookingBody(serviceId, at(8, '12:00')));
    expect(crossed.status).toBe(404);
    const mineNow = await app.http.get(`/v1/admin/bookings/${id}`).set(owner.auth);
    expect(mineNow.body).toMatchObject({
      status: 'confirmed',
      staffNotes: '',
      start: at(8, '10:00'),
    });
  });
});
