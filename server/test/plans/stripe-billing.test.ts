import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import { ownerQuery, signupOwner, startBookingApp, type Owner } from '../bookings/fixtures';
import { billingActions } from '../support/fake-stripe/billing-routes';
import { fakeStripeEnv, startFakeStripe, type FakeStripe } from '../support/fake-stripe/server';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const WEBHOOK_SECRET = 'whsec_platformWebhookSecret123';

let app: TestApp;
let fake: FakeStripe;
let hook: string;

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: WEBHOOK_SECRET, prices: ['price_pro'] });
  ({ app } = await startBookingApp({
    PLANS_ENABLED: 'true',
    ...fakeStripeEnv(fake),
    STRIPE_PRICE_PRO: 'price_pro',
  }));
  hook = `${app.baseUrl}/v1/webhooks/stripe`;
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const billingOf = async (o: Owner) => (await app.http.get('/v1/admin/billing').set(o.auth)).body;
const newProvider = (o: Owner, name: string) =>
  app.http.post('/v1/admin/providers').set(o.auth).send({ name, timeZone: 'UTC' });

/** Checkout through the API and the fake's hosted page, then Stripe's event: the tenant is on pro. */
async function subscribe(o: Owner) {
  const link = await app.http
    .post('/v1/admin/billing/checkout-session')
    .set(o.auth)
    .send({ plan: 'pro' });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  const session = [...fake.billing.checkoutSessions.values()].find((s) => s.url === link.body.url)!;
  const { subscription } = billingActions.completeCheckout(fake.billing, session.id);
  const sent = await fake.emit(hook, 'checkout.session.completed', {
    id: session.id,
    object: 'checkout.session',
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return { session, subscription };
}

describe('Stripe Billing: the tenant\u2019s plan follows its subscription, from webhooks only', () => {
  it('checkout link carries the tenant and the price; completing it moves the plan to pro', async () => {
    const owner = await signupOwner(app);
    expect((await billingOf(owner)).plan.id).toBe('free');
    const { session, subscription } = await subscribe(owner);
    expect(session).toMatchObject({
      client_reference_id: owner.tenantId,
      price: 'price_pro',
      success_url: 'https://book.example.com/admin/settings?billing=success#plan',
    });
    const b = await billingOf(owner);
    expect(b).toMatchObject({
      plan: { id: 'pro' },
      checkoutAvailable: true,
      subscription: { status: 'active', cancelAtPeriodEnd: false },
    });
    const [row] = await ownerQuery(
      app,
      'SELECT plan, stripe_customer_id, stripe_subscription_id FROM tenant_billing WHERE tenant_id = $1',
      [owner.tenantId],
    );
    expect(row).toEqual({
      plan: 'pro',
      stripe_customer_id: subscription.customer,
      stripe_subscription_id: subscription.id,
    });
    // Pro lifts the free limits: a third provider and webhooks.
    for (const n of ['A', 'B', 'C']) expect((await newProvider(owner, n)).status).toBe(201);
    const ep = await app.http
      .post('/v1/admin/webhooks/endpoints')
      .set(owner.auth)
      .send({ url: 'https://hooks.example.com/x', events: ['booking.created'] });
    expect(ep.status, JSON.stringify(ep.body)).toBe(201);
    // A second checkout for the same plan is refused; the portal opens instead.
    expect(
      (
        await app.http
          .post('/v1/admin/billing/checkout-session')
          .set(owner.auth)
          .send({ plan: 'pro' })
      ).status,
    ).toBe(409);
    const portal = await app.http.post('/v1/admin/billing/portal-session').set(owner.auth).send();
    expect(portal.status).toBe(201);
    expect(fake.billing.portalSessions.at(-1)).toMatchObject({
      customer: subscription.customer,
      return_url: 'https://book.example.com/admin/settings?billing=portal#plan',
      url: portal.body.url,
    });
  });

  it('a request cannot change the plan; the portal needs a subscription', async () => {
    const owner = await signupOwner(app);
    expect(
      (
        await app.http
          .post('/v1/admin/billing/checkout-session')
          .set(owner.auth)
          .send({ plan: 'free' })
      ).status,
    ).toBe(422);
    expect(
      (await app.http.patch('/v1/admin/billing').set(owner.auth).send({ plan: 'pro' })).status,
    ).toBe(404);
    const portal = await app.http.post('/v1/admin/billing/portal-session').set(owner.auth).send();
    expect(portal.status).toBe(409);
    expect(portal.body.error.code).toBe('conflict');
    expect((await billingOf(owner)).plan.id).toBe('free');
  });

  it('duplicate events are handled once; forged, re-signed with another secret or stale events are refused and change nothing', async () => {
    const owner = await signupOwner(app);
    const link = await app.http
      .post('/v1/admin/billing/checkout-session')
      .set(owner.auth)
      .send({ plan: 'pro' });
    const session = [...fake.billing.checkoutSessions.values()].find(
      (s) => s.url === link.body.url,
    )!;
    billingActions.completeCheckout(fake.billing, session.id);

    const forged = fake.signedEvent(
      'checkout.session.completed',
      { id: session.id },
      { secret: 'whsec_attackerSecret999' },
    );
    const r1 = await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': forged.header },
      body: forged.payload,
    });
    expect(r1.status).toBe(400);
    expect(((await r1.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    const stale = fake.signedEvent(
      'checkout.session.completed',
      { id: session.id },
      { timestamp: Math.floor(Date.now() / 1000) - 3600 },
    );
    expect(
      (
        await fetch(hook, {
          method: 'POST',
          headers: { 'stripe-signature': stale.header },
          body: stale.payload,
        })
      ).status,
    ).toBe(400);
    const good = fake.signedEvent('checkout.session.completed', { id: session.id });
    const tampered = good.payload.replace(session.id, `${session.id}x`);
    expect(
      (
        await fetch(hook, {
          method: 'POST',
          headers: { 'stripe-signature': good.header },
          body: tampered,
        })
      ).status,
    ).toBe(400);
    expect((await fetch(hook, { method: 'POST', body: good.payload })).status).toBe(400);
    expect((await billingOf(owner)).plan.id).toBe('free');

    const first = await fake.emit(
      hook,
      'checkout.session.completed',
      { id: session.id },
      { id: 'evt_dup_1' },
    );
    expect(first.body).toMatchObject({ received: true, duplicate: false, handled: true });
    const before = fake.requests.length;
    const again = await fake.emit(
      hook,
      'checkout.session.completed',
      { id: session.id },
      { id: 'evt_dup_1' },
    );
    expect(again.body).toMatchObject({ received: true, duplicate: true });
    expect(fake.requests.length).toBe(before); // nothing re-fetched: handled once
    expect((await billingOf(owner)).plan.id).toBe('pro');
    // Unknown event types are acknowledged and ignored.
    expect((await fake.emit(hook, 'invoice.paid', { id: 'in_1' })).status).toBe(200);
  });

  it('out-of-order events: each re-fetches the subscription, so a stale payload never wins; deletion downgrades, existing data keeps working', async () => {
    const owner = await signupOwner(app);
    const { subscription } = await subscribe(owner);
    for (const n of ['A', 'B', 'C']) expect((await newProvider(owner, n)).status).toBe(201);

    // A late "updated" whose payload says canceled: Stripe has it active, so the plan stays.
    const late = await fake.emit(hook, 'customer.subscription.updated', {
      ...subscription,
      status: 'canceled',
    });
    expect(late.status).toBe(200);
    expect((await billingOf(owner)).plan.id).toBe('pro');

    // The portal schedules the cancellation; then Stripe ends it.
    billingActions.updateSubscription(fake.billing, subscription.id, {
      cancel_at_period_end: true,
    });
    await fake.emit(hook, 'customer.subscription.updated', { id: subscription.id });
    expect((await billingOf(owner)).subscription).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: true,
    });
    billingActions.updateSubscription(fake.billing, subscription.id, { status: 'canceled' });
    await fake.emit(hook, 'customer.subscription.deleted', { id: subscription.id });
    // And an old "created" arriving last cannot bring pro back: Stripe says canceled.
    await fake.emit(hook, 'customer.subscription.created', {
      id: subscription.id,
      status: 'active',
    });
    const b = await billingOf(owner);
    expect(b).toMatchObject({
      plan: { id: 'free' },
      subscription: { status: 'canceled' },
      usage: { providers: 3 },
    });

    // Existing providers keep working; a new one is past the free limit.
    expect((await app.http.get('/v1/admin/providers').set(owner.auth)).body.items).toHaveLength(3);
    const refused = await newProvider(owner, 'D');
    expect(refused.status).toBe(402);
    expect(refused.body.error.details).toMatchObject({ resource: 'providers', limit: 2, usage: 3 });
  });

  it('past_due keeps pro while Stripe retries; a subscription naming another tenant\u2019s customer is ignored', async () => {
    const a = await signupOwner(app);
    const b = await signupOwner(app);
    const { subscription } = await subscribe(a);
    billingActions.updateSubscription(fake.billing, subscription.id, { status: 'past_due' });
    await fake.emit(hook, 'customer.subscription.updated', { id: subscription.id });
    expect((await billingOf(a)).plan.id).toBe('pro');

    await subscribe(b);
    // A subscription whose metadata names b but whose customer is a's: b's row is bound to its own customer.
    const foreign = {
      ...subscription,
      id: 'sub_foreign_1',
      metadata: { tenant_id: b.tenantId },
      status: 'canceled',
    };
    fake.billing.subscriptions.set(foreign.id, foreign);
    await fake.emit(hook, 'customer.subscription.deleted', { id: foreign.id });
    expect((await billingOf(b)).plan.id).toBe('pro');
    const [row] = await ownerQuery(
      app,
      'SELECT stripe_subscription_id FROM tenant_billing WHERE tenant_id = $1',
      [b.tenantId],
    );
    expect(row!.stripe_subscription_id).not.toBe('sub_foreign_1');
  });

  it('a failing re-fetch answers 503 and forgets the event, so Stripe\u2019s retry of the same event is handled', async () => {
    const owner = await signupOwner(app);
    const link = await app.http
      .post('/v1/admin/billing/checkout-session')
      .set(owner.auth)
      .send({ plan: 'pro' });
    const session = [...fake.billing.checkoutSessions.values()].find(
      (s) => s.url === link.body.url,
    )!;
    billingActions.completeCheckout(fake.billing, session.id);
    fake.outage(true);
    try {
      const failed = await fake.emit(
        hook,
        'checkout.session.completed',
        { id: session.id },
        { id: 'evt_retry_1' },
      );
      expect(failed.status).toBe(503);
      expect(failed.body).toMatchObject({ error: { code: 'service_unavailable' } });
    } finally {
      fake.outage(false);
    }
    expect((await billingOf(owner)).plan.id).toBe('free');
    const retried = await fake.emit(
      hook,
      'checkout.session.completed',
      { id: session.id },
      { id: 'evt_retry_1' },
    );
    expect(retried.body).toMatchObject({ duplicate: false, handled: true });
    expect((await billingOf(owner)).plan.id).toBe('pro');
  });

  it('a checkout session or subscription Stripe does not know is acknowledged and changes nothing', async () => {
    const owner = await signupOwner(app);
    expect(
      (await fake.emit(hook, 'checkout.session.completed', { id: 'cs_test_unknown' })).status,
    ).toBe(200);
    expect(
      (await fake.emit(hook, 'customer.subscription.updated', { id: 'sub_unknown' })).status,
    ).toBe(200);
    expect((await billingOf(owner)).plan.id).toBe('free');
  });

  it('Stripe down when opening checkout answers 503 service_unavailable, nothing changes', async () => {
    const owner = await signupOwner(app);
    const before = fake.billing.checkoutSessions.size;
    fake.outage(true);
    try {
      const r = await app.http
        .post('/v1/admin/billing/checkout-session')
        .set(owner.auth)
        .send({ plan: 'pro' });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('service_unavailable');
    } finally {
      fake.outage(false);
    }
    expect(fake.billing.checkoutSessions.size).toBe(before);
    expect((await billingOf(owner)).plan.id).toBe('free');
  });

  it('a correctly signed body that is not an event, or too large, is refused with 4xx and never reaches a handler', async () => {
    // Signed with the endpoint's secret, as Stripe would sign these exact bytes.
    const notJson = 'not json at all';
    const header = Stripe.webhooks.generateTestHeaderString({
      payload: notJson,
      secret: WEBHOOK_SECRET,
    });
    const r = await fetch(hook, {
      method: 'POST',
      headers: { 'stripe-signature': header },
      body: notJson,
    });
    expect(r.status).toBe(400);
    const noObject = JSON.stringify({
      id: 'evt_no_object',
      type: 'customer.subscription.updated',
      data: {},
    });
    const h2 = Stripe.webhooks.generateTestHeaderString({
      payload: noObject,
      secret: WEBHOOK_SECRET,
    });
    expect(
      (await fetch(hook, { method: 'POST', headers: { 'stripe-signature': h2 }, body: noObject }))
        .status,
    ).toBe(400);
    const big = JSON.stringify({
      id: 'evt_big',
      type: 'invoice.paid',
      data: { object: { id: 'in_1', pad: 'x'.repeat(1_100_000) } },
    });
    const h3 = Stripe.webhooks.generateTestHeaderString({ payload: big, secret: WEBHOOK_SECRET });
    const r3 = await fetch(hook, {
      method: 'POST',
      headers: { 'stripe-signature': h3 },
      body: big,
    });
    expect(r3.status).toBe(413);
  });
});
