import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  at,
  bookingStatus,
  bookPaid,
  customerPays,
  eventually,
  intentIdOf,
  NOW,
  ownerQuery,
  paidService,
  paymentOf,
  startPaymentsApp,
  type PayEnv,
} from './fixtures';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let e: PayEnv;
beforeAll(async () => {
  e = await startPaymentsApp();
});
afterAll(async () => {
  await e?.app.close();
  await e?.fake.close();
});

const TIERS = [{ hoursBefore: 48, feePercent: 50 }, { hoursBefore: 24, feePercent: 100 }];
const FULL = { mode: 'full', cancellationTiers: TIERS, noShowFee: { type: 'none', value: 0 } };
const chargeOf = (piId: string) => {
  const pi = e.fake.state.objects.get(piId)!;
  return { pi, charge: e.fake.state.objects.get(pi.latest_charge as string) };
};

async function paidBooking(serviceId: string, start: string) {
  e.clock.set(NOW);
  const b = await bookPaid(e, serviceId, start);
  expect(await customerPays(e, b.payment.clientSecret, 'pm_card_visa')).toBeNull();
  await e.fake.deliver();
  expect(await bookingStatus(e, b.id)).toBe('confirmed');
  return b;
}

describe('cancellation in each tier: the fee from the tiers at that moment, the rest refunded', () => {
  const cases = [
    { name: 'free (more than 48 h before)', start: at(5, '10:00'), cancelAt: NOW, fee: 0, refund: 5000 },
    { name: '50 % (between 48 h and 24 h)', start: at(2, '10:00'), cancelAt: at(0, '20:00'), fee: 2500, refund: 2500 },
    { name: '100 % (less than 24 h)', start: at(2, '12:00'), cancelAt: at(1, '20:00'), fee: 5000, refund: 0 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const serviceId = await paidService(e, FULL);
      const b = await paidBooking(serviceId, c.start);
      e.clock.set(c.cancelAt);
      // The manage page shows the exact amounts before the customer confirms.
      const view = await e.app.http.get(`/v1/public/bookings/${b.manageToken}`);
      expect(view.status).toBe(200);
      expect(view.body.cancellation.fee.amount).toBe(c.fee);
      expect(view.body.cancellation.refund.amount).toBe(c.refund);
      expect(view.body.payment.paid).toBe(5000);
      const r = await e.app.http.post(`/v1/public/bookings/${b.manageToken}/cancel`).send({});
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.booking.status).toBe('cancelled');
      const p = await paymentOf(e, b.id);
      expect([p.paid, p.refunded, p.inFlight]).toEqual([c.fee, c.refund, 0]);
      expect(Number(chargeOf(intentIdOf(b.payment.clientSecret)).charge?.amount_refunded ?? 0)).toBe(c.refund);
      // The cancellation event carries what the customer's email needs.
      const ev = await ownerQuery<{ payload: Record<string, unknown> }>(e.app, `SELECT payload FROM outbox_events WHERE topic = 'booking.cancelled' AND payload->>'bookingId' = $1`, [b.id]);
      expect(ev[0]!.payload).toMatchObject({ feeChargedMinor: c.fee, refundedMinor: c.refund, currency: 'USD' });
      e.clock.set(NOW);
    });
  }

  it('staff cancelling never charges: full refund', async () => {
    const serviceId = await paidService(e, FULL);
    const b = await paidBooking(serviceId, at(1, '15:00'));
    e.clock.set(at(1, '09:00'));
    const r = await e.app.http.post(`/v1/admin/bookings/${b.id}/cancel`).set(e.owner.auth).send({ reason: 'Closed' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const p = await paymentOf(e, b.id);
    expect([p.paid, p.refunded]).toEqual([0, 5000]);
    e.clock.set(NOW);
  });
});

describe('no-show and card holds', () => {
  it('card on file inside 5 days: a manual-capture hold; the no-show fee is captured, the rest released', async () => {
    const serviceId = await paidService(e, { mode: 'card_on_file', cancellationTiers: [{ hoursBefore: 24, feePercent: 100 }], noShowFee: { type: 'fixed', value: 3000 } });
    e.clock.set(NOW);
    const b = await bookPaid(e, serviceId, at(1, '10:00'));
    expect(b.payment.amountDue).toBe(5000); // the hold covers the largest fee (100 % late cancellation)
    expect(await customerPays(e, b.payment.clientSecret, 'pm_card_visa')).toBeNull();
    await e.fake.deliver();
    expect(await bookingStatus(e, b.id)).toBe('confirmed');
    expect((await paymentOf(e, b.id)).held).toBe(5000);
    expect(e.fake.state.objects.get(intentIdOf(b.payment.clientSecret))!.capture_method).toBe('manual');
    e.clock.set(at(1, '11:00'));
    const r = await e.app.http.post(`/v1/admin/bookings/${b.id}/no-show`).set(e.owner.auth).send({});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const p = await paymentOf(e, b.id);
    expect([p.paid, p.held, p.inFlight]).toEqual([3000, 0, 0]);
    const pi = e.fake.state.objects.get(intentIdOf(b.payment.clientSecret))!;
    expect([pi.status, pi.amount_received]).toEqual(['succeeded', 3000]);
    e.clock.set(NOW);
  });

  it('card on file further than 5 days: a SetupIntent saves the card; a late cancellation is charged off-session', async () => {
    const serviceId = await paidService(e, { mode: 'card_on_file', cancellationTiers: [{ hoursBefore: 24 * 7, feePercent: 20 }], noShowFee: { type: 'none', value: 0 } });
    e.clock.set(NOW);
    const b = await bookPaid(e, serviceId, at(6, '10:00'));
    expect(b.payment.intentKind).toBe('setup');
    expect(await customerPays(e, b.payment.clientSecret, 'pm_card_visa')).toBeNull();
    await e.fake.deliver();
    expect(await bookingStatus(e, b.id)).toBe('confirmed');
    expect((await paymentOf(e, b.id)).state).toBe('card_saved');
    const r = await e.app.http.post(`/v1/public/bookings/${b.manageToken}/cancel`).send({});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const p = await paymentOf(e, b.id);
    expect([p.paid, p.collected]).toEqual([1000, 1000]);
    expect(p.ledger.some((x) => x.entry === 'fee' && x.phase === 'succeeded' && x.amount === 1000)).toBe(true);
  });
});

describe('staff refunds and the crash between the ledger row and the Stripe call', () => {
  it('partial refunds with a reason, never more than what is left', async () => {
    const serviceId = await paidService(e, FULL);
    const b = await paidBooking(serviceId, at(3, '09:00'));
    const r1 = await e.app.http.post(`/v1/admin/bookings/${b.id}/payment/refund`).set(e.owner.auth).send({ amount: 1200, reason: 'Shorter session' });
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect([r1.body.paid, r1.body.refunded, r1.body.refundable]).toEqual([3800, 1200, 3800]);
    const tooMuch = await e.app.http.post(`/v1/admin/bookings/${b.id}/payment/refund`).set(e.owner.auth).send({ amount: 3801, reason: 'x' });
    expect(tooMuch.status).toBe(422);
    const noReason = await e.app.http.post(`/v1/admin/bookings/${b.id}/payment/refund`).set(e.owner.auth).send({ amount: 100 });
    expect(noReason.status).toBe(422);
    expect(Number(chargeOf(intentIdOf(b.payment.clientSecret)).charge?.amount_refunded)).toBe(1200);
  });

  it('Stripe unreachable: the refund row stays pending and is retried with the same key, once', async () => {
    const serviceId = await paidService(e, FULL);
    const b = await paidBooking(serviceId, at(3, '11:00'));
    // The SDK retries once by itself; both attempts "crash" after Stripe did the work.
    e.fake.failNext('/v1/refunds', 2, 'lost');
    const r = await e.app.http.post(`/v1/admin/bookings/${b.id}/payment/refund`).set(e.owner.auth).send({ amount: 700, reason: 'Goodwill' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.inFlight, JSON.stringify(e.fake.requests.filter((x) => x.path === '/v1/refunds'))).toBe(1);
    expect(r.body.refunded).toBe(0);
    const pending = await ownerQuery<{ operation_key: string }>(e.app, `SELECT operation_key FROM payment_ledger WHERE booking_id = $1 AND entry = 'refunded' AND phase = 'pending'`, [b.id]);
    expect(pending).toHaveLength(1);
    // The recovery (the sweeper's work) runs the operation again: same Idempotency-Key, replayed.
    await e.app.system.services.payments.afterChange(e.owner.tenantId, b.id);
    const p = await paymentOf(e, b.id);
    expect([p.refunded, p.inFlight]).toEqual([700, 0]);
    const refunds = [...e.fake.state.objects.values()].filter((o) => o.object === 'refund' && o.payment_intent === intentIdOf(b.payment.clientSecret));
    expect(refunds).toHaveLength(1);
    const keys = e.fake.requests.filter((x) => x.path === '/v1/refunds' && x.idempotencyKey === `slotwise:${pending[0]!.operation_key}`);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.at(-1)!.replayed).toBe(true);
  });

  it('the ledger refuses updates and deletes', async () => {
    const { Client } = await import('pg');
    const c = new Client({ connectionString: e.app.db.url });
    await c.connect();
    try {
      await c.query(`SET ROLE slotwise_app`);
      await c.query(`SELECT set_config('app.tenant_id', $1, false)`, [e.owner.tenantId]);
      await expect(c.query(`UPDATE payment_ledger SET amount_minor = 1`)).rejects.toThrow(/permission denied|append-only/);
      await expect(c.query(`DELETE FROM payment_ledger`)).rejects.toThrow(/permission denied|append-only/);
    } finally {
      await c.end();
    }
    await expect(ownerQuery(e.app, `UPDATE payment_ledger SET amount_minor = 1`)).rejects.toThrow(/append-only/);
  });
});

describe('an abandoned hold expires by itself', () => {
  it('even when its job is lost: availability frees the slot, the next booking takes it, the intent is voided', async () => {
    const serviceId = await paidService(e, { mode: 'fixed_deposit', depositValue: 1500 });
    e.clock.set(NOW);
    const start = at(4, '15:00');
    const b = await bookPaid(e, serviceId, start);
    const slotsOf = async () => {
      const r = await e.app.http.get(`/v1/public/tenants/${e.owner.slug}/availability`).query({ serviceId, from: start.slice(0, 10), to: start.slice(0, 10), timeZone: 'UTC' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const days = r.body.days as { slots: { start: string }[] }[];
      return days.some((d) => d.slots.some((s) => Date.parse(s.start) === Date.parse(start)));
    };
    expect(await slotsOf()).toBe(false);
    // The hold's time passes (the database's clock decides) and its job never runs.
    await ownerQuery(e.app, `UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [b.id]);
    expect(await slotsOf()).toBe(true);
    const again = await e.app.http.post(`/v1/public/tenants/${e.owner.slug}/bookings`).send({ serviceId, start, customer: { name: 'Late', email: 'late@example.com' }, timeZone: 'UTC' });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(await bookingStatus(e, b.id)).toBe('cancelled');
    // The outbox job of the expiry voids the intent: it can no longer be paid.
    await e.app.system.jobs.start();
    await eventually(async () => e.fake.state.objects.get(intentIdOf(b.payment.clientSecret))!.status, (s) => s === 'canceled', 'intent voided');
    expect(await customerPays(e, b.payment.clientSecret, 'pm_card_visa')).not.toBeNull();
  });

  it('the expiry job re-reads the intent first and cancels only what is still unpaid', async () => {
    const serviceId = await paidService(e, { mode: 'fixed_deposit', depositValue: 1500 });
    e.clock.set(NOW);
    const b = await bookPaid(e, serviceId, at(4, '09:00'));
    await ownerQuery(e.app, `UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [b.id]);
    await e.app.system.services.payments.expire(e.owner.tenantId, b.id);
    expect(await bookingStatus(e, b.id)).toBe('cancelled');
    const r = await e.app.http.get(`/v1/admin/bookings/${b.id}`).set(e.owner.auth);
    expect(r.body.cancelReason).toBe('payment_expired');
    expect(e.fake.state.objects.get(intentIdOf(b.payment.clientSecret))!.status).toBe('canceled');
  });
});
