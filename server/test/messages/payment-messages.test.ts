import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { at, book, catalogue, ownerQuery, startBookingApp, type Owner, type manualClock } from '../bookings/fixtures';
import { signupOwner, type TestApp } from '../support/test-app';
import { drainOutbox, messagesOf } from './support';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/**
 * The seam between payments and messages, end to end through the public API and the local
 * gateway (the embedded default): the outbox rows the payments module writes are the ones the
 * message jobs read. A deposit booking: one "payment needed" email, one "confirmed" once paid, a
 * cancellation inside a fee tier stating the fee kept and the refund; an unpaid hold that runs out:
 * one "hold expired" email.
 */
let app: TestApp;
let clock: ReturnType<typeof manualClock>;
let owner: Owner;
let serviceId: string;

// $50.00, a 50 % deposit ($25.00); cancelling within 48 h costs 20 % ($10.00), within 24 h 100 %.
const POLICY = {
  mode: 'percent_deposit',
  depositValue: 50,
  cancellationTiers: [
    { hoursBefore: 48, feePercent: 20 },
    { hoursBefore: 24, feePercent: 100 },
  ],
  noShowFee: { type: 'none', value: 0 },
};
const card = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' };

beforeAll(async () => {
  ({ app, clock } = await startBookingApp());
  owner = await signupOwner(app, { currency: 'USD' });
  ({ serviceId } = await catalogue(app, owner, { priceCents: 5000, name: 'Colour' }));
  const r = await app.http
    .patch(`/v1/admin/services/${serviceId}`)
    .set(owner.auth)
    .send({ paymentPolicy: POLICY });
  expect(r.status, r.text).toBe(200);
  const t = await app.http
    .patch('/v1/admin/tenant')
    .set(owner.auth)
    .send({ settings: { notificationEmail: 'desk@biz.example' } });
  expect(t.status, t.text).toBe(200);
});
afterAll(async () => app?.close());

const customerMail = async (bookingId: string, email: string) =>
  (await messagesOf(app, owner.tenantId)).filter(
    (m) => m.booking_id === bookingId && m.to.toLowerCase() === email.toLowerCase(),
  );

async function bookDeposit(start: string, extra: Record<string, unknown> = {}) {
  const b = (await book(app, owner, serviceId, start, extra)) as unknown as {
    id: string;
    status: string;
    manageToken: string;
    payment: { clientMode: string; amountDue: number };
  };
  expect(b.status).toBe('pending_payment');
  expect(b.payment).toMatchObject({ clientMode: 'local', amountDue: 2500 });
  const [row] = await ownerQuery<{ email: string }>(
    app,
    'SELECT c.email FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.id = $1',
    [b.id],
  );
  return { ...b, email: row!.email };
}

describe('deposit booking: payment needed, confirmed, cancelled with a fee', () => {
  it('one email per step, with the amounts the payments module wrote', async () => {
    clock.set(at(0, '08:00'));
    const b = await bookDeposit(at(2, '10:00'));
    await drainOutbox(app);

    // Exactly one customer email: "payment needed" (not also "booked"), with the deposit due.
    let mail = await customerMail(b.id, b.email);
    expect(mail.map((m) => m.template)).toEqual(['booking.payment_required']);
    const due = mail[0]!;
    expect(due.subject).toBe('Payment needed to confirm Colour');
    expect(due.text_body).toContain('Amount due: $25.00');
    expect(due.text_body).toMatch(/Please pay by .+, or the time is released\./);
    // The pay link is the manage link, its token derived by the sender and redacted in the log.
    expect(due.text_body).toContain('Pay now: https://book.example.com/manage/[redacted]');
    expect(due.text_body).not.toContain(b.manageToken);
    // The outbox row holds the link base only (ADR 0008).
    const [ev] = await ownerQuery<{ payload: Record<string, unknown> }>(
      app,
      `SELECT payload FROM outbox_events WHERE topic = 'booking.payment_required' AND payload->>'bookingId' = $1`,
      [b.id],
    );
    expect(JSON.stringify(ev!.payload)).not.toContain(b.manageToken);
    // The business hears nothing of an unpaid hold.
    expect((await messagesOf(app, owner.tenantId)).filter((m) => m.booking_id === b.id)).toHaveLength(1);

    // The customer pays through the local gateway's public card route.
    const paid = await app.http.post(`/v1/public/bookings/${b.manageToken}/payment/card`).send(card);
    expect(paid.status, paid.text).toBe(200);
    expect([paid.body.state, paid.body.bookingStatus, paid.body.paid]).toEqual(['paid', 'confirmed', 2500]);
    await drainOutbox(app);
    mail = await customerMail(b.id, b.email);
    expect(mail.map((m) => m.template)).toEqual(['booking.payment_required', 'booking.confirmed']);
    expect(mail[1]!.subject).toMatch(/^Confirmed: Colour on /);
    // Now the business hears of the booking, once.
    const business = (await messagesOf(app, owner.tenantId)).filter(
      (m) => m.booking_id === b.id && m.to === 'desk@biz.example',
    );
    expect(business.map((m) => m.template)).toEqual(['business.new_booking']);

    // 38 h before: the 20 % tier. $10.00 of the $25.00 deposit is kept, $15.00 refunded.
    clock.set(at(0, '20:00'));
    const c = await app.http.post(`/v1/public/bookings/${b.manageToken}/cancel`).send({});
    expect(c.status, c.text).toBe(200);
    expect(c.body.booking.status).toBe('cancelled');
    await drainOutbox(app);
    mail = await customerMail(b.id, b.email);
    expect(mail.map((m) => m.template)).toEqual([
      'booking.payment_required',
      'booking.confirmed',
      'booking.cancelled',
    ]);
    const cancelled = mail[2]!;
    expect(cancelled.text_body).toContain('A cancellation fee of $10.00 applies.');
    expect(cancelled.text_body).toContain('You will be refunded $15.00.');
    expect(cancelled.html_body).toContain('$15.00');
    // Stated once: the fee is what was kept, not a second "deposit kept" line.
    expect(cancelled.text_body).not.toContain('of your deposit is kept');
    // The money matches what the email says.
    const money = await app.http.get(`/v1/admin/bookings/${b.id}/payment`).set(owner.auth);
    expect(money.status, money.text).toBe(200);
    expect([money.body.paid, money.body.refunded, money.body.inFlight]).toEqual([1000, 1500, 0]);
  });
});

describe('an unpaid hold that runs out', () => {
  it('one short "hold expired" email in the customer language, nothing else, even when both expiry paths run', async () => {
    clock.set(at(0, '08:00'));
    const b = await bookDeposit(at(3, '10:00'), { language: 'es' });
    await drainOutbox(app);
    expect((await customerMail(b.id, b.email)).map((m) => m.template)).toEqual([
      'booking.payment_required',
    ]);
    // The hold is over (the database's clock decides); the expiry job cancels the booking.
    await ownerQuery(app, `UPDATE bookings SET hold_expires_at = now() - interval '1 minute' WHERE id = $1`, [b.id]);
    await app.system.jobs.handlers['payments.expire-hold']!({
      id: 'expire-1',
      name: 'payments.expire-hold',
      data: { tenantId: owner.tenantId, bookingId: b.id },
      attempt: 1,
    });
    // And the SQL sweep's event for the same booking (as if booking_create had expired it too).
    await ownerQuery(
      app,
      `INSERT INTO outbox_events (tenant_id, topic, payload) VALUES ($1, 'booking.payment_expired', jsonb_build_object('bookingId', $2::text))`,
      [owner.tenantId, b.id],
    );
    await drainOutbox(app);
    const mail = await customerMail(b.id, b.email);
    expect(mail.map((m) => m.template)).toEqual(['booking.payment_required', 'booking.payment_expired']);
    const expired = mail[1]!;
    expect(expired.subject).toMatch(/^Sin reserva: Colour el /);
    expect(expired.text_body).toContain('el horario quedó libre');
    expect(expired.text_body).not.toContain('/manage/');
    expect((await messagesOf(app, owner.tenantId)).filter((m) => m.booking_id === b.id)).toHaveLength(2);
  });
});
