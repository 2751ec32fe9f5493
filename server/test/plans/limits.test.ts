import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import {
  at,
  bookingBody,
  catalogue,
  ownerQuery,
  signupOwner,
  startBookingApp,
  type Owner,
} from '../bookings/fixtures';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let app: TestApp;
beforeAll(async () => {
  ({ app } = await startBookingApp({ PLANS_ENABLED: 'true' }));
});
afterAll(async () => app?.close());

async function fire(
  n: number,
  path: string,
  body: (i: number) => unknown,
  headers: Record<string, string> = {},
) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await fetch(`${app.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body(i)),
      });
      return {
        status: res.status,
        body: (await res.json()) as { error?: { code: string; details?: Record<string, unknown> } },
      };
    }),
  );
}

/** Lowers the free plan's monthly cap for this database (what PLANS_ENABLED wrote at start-up). */
const setFreeCap = (n: number | null) =>
  ownerQuery(app, `UPDATE plan_limits SET monthly_bookings = $1 WHERE plan = 'free'`, [n]);

describe('free plan limits (PLANS_ENABLED=true)', () => {
  it('writes the catalogue\u2019s monthly caps to plan_limits at start-up', async () => {
    const rows = await ownerQuery<{ plan: string; monthly_bookings: number | null }>(
      app,
      'SELECT plan, monthly_bookings FROM plan_limits ORDER BY plan',
    );
    expect(rows).toEqual([
      { plan: 'free', monthly_bookings: 100 },
      { plan: 'pro', monthly_bookings: 5000 },
    ]);
  });

  it('caps providers at 2: a burst of 8 concurrent creations lets exactly 2 through, the rest get 402 with details', async () => {
    const owner = await signupOwner(app);
    const results = await fire(
      8,
      '/v1/admin/providers',
      (i) => ({ name: `P${i}`, timeZone: 'UTC' }),
      owner.auth,
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 402);
    expect(refused).toHaveLength(6);
    expect(refused[0]!.body.error).toMatchObject({
      code: 'payment_required',
      details: {
        resource: 'providers',
        limit: 2,
        usage: 2,
        plan: 'free',
        upgradeUrl: 'https://book.example.com/admin/settings#plan',
      },
    });
    const [{ n }] = (await ownerQuery<{ n: number }>(
      app,
      'SELECT count(*)::int AS n FROM providers WHERE tenant_id = $1 AND deleted_at IS NULL',
      [owner.tenantId],
    )) as [{ n: number }];
    expect(n).toBe(2);
    // Existing providers keep working; deleting one makes room again.
    const list = await app.http.get('/v1/admin/providers').set(owner.auth);
    expect(list.status).toBe(200);
    const del = await app.http
      .delete(`/v1/admin/providers/${list.body.items[0].id}`)
      .set(owner.auth);
    expect(del.status).toBe(204);
    const again = await app.http
      .post('/v1/admin/providers')
      .set(owner.auth)
      .send({ name: 'Again', timeZone: 'UTC' });
    expect(again.status).toBe(201);
  });

  it('refuses webhook endpoints on the free plan with 402 and changes nothing', async () => {
    const owner = await signupOwner(app);
    const r = await app.http
      .post('/v1/admin/webhooks/endpoints')
      .set(owner.auth)
      .send({ url: 'https://hooks.example.com/x', events: ['booking.created'] });
    expect(r.status).toBe(402);
    expect(r.body.error).toMatchObject({
      code: 'payment_required',
      details: { feature: 'webhooks', plan: 'free' },
    });
    const [{ n }] = (await ownerQuery<{ n: number }>(
      app,
      'SELECT count(*)::int AS n FROM webhook_endpoints WHERE tenant_id = $1',
      [owner.tenantId],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('caps monthly bookings in the database: a concurrent burst cannot pass the cap; existing bookings keep working', async () => {
    const owner = await signupOwner(app);
    const { serviceId } = await catalogue(app, owner, { providers: 2 });
    await setFreeCap(3);
    try {
      // 30 customers at once, each on a free slot of its own (no slot conflicts): exactly 3 get in.
      const results = await fire(30, `/v1/public/tenants/${owner.slug}/bookings`, (i) =>
        bookingBody(
          serviceId,
          at(1 + (i % 15), `${String(9 + Math.floor(i / 15)).padStart(2, '0')}:00`),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(3);
      const refused = results.filter((r) => r.status === 402);
      expect(refused).toHaveLength(27);
      expect(refused[0]!.body.error).toMatchObject({
        code: 'payment_required',
        details: { resource: 'monthly_bookings', limit: 3, usage: 3 },
      });
      const rows = await ownerQuery<{ id: string }>(
        app,
        'SELECT id FROM bookings WHERE tenant_id = $1',
        [owner.tenantId],
      );
      expect(rows).toHaveLength(3);

      // Staff bookings count against the same cap.
      const admin = await app.http
        .post('/v1/admin/bookings')
        .set(owner.auth)
        .send(bookingBody(serviceId, at(9, '10:00')));
      expect(admin.status).toBe(402);

      // Existing bookings keep working: cancelling one succeeds (and does not give the month back).
      const cancel = await app.http
        .post(`/v1/admin/bookings/${rows[0]!.id}/cancel`)
        .set(owner.auth)
        .send({ reason: 'test' });
      expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
      const after = await app.http
        .post(`/v1/public/tenants/${owner.slug}/bookings`)
        .send(bookingBody(serviceId, at(10, '10:00')));
      expect(after.status).toBe(402);
      // With an Idempotency-Key the write runs in the request's held transaction: the same refusal.
      const keyed = await app.http
        .post(`/v1/public/tenants/${owner.slug}/bookings`)
        .set('Idempotency-Key', `cap-${owner.tenantId}`)
        .send(bookingBody(serviceId, at(10, '11:00')));
      expect(keyed.status, JSON.stringify(keyed.body)).toBe(402);
      expect(keyed.body.error).toMatchObject({ code: 'payment_required', details: { resource: 'monthly_bookings', limit: 3, usage: 3 } });

      const billing = await app.http.get('/v1/admin/billing').set(owner.auth);
      expect(billing.status).toBe(200);
      expect(billing.body).toMatchObject({
        enabled: true,
        plan: { id: 'free' },
        usage: { monthlyBookings: 3, providers: 2 },
        subscription: null,
      });

      // The public profile tells the booking app to show its neutral message.
      const profile = await app.http.get(`/v1/public/tenants/${owner.slug}`);
      expect(profile.body.acceptingBookings).toBe(false);
    } finally {
      await setFreeCap(100);
    }
    const profile = await app.http.get(`/v1/public/tenants/${owner.slug}`);
    expect(profile.body.acceptingBookings).toBe(true);
  });

  it('the cap is per tenant: another tenant books freely', async () => {
    const a: Owner = await signupOwner(app);
    const b: Owner = await signupOwner(app);
    const ca = await catalogue(app, a);
    const cb = await catalogue(app, b);
    await setFreeCap(1);
    try {
      expect(
        (
          await app.http
            .post(`/v1/public/tenants/${a.slug}/bookings`)
            .send(bookingBody(ca.serviceId, at(1, '09:00')))
        ).status,
      ).toBe(201);
      expect(
        (
          await app.http
            .post(`/v1/public/tenants/${a.slug}/bookings`)
            .send(bookingBody(ca.serviceId, at(1, '11:00')))
        ).status,
      ).toBe(402);
      expect(
        (
          await app.http
            .post(`/v1/public/tenants/${b.slug}/bookings`)
            .send(bookingBody(cb.serviceId, at(1, '09:00')))
        ).status,
      ).toBe(201);
    } finally {
      await setFreeCap(100);
    }
  });

  it('without STRIPE_WEBHOOK_SECRET every Stripe webhook is refused (400 invalid_signature), whatever is sent', async () => {
    const r = await app.http
      .post('/v1/webhooks/stripe')
      .set('stripe-signature', 't=1,v1=abc')
      .send('{"id":"evt_1"}');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_signature');
  });

  it('expired unpaid holds do not count against the monthly cap; running holds and cancellations do', async () => {
    const owner = await signupOwner(app);
    const { serviceId } = await catalogue(app, owner);
    await setFreeCap(3);
    try {
      const ids: string[] = [];
      for (const hour of ['09:00', '10:00', '11:00']) {
        const r = await app.http
          .post(`/v1/public/tenants/${owner.slug}/bookings`)
          .send(bookingBody(serviceId, at(2, hour)));
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        ids.push(r.body.id);
      }
      const next = () =>
        app.http
          .post(`/v1/public/tenants/${owner.slug}/bookings`)
          .send(bookingBody(serviceId, at(3, '09:00')));
      expect((await next()).status).toBe(402);
      // As the payment module leaves them: one hold still running, one swept (cancelled,
      // payment_expired), one past its expiry that no sweep has reached yet, one staff cancellation.
      await ownerQuery(
        app,
        `UPDATE bookings SET status = 'pending_payment', hold_expires_at = now() + interval '10 minutes' WHERE id = $1`,
        [ids[0]],
      );
      await ownerQuery(
        app,
        `UPDATE bookings SET status = 'cancelled', cancel_reason = 'payment_expired', cancelled_at = now() WHERE id = $1`,
        [ids[1]],
      );
      expect((await next()).status, 'one hold expired: one booking fits again').toBe(201);
      const usage = await app.http.get('/v1/admin/billing').set(owner.auth);
      expect(usage.body.usage.monthlyBookings).toBe(3);
      await ownerQuery(
        app,
        `UPDATE bookings SET status = 'pending_payment', hold_expires_at = now() - interval '1 minute' WHERE id = $1`,
        [ids[0]],
      );
      expect(
        (await app.http.get('/v1/admin/billing').set(owner.auth)).body.usage.monthlyBookings,
      ).toBe(2);
      await ownerQuery(
        app,
        `UPDATE bookings SET status = 'cancelled', cancel_reason = 'test', cancelled_at = now() WHERE id = $1`,
        [ids[2]],
      );
      expect(
        (await app.http.get('/v1/admin/billing').set(owner.auth)).body.usage.monthlyBookings,
      ).toBe(2);
      const last = await app.http
        .post(`/v1/public/tenants/${owner.slug}/bookings`)
        .send(bookingBody(serviceId, at(3, '11:00')));
      expect(last.status).toBe(201);
      const over = await app.http
        .post(`/v1/public/tenants/${owner.slug}/bookings`)
        .send(bookingBody(serviceId, at(4, '09:00')));
      expect(over.status).toBe(402);
    } finally {
      await setFreeCap(100);
    }
  });

  it('payments are a plan feature: the free plan cannot set a paying policy (402, nothing changed)', async () => {
    const owner = await signupOwner(app);
    const { serviceId } = await catalogue(app, owner);
    const policy = { mode: 'full', cancellationTiers: [], noShowFee: { type: 'none', value: 0 } };
    const r = await app.http
      .patch(`/v1/admin/services/${serviceId}`)
      .set(owner.auth)
      .send({ paymentPolicy: policy });
    expect(r.status, JSON.stringify(r.body)).toBe(402);
    expect(r.body.error).toMatchObject({
      code: 'payment_required',
      details: { feature: 'payments', plan: 'free' },
    });
    const svc = await app.http.get(`/v1/admin/services/${serviceId}`).set(owner.auth);
    expect(svc.body.paymentPolicy?.mode ?? 'none').toBe('none');
    const none = await app.http
      .patch(`/v1/admin/services/${serviceId}`)
      .set(owner.auth)
      .send({
        paymentPolicy: {
          mode: 'none',
          cancellationTiers: [],
          noShowFee: { type: 'none', value: 0 },
        },
      });
    expect(none.status, JSON.stringify(none.body)).toBe(200);
    const created = await app.http
      .post('/v1/admin/services')
      .set(owner.auth)
      .send({
        name: 'Paid',
        durationMinutes: 30,
        priceCents: 1000,
        providerIds: [],
        paymentPolicy: policy,
      });
    expect(created.status, JSON.stringify(created.body)).toBe(402);
  });

  it('calendar sync is a plan feature: connecting a calendar on the free plan is 402', async () => {
    const owner = await signupOwner(app);
    const { providerIds } = await catalogue(app, owner);
    const r = await app.http
      .post('/v1/admin/calendar/connections/authorize')
      .set(owner.auth)
      .send({ providerId: providerIds[0], vendor: 'google' });
    expect(r.status, JSON.stringify(r.body)).toBe(402);
    expect(r.body.error).toMatchObject({
      code: 'payment_required',
      details: { feature: 'calendar_sync' },
    });
  });
});
