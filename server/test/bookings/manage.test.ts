import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import {
  assertNoOverlaps,
  at,
  book,
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
  // Free until 24 h before, then 50 % of the price; customers may move bookings until 12 h before.
  const policy = await app.http
    .patch('/v1/admin/tenant')
    .set(owner.auth)
    .send({
      email: 'hello@salon.example',
      address: '1 High Street',
      settings: {
        cancellationPolicy: {
          freeCancellationHours: 24,
          lateCancellationFeePercent: 50,
          allowCustomerReschedule: true,
          rescheduleCutoffHours: 12,
        },
      },
    });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
});
afterAll(async () => app?.close());

const manage = (token: string, suffix = '') => `/v1/public/bookings/${token}${suffix}`;

function parseIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const ev = cal.getFirstSubcomponent('vevent')!;
  return {
    method: cal.getFirstPropertyValue('method'),
    uid: ev.getFirstPropertyValue('uid'),
    sequence: ev.getFirstPropertyValue('sequence'),
    status: ev.getFirstPropertyValue('status'),
    start: (ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    end: (ev.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    url: ev.getFirstPropertyValue('url'),
    attendee: ev.getFirstPropertyValue('attendee'),
  };
}

async function ics(token: string) {
  const r = await app.http
    .get(manage(token, '/calendar.ics'))
    .buffer(true)
    .parse((res, cb) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => cb(null, data));
    });
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toMatch(/^text\/calendar/);
  expect(r.headers['content-disposition']).toMatch(
    /^attachment; filename="booking-[A-Z0-9]{8}\.ics"$/,
  );
  return parseIcs(r.body as string);
}

describe('manage link', () => {
  it('shows the booking, the business and what cancelling or moving would imply now', async () => {
    clock.set(NOW);
    const { serviceId } = await catalogue(app, owner, { priceCents: 8000 });
    const b = await book(app, owner, serviceId, at(1, '10:00'));
    const r = await app.http.get(manage(b.manageToken));
    expect(r.status).toBe(200);
    expect(r.body.booking).toMatchObject({
      id: b.id,
      code: b.code,
      status: 'confirmed',
      start: at(1, '10:00'),
    });
    expect(r.body.booking).not.toHaveProperty('staffNotes');
    expect(r.body.tenant).toMatchObject({
      slug: owner.slug,
      timeZone: 'Europe/London',
      address: '1 High Street',
    });
    // 26 h ahead: still free to cancel and to move.
    expect(r.body.cancellation).toEqual({
      allowed: true,
      reason: null,
      late: false,
      fee: { amount: 0, currency: 'USD' },
      refund: { amount: 0, currency: 'USD' },
      retained: { amount: 0, currency: 'USD' },
      outstanding: { amount: 0, currency: 'USD' },
    });
    expect(r.body.reschedule).toEqual({ allowed: true, reason: null });

    clock.set(at(1, '00:00')); // 10 h before: late (50 % fee) and past the 12 h reschedule cutoff
    const late = await app.http.get(manage(b.manageToken));
    expect(late.body.cancellation).toMatchObject({
      allowed: true,
      late: true,
      fee: { amount: 4000 },
      outstanding: { amount: 4000 },
    });
    expect(late.body.reschedule).toEqual({ allowed: false, reason: 'past_cutoff' });
    const move = await app.http
      .post(manage(b.manageToken, '/reschedule'))
      .send({ start: at(2, '10:00') });
    expect(move.status).toBe(422);
    expect(move.body.error.details.reason).toBe('past_cutoff');
    clock.set(NOW);
  });

  it('unknown, malformed or altered tokens are 404 on every route', async () => {
    const { serviceId } = await catalogue(app, owner);
    const b = await book(app, owner, serviceId, at(1, '12:00'));
    const altered = `${b.manageToken.slice(0, -1)}${b.manageToken.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [
      altered,
      'x'.repeat(43),
      'short',
      'has spaces in it and more than twenty',
    ]) {
      const attempts = {
        view: app.http.get(manage(encodeURIComponent(token))),
        calendar: app.http.get(manage(encodeURIComponent(token), '/calendar.ics')),
        cancel: app.http.post(manage(encodeURIComponent(token), '/cancel')).send({}),
        reschedule: app.http
          .post(manage(encodeURIComponent(token), '/reschedule'))
          .send({ start: at(2, '12:00') }),
      };
      for (const [route, pending] of Object.entries(attempts)) {
        const r = await pending;
        expect(r.status, `${token}: ${route}`).toBe(404);
        expect(r.body.error.code).toBe('not_found');
      }
    }
    const still = await app.http.get(manage(b.manageToken));
    expect(still.body.booking.status).toBe('confirmed');
  });

  it('reschedules atomically: same booking and link, new time, SEQUENCE + 1, UID unchanged; the old slot is free again', async () => {
    clock.set(NOW);
    const { serviceId, providerIds } = await catalogue(app, owner, { bufferAfterMinutes: 15 });
    const b = await book(app, owner, serviceId, at(2, '10:00'));
    const before = await ics(b.manageToken);
    expect(before).toMatchObject({
      method: 'REQUEST',
      status: 'CONFIRMED',
      sequence: 0,
      start: at(2, '10:00'),
      end: at(2, '11:00'),
    });
    expect(before.uid).toBe(`${b.id}@book.example.com`);
    expect(before.url).toBe(b.manageUrl);
    expect(before.attendee).toMatch(/^mailto:customer-/);

    const taken = await book(app, owner, serviceId, at(2, '14:00'));
    const refused = await app.http
      .post(manage(b.manageToken, '/reschedule'))
      .send({ start: taken.start });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('slot_unavailable');

    const moved = await app.http
      .post(manage(b.manageToken, '/reschedule'))
      .send({ start: at(2, '16:00') });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.booking).toMatchObject({
      id: b.id,
      start: at(2, '16:00'),
      end: at(2, '17:00'),
      status: 'confirmed',
      provider: { id: providerIds[0] },
    });
    const after = await ics(b.manageToken);
    expect(after).toMatchObject({
      uid: before.uid,
      sequence: 1,
      method: 'REQUEST',
      status: 'CONFIRMED',
      start: at(2, '16:00'),
    });

    // The old time can be booked again; the history records who moved it and from where.
    const again = await book(app, owner, serviceId, at(2, '10:00'));
    expect(again.provider.id).toBe(providerIds[0]);
    const detail = await app.http.get(`/v1/admin/bookings/${b.id}`).set(owner.auth);
    expect(detail.body.history.at(-1)).toMatchObject({
      action: 'reschedule',
      actor: { type: 'customer', id: detail.body.customer.id },
      data: { previous: { start: at(2, '10:00'), end: at(2, '11:00') } },
    });
    const topics = await ownerQuery<{ topic: string }>(
      app,
      `SELECT topic FROM outbox_events WHERE payload->>'bookingId' = $1 ORDER BY id`,
      [b.id],
    );
    expect(topics.map((t) => t.topic)).toEqual([
      'booking.created',
      'booking.confirmed',
      'booking.rescheduled',
    ]);
    await assertNoOverlaps(app);
  });

  it('cancels as the customer under the policy; the invite turns into METHOD:CANCEL with a higher SEQUENCE', async () => {
    clock.set(NOW);
    const { serviceId } = await catalogue(app, owner, { priceCents: 6000 });
    const b = await book(app, owner, serviceId, at(0, '16:00')); // 8 h ahead: late
    const r = await app.http
      .post(manage(b.manageToken, '/cancel'))
      .send({ reason: 'Feeling unwell' });
    expect(r.status).toBe(200);
    expect(r.body.booking).toMatchObject({ status: 'cancelled', cancelReason: 'Feeling unwell' });
    expect(r.body.cancellation).toMatchObject({ allowed: false, reason: 'not_cancellable' });
    expect(r.body.reschedule).toEqual({ allowed: false, reason: 'not_reschedulable' });
    const detail = await app.http.get(`/v1/admin/bookings/${b.id}`).set(owner.auth);
    expect(detail.body.history.at(-1)).toMatchObject({
      action: 'cancel',
      actor: { type: 'customer' },
      reason: 'Feeling unwell',
      data: {
        initiatedBy: 'customer',
        late: true,
        settlement: { fee: { amount: 3000, currency: 'USD' } },
      },
    });
    const cal = await ics(b.manageToken);
    expect(cal).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      sequence: 1,
      uid: `${b.id}@book.example.com`,
    });

    const twice = await app.http.post(manage(b.manageToken, '/cancel')).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({
      code: 'invalid_transition',
      details: { currentStatus: 'cancelled' },
    });
    const move = await app.http
      .post(manage(b.manageToken, '/reschedule'))
      .send({ start: at(3, '10:00') });
    expect(move.status).toBe(409);
  });

  it('refuses a customer cancellation once the booking has started', async () => {
    clock.set(NOW);
    const { serviceId } = await catalogue(app, owner);
    const b = await book(app, owner, serviceId, at(0, '09:00'));
    clock.set(at(0, '09:30'));
    const r = await app.http.post(manage(b.manageToken, '/cancel')).send({});
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({
      code: 'unprocessable',
      details: { reason: 'booking_started' },
    });
    const view = await app.http.get(manage(b.manageToken));
    expect(view.body.cancellation).toMatchObject({ allowed: false, reason: 'booking_started' });
    expect(view.body.booking.status).toBe('confirmed');
    clock.set(NOW);
  });

  it('a pending request gives a TENTATIVE invite; rescheduling can be switched off by the business', async () => {
    clock.set(NOW);
    const { serviceId } = await catalogue(app, owner, { requiresApproval: true, name: 'Request' });
    const b = await book(app, owner, serviceId, at(3, '10:00'));
    expect(await ics(b.manageToken)).toMatchObject({ method: 'REQUEST', status: 'TENTATIVE' });

    const biz = await signupOwner(app);
    await app.http
      .patch('/v1/admin/tenant')
      .set(biz.auth)
      .send({ settings: { cancellationPolicy: { allowCustomerReschedule: false } } })
      .expect(200);
    const s = await catalogue(app, biz);
    const c = await book(app, biz, s.serviceId, at(3, '10:00'));
    const view = await app.http.get(manage(c.manageToken));
    expect(view.body.reschedule).toEqual({ allowed: false, reason: 'reschedule_disabled' });
    const r = await app.http
      .post(manage(c.manageToken, '/reschedule'))
      .send({ start: at(3, '11:00') });
    expect(r.status).toBe(422);
    expect(r.body.error.details.reason).toBe('reschedule_disabled');
  });

  it('a customer without an email gets a plain PUBLISH calendar file', async () => {
    const { serviceId } = await catalogue(app, owner);
    const b = await book(app, owner, serviceId, at(4, '10:00'), {
      customer: { name: 'Phone Only', phone: '+1 212 555 0100' },
    });
    const cal = await ics(b.manageToken);
    expect(cal).toMatchObject({ method: 'PUBLISH', status: 'CONFIRMED', sequence: 0 });
    expect(cal.attendee).toBeNull();
  });
});
