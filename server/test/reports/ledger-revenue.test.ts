import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  at,
  book,
  catalogue,
  ownerQuery,
  signupOwner,
  startBookingApp,
  type Owner,
} from '../bookings/fixtures';
import type { TestApp } from '../support/test-app';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// The embedded default's gateway (local card form): real ledger rows through the real money path.
let app: TestApp;
let clock: Awaited<ReturnType<typeof startBookingApp>>['clock'];
let owner: Owner;
beforeAll(async () => {
  ({ app, clock } = await startBookingApp());
  owner = await signupOwner(app, { currency: 'USD', timeZone: 'America/New_York' });
});
afterAll(async () => app?.close());

const card = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };
const usd = (amount: number) => [{ amount, currency: 'USD' }];
/** The business's local date of an instant (the ledger stamps rows with the database's clock). */
const localDate = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(ms);

async function summary(query: Record<string, string>) {
  const res = await app.http.get('/v1/admin/reports/summary').query(query).set(owner.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('reports take money from the ledger', () => {
  it('collects deposits and the no-show fee, less refunds; a no-show\u2019s price is never revenue', async () => {
    const { serviceId: holdService, providerIds } = await catalogue(app, owner, {
      priceCents: 5000,
    });
    const { serviceId: depositService, providerIds: depositProviders } = await catalogue(
      app,
      owner,
      { priceCents: 5000, name: 'Colour' },
    );
    const policies = {
      // card saved, nothing charged now; a no-show is charged a fixed fee off-session
      [holdService]: {
        mode: 'card_on_file',
        cancellationTiers: [],
        noShowFee: { type: 'fixed', value: 1777 },
      },
      [depositService]: {
        mode: 'percent_deposit',
        depositValue: 20,
        cancellationTiers: [],
        noShowFee: { type: 'none', value: 0 },
      },
    };
    for (const [id, paymentPolicy] of Object.entries(policies)) {
      const p = await app.http
        .patch(`/v1/admin/services/${id}`)
        .set(owner.auth)
        .send({ paymentPolicy });
      expect(p.status, JSON.stringify(p.body)).toBe(200);
    }

    const before = Date.now();
    const paid: { id: string }[] = [];
    for (const [id, start] of [
      [holdService, at(8, '15:00')], // beyond the 5-day authorisation window: the card is saved
      [depositService, at(2, '15:00')],
    ] as const) {
      const b = (await book(app, owner, id, start)) as unknown as {
        id: string;
        manageToken: string;
      };
      const pay = await app.http
        .post(`/v1/public/bookings/${b.manageToken}/payment/card`)
        .send(card);
      expect([pay.status, pay.body.bookingStatus], JSON.stringify(pay.body)).toEqual([
        200,
        'confirmed',
      ]);
      paid.push(b);
    }
    const [missed, kept] = paid as [{ id: string }, { id: string }];
    clock.set(at(8, '17:00'));
    const ns = await app.http
      .post(`/v1/admin/bookings/${missed.id}/no-show`)
      .set(owner.auth)
      .send({});
    expect(ns.status, JSON.stringify(ns.body)).toBe(200);
    const rf = await app.http
      .post(`/v1/admin/bookings/${kept.id}/payment/refund`)
      .set(owner.auth)
      .send({ amount: 300, reason: 'goodwill' });
    expect(rf.status, JSON.stringify(rf.body)).toBe(200);

    // What the ledger holds, read straight from the table.
    const [l] = await ownerQuery<{ captured: number; fees: number; refunded: number }>(
      app,
      `SELECT COALESCE(sum(amount_minor) FILTER (WHERE entry = 'captured'), 0)::int AS captured,
              COALESCE(sum(amount_minor) FILTER (WHERE entry = 'fee'), 0)::int AS fees,
              COALESCE(sum(amount_minor) FILTER (WHERE entry = 'refunded'), 0)::int AS refunded
       FROM payment_ledger WHERE tenant_id = $1 AND phase = 'succeeded'`,
      [owner.tenantId],
    );
    expect(l).toEqual({ captured: 1000, fees: 1777, refunded: 300 }); // a 20 % deposit, the no-show fee

    // The days the money moved (the ledger's clock is the database's, today).
    const moneyDays = {
      from: localDate(before - 86_400_000),
      to: localDate(Date.now() + 86_400_000),
    };
    const cash = await summary(moneyDays);
    expect(cash.revenue).toMatchObject({
      paymentsInUse: true,
      collected: { captured: usd(1000), fees: usd(1777), refunded: usd(300), net: usd(2477) },
    });
    const dailyNet = (cash.daily as { collected: { amount: number }[] }[]).reduce(
      (s, d) => s + d.collected.reduce((t, m) => t + m.amount, 0),
      0,
    );
    expect(dailyNet).toBe(2477);

    // The days the bookings are on: the no-show's price is apart, never booked or collected.
    const work = await summary({ from: '2030-01-08', to: '2030-01-15' });
    expect(work.bookings.byStatus).toMatchObject({ no_show: 1, confirmed: 1 });
    expect(work.revenue).toMatchObject({
      paymentsInUse: true,
      collected: { captured: [], fees: [], refunded: [], net: [] },
      booked: usd(5000),
      noShow: usd(5000),
      upcoming: usd(5000),
      // 5000 less the deposit kept on it (1000 − 300 refunded)
      upcomingDue: usd(4300),
    });

    // The use case narrows to a set of providers (what a location filter maps onto).
    const principal = {
      kind: 'user',
      userId: owner.userId,
      sessionId: 's',
      tenantId: owner.tenantId,
      role: 'owner',
    } as const;
    const reports = app.system.services.reports;
    // Each catalogue has its own provider: the fee is the first's, the deposit and refund the second's.
    const first = await reports.summary(principal, moneyDays, { providerIds });
    expect(first.revenue.collected).toEqual({
      captured: [],
      fees: usd(1777),
      refunded: [],
      net: usd(1777),
    });
    const both = await reports.summary(principal, moneyDays, {
      providerIds: [...providerIds, ...depositProviders],
    });
    expect(both.revenue).toEqual(cash.revenue);
    const { providerIds: others } = await catalogue(app, owner, { name: 'Other' });
    const none = await reports.summary(principal, moneyDays, { providerIds: others });
    expect(none.revenue.collected.net).toEqual([]);
    expect(none.utilisation.map((u) => u.providerId)).toEqual(others);
    const noneWork = await reports.summary(
      principal,
      { from: '2030-01-08', to: '2030-01-15' },
      { providerIds: others },
    );
    expect(noneWork.bookings.total).toBe(0);
  });
});
