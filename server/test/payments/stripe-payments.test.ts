import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  at,
  bookingStatus,
  bookPaid,
  customerPays,
  intentIdOf,
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

const DEPOSIT = { mode: 'percent_deposit', depositValue: 20, cancellationTiers: [{ hoursBefore: 48, feePercent: 50 }, { hoursBefore: 24, feePercent: 100 }], noShowFee: { type: 'percent', value: 50 } };

describe('deposit at booking through Stripe (official SDK against the fake)', () => {
  it('a deposit booking holds its slot as pending_payment and is confirmed by the webhook', async () => {
    const serviceId = await paidService(e, DEPOSIT);
    const b = await bookPaid(e, serviceId, at(3, '10:00'));
    expect(b.payment.amountDue).toBe(1000);
    expect(b.payment.intentKind).toBe('payment');
    // The slot is held: nobody else can take it while the customer pays.
    const other = await e.app.http.post(`/v1/public/tenants/${e.owner.slug}/bookings`).send({ serviceId, start: at(3, '10:00'), customer: { name: 'X', email: 'x@example.com' }, timeZone: 'UTC' });
    expect(other.status).toBe(409);

    expect(await customerPays(e, b.payment.clientSecret, 'pm_card_visa')).toBeNull();
    const statuses = await e.fake.deliver();
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await bookingStatus(e, b.id)).toBe('confirmed');
    const p = await paymentOf(e, b.id);
    expect([p.state, p.paid, p.collected, p.held]).toEqual(['paid', 1000, 1000, 0]);
    // The PaymentIntent carries the booking's deterministic idempotency key.
    const create = e.fake.requests.find((r) => r.path === '/v1/payment_intents' && r.idempotencyKey?.includes(b.id));
    expect(create?.idempotencyKey).toBe(`slotwise:bk_${b.id}:intent`);
  });

  it('a declined card leaves the booking pending_payment; another card then confirms it', async () => {
    const serviceId = await paidService(e, DEPOSIT);
    const b = await bookPaid(e, serviceId, at(3, '12:00'));
    const err = await customerPays(e, b.payment.clientSecret, 'pm_card_chargeDeclined');
    expect(err?.code).toBe('card_declined');
    await e.fake.deliver();
    expect(await bookingStatus(e, b.id)).toBe('pending_payment');
    expect((await paymentOf(e, b.id)).state).toBe('failed');
    expect(await customerPays(e, b.payment.clientSecret, 'pm_card_visa')).toBeNull();
    // The booking app's confirmation call (no webhook needed): the server re-reads the intent.
    const c = await e.app.http.post(`/v1/public/bookings/${b.manageToken}/payment/confirm`).send({});
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.bookingStatus).toBe('confirmed');
    expect(c.body.paid).toBe(1000);
  });

  it('a card that requires action waits for authentication, then confirms', async () => {
    const serviceId = await paidService(e, DEPOSIT);
    const b = await bookPaid(e, serviceId, at(3, '14:00'));
    expect(await customerPays(e, b.payment.clientSecret, 'pm_card_authenticationRequired')).toBeNull();
    await e.fake.deliver();
    expect((await paymentOf(e, b.id)).state).toBe('action_required');
    expect(await bookingStatus(e, b.id)).toBe('pending_payment');
    const r = await fetch(`${e.fake.url}/v1/test/intents/${intentIdOf(b.payment.clientSecret)}/authenticate`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_browser', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'approve=true',
    });
    expect(r.status).toBe(200);
    await e.fake.deliver();
    expect(await bookingStatus(e, b.id)).toBe('confirmed');
  });

  it('duplicate and out-of-order webhooks change nothing twice', async () => {
    const serviceId = await paidService(e, DEPOSIT);
    const b = await bookPaid(e, serviceId, at(4, '10:00'));
    await e.fake.deliver(); // what happened so far (created)
    expect(await customerPays(e, b.payment.clientSecret, 'pm_card_visa')).toBeNull();
    const pi = intentIdOf(b.payment.clientSecret);
    const mine = e.fake.state.events.filter((ev) => (ev.data as { object: { id: string; payment_intent?: string } }).object.id === pi || (ev.data as { object: { payment_intent?: string } }).object.payment_intent === pi);
    // Newest first, then everything again.
    const statuses = await e.fake.deliver([...mine].reverse());
    const again = await e.fake.deliver(mine);
    expect([...statuses, ...again].every((s) => s === 200)).toBe(true);
    const p = await paymentOf(e, b.id);
    expect(p.ledger.filter((x) => x.phase === 'succeeded').map((x) => `${x.entry}:${x.amount}`).sort()).toEqual(['authorized:1000', 'captured:1000']);
    const dupes = await ownerQuery<{ n: number }>(e.app, `SELECT count(*)::int AS n FROM stripe_events WHERE id = ANY($1)`, [mine.map((m) => m.id)]);
    expect(dupes[0]!.n).toBe(mine.length);
  });

  it('forged, altered, unsigned and stale webhooks are refused with 400 and change nothing', async () => {
    const before = await ownerQuery<{ n: number }>(e.app, 'SELECT count(*)::int AS n FROM stripe_events');
    const evt = JSON.stringify({ id: 'evt_forged_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_forged', object: 'payment_intent' } } });
    expect(await e.fake.post(evt, e.fake.sign(evt, { secret: 'whsec_attacker' }))).toBe(400);
    expect(await e.fake.post(evt, undefined)).toBe(400);
    const sig = e.fake.sign(evt);
    expect(await e.fake.post(evt.replace('pi_forged', 'pi_forged2'), sig)).toBe(400);
    expect(await e.fake.post(evt, e.fake.sign(evt, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).toBe(400);
    const res = await fetch(`${e.app.baseUrl}/v1/webhooks/stripe`, { method: 'POST', headers: { 'stripe-signature': 't=1,v1=00' }, body: evt });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    const after = await ownerQuery<{ n: number }>(e.app, 'SELECT count(*)::int AS n FROM stripe_events');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
