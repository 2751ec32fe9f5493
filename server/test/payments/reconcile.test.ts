import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  at,
  bookPaid,
  customerPays,
  NOW,
  ownerQuery,
  paidService,
  startPaymentsApp,
  type PayEnv,
} from './fixtures';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

let e: PayEnv;
beforeAll(async () => {
  e = await startPaymentsApp();
});
afterAll(async () => {
  await e?.app.close();
  await e?.fake.close();
});

type Step = 'pay' | 'decline' | 'cancel_customer' | 'cancel_staff' | 'refund' | 'no_show' | 'duplicate_webhooks' | 'lost_refund';

describe('a randomized run: the ledger agrees with the fake Stripe to the cent', () => {
  it('sums of captured, refunded and held match Stripe\u2019s objects', async () => {
    const deposit = await paidService(e, { mode: 'percent_deposit', depositValue: 33.33, cancellationTiers: [{ hoursBefore: 48, feePercent: 50 }, { hoursBefore: 24, feePercent: 100 }], noShowFee: { type: 'percent', value: 40 } }, { priceCents: 4999 });
    const full = await paidService(e, { mode: 'full', cancellationTiers: [{ hoursBefore: 30, feePercent: 25 }], noShowFee: { type: 'none', value: 0 } }, { priceCents: 3333 });
    const hold = await paidService(e, { mode: 'card_on_file', cancellationTiers: [{ hoursBefore: 72, feePercent: 60 }], noShowFee: { type: 'fixed', value: 1777 } }, { priceCents: 6001 });
    const services = [deposit, full, hold];
    const steps = fc.sample(
      fc.record({
        service: fc.integer({ min: 0, max: 2 }),
        day: fc.integer({ min: 1, max: 4 }),
        ops: fc.array(fc.constantFrom<Step>('pay', 'decline', 'cancel_customer', 'cancel_staff', 'refund', 'no_show', 'duplicate_webhooks', 'lost_refund'), { minLength: 1, maxLength: 4 }),
        refund: fc.integer({ min: 1, max: 3000 }),
        cancelHoursBefore: fc.integer({ min: 1, max: 90 }),
      }),
      { numRuns: 14, seed: 1307 },
    );
    let hour = 9;
    let day = 1;
    for (const s of steps) {
      e.clock.set(NOW);
      if (hour > 15) {
        hour = 9;
        day += 1;
      }
      const start = at(day, `${String(hour++).padStart(2, '0')}:00`);
      const b = await bookPaid(e, services[s.service]!, start);
      for (const op of s.ops) {
        if (op === 'pay') {
          await customerPays(e, b.payment.clientSecret, 'pm_card_visa');
          await e.fake.deliver();
        } else if (op === 'decline') {
          await customerPays(e, b.payment.clientSecret, 'pm_card_chargeDeclined');
          await e.fake.deliver();
        } else if (op === 'duplicate_webhooks') {
          const evs = e.fake.state.events.slice(-6);
          await e.fake.deliver([...evs].reverse());
        } else if (op === 'cancel_customer') {
          e.clock.set(new Date(Date.parse(start) - s.cancelHoursBefore * 3_600_000).toISOString());
          await e.app.http.post(`/v1/public/bookings/${b.manageToken}/cancel`).send({});
        } else if (op === 'cancel_staff') {
          await e.app.http.post(`/v1/admin/bookings/${b.id}/cancel`).set(e.owner.auth).send({});
        } else if (op === 'no_show') {
          e.clock.set(new Date(Date.parse(start) + 3_600_000).toISOString());
          await e.app.http.post(`/v1/admin/bookings/${b.id}/no-show`).set(e.owner.auth).send({});
        } else if (op === 'refund' || op === 'lost_refund') {
          if (op === 'lost_refund') e.fake.failNext('/v1/refunds', 2, 'lost');
          await e.app.http.post(`/v1/admin/bookings/${b.id}/payment/refund`).set(e.owner.auth).send({ amount: s.refund, reason: 'random' });
        }
      }
      e.clock.set(NOW);
      // Whatever a crash left pending is finished by the recovery, as the sweeper would.
      await e.app.system.services.payments.afterChange(e.owner.tenantId, b.id);
    }
    await e.fake.deliver();

    const ledger = await ownerQuery<{ collected: number; refunded: number; held: number; pending: number }>(
      e.app,
      `SELECT COALESCE(sum(amount_minor) FILTER (WHERE phase = 'succeeded' AND entry IN ('captured', 'fee')), 0)::int AS collected,
              COALESCE(sum(amount_minor) FILTER (WHERE phase = 'succeeded' AND entry = 'refunded'), 0)::int AS refunded,
              (COALESCE(sum(amount_minor) FILTER (WHERE phase = 'succeeded' AND entry = 'authorized'), 0)
               - COALESCE(sum(amount_minor) FILTER (WHERE phase = 'succeeded' AND entry = 'captured'), 0)
               - COALESCE(sum(amount_minor) FILTER (WHERE phase = 'succeeded' AND entry = 'released'), 0))::int AS held,
              (SELECT count(*)::int FROM payment_ledger p WHERE p.tenant_id = $1 AND p.phase = 'pending'
                 AND NOT EXISTS (SELECT 1 FROM payment_ledger o WHERE o.operation_key = p.operation_key AND o.phase <> 'pending')) AS pending
       FROM payment_ledger WHERE tenant_id = $1`,
      [e.owner.tenantId],
    );
    const intents = [...e.fake.state.objects.values()].filter((o) => o.object === 'payment_intent' && (o.metadata as Record<string, string>).tenant_id === e.owner.tenantId);
    const stripeCollected = intents.reduce((s, pi) => s + Number(pi.amount_received), 0);
    const stripeRefunded = intents.reduce((s, pi) => s + Number(pi.latest_charge ? e.fake.state.objects.get(pi.latest_charge as string)!.amount_refunded : 0), 0);
    const stripeHeld = intents.filter((pi) => pi.status === 'requires_capture').reduce((s, pi) => s + Number(pi.amount_capturable), 0);
    expect(ledger[0]).toEqual({ collected: stripeCollected, refunded: stripeRefunded, held: stripeHeld, pending: 0 });
    expect(stripeCollected).toBeGreaterThan(0);
    // Collected revenue (reports) is the same ledger sum.
    const rev = await e.app.http.get('/v1/admin/payments/revenue').set(e.owner.auth).query({ from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' });
    expect(rev.status).toBe(200);
    expect(rev.body.items).toEqual([{ currency: 'USD', collected: stripeCollected, refunded: stripeRefunded, net: stripeCollected - stripeRefunded }]);
  });
});
