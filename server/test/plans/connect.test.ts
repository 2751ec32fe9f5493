import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import { ownerQuery, signupOwner, startBookingApp, type Owner } from '../bookings/fixtures';
import { Slotwise } from '../../../packages/sdk/src';
import { billingActions } from '../support/fake-stripe/billing-routes';
import { fakeStripeEnv, startFakeStripe, type FakeStripe } from '../support/fake-stripe/server';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const WEBHOOK_SECRET = 'whsec_connectWebhookSecret123';

let app: TestApp;
let fake: FakeStripe;
let hook: string;

beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: WEBHOOK_SECRET, prices: ['price_pro'] });
  ({ app } = await startBookingApp({
    ...fakeStripeEnv(fake),
    PLATFORM_FEE_BPS: '250',
  }));
  hook = `${app.baseUrl}/v1/webhooks/stripe`;
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const statusOf = async (o: Owner) => {
  const r = await app.http.get('/v1/admin/connect').set(o.auth);
  expect(r.status).toBe(200);
  return r.body;
};
const accountsOf = (tenantId: string) =>
  [...fake.billing.accounts.values()].filter(
    (a) => (a.metadata as Record<string, string>).tenant_id === tenantId,
  );

describe('Stripe Connect onboarding (Express accounts)', () => {
  it('creates one Express account for the tenant and an onboarding link with refresh/return URLs from PUBLIC_URL', async () => {
    const owner = await signupOwner(app);
    expect(await statusOf(owner)).toMatchObject({
      status: 'not_connected',
      accountType: 'express',
      applicationFeePercent: 2.5,
      chargesEnabled: false,
    });
    const link = await app.http.post('/v1/admin/connect/onboarding-link').set(owner.auth).send();
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const [account] = accountsOf(owner.tenantId);
    expect(account).toMatchObject({
      type: 'express',
      business_profile: { name: expect.any(String) },
    });
    const sent = fake.billing.accountLinks.at(-1)!;
    expect(sent).toMatchObject({
      account: account!.id,
      url: link.body.url,
      refresh_url: 'https://book.example.com/admin/settings?connect=refresh#payments',
      return_url: 'https://book.example.com/admin/settings?connect=return#payments',
    });
    expect(Date.parse(link.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(await statusOf(owner)).toMatchObject({
      status: 'onboarding',
      requirementsDue: ['external_account', 'tos_acceptance.date'],
    });

    // A second link (the first expired) reuses the account.
    expect(
      (await app.http.post('/v1/admin/connect/onboarding-link').set(owner.auth).send()).status,
    ).toBe(201);
    expect(accountsOf(owner.tenantId)).toHaveLength(1);
  });

  it('concurrent onboarding clicks create one account (idempotency key per tenant)', async () => {
    const owner = await signupOwner(app);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${app.baseUrl}/v1/admin/connect/onboarding-link`, {
          method: 'POST',
          headers: owner.auth,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(accountsOf(owner.tenantId)).toHaveLength(1);
    const rows = await ownerQuery(
      app,
      'SELECT account_id FROM stripe_connect_accounts WHERE tenant_id = $1',
      [owner.tenantId],
    );
    expect(rows).toEqual([{ account_id: accountsOf(owner.tenantId)[0]!.id }]);
  });

  it('account.updated (re-fetched) moves the status to enabled; the account belongs to its tenant only', async () => {
    const a = await signupOwner(app);
    const b = await signupOwner(app);
    await app.http.post('/v1/admin/connect/onboarding-link').set(a.auth).send();
    await app.http.post('/v1/admin/connect/onboarding-link').set(b.auth).send();
    const accountA = accountsOf(a.tenantId)[0]!;

    // A stale payload claiming "enabled" before onboarding is done: Stripe says otherwise.
    await fake.emit(
      hook,
      'account.updated',
      { ...accountA, charges_enabled: true, payouts_enabled: true },
      { account: accountA.id },
    );
    expect((await statusOf(a)).status).toBe('onboarding');

    billingActions.completeOnboarding(fake.billing, accountA.id, { payouts: false });
    await fake.emit(
      hook,
      'account.updated',
      { id: accountA.id, object: 'account' },
      { account: accountA.id },
    );
    expect(await statusOf(a)).toMatchObject({
      status: 'restricted',
      chargesEnabled: true,
      payoutsEnabled: false,
      detailsSubmitted: true,
    });
    billingActions.completeOnboarding(fake.billing, accountA.id);
    await fake.emit(
      hook,
      'account.updated',
      { id: accountA.id, object: 'account' },
      { account: accountA.id },
    );
    expect(await statusOf(a)).toMatchObject({
      status: 'enabled',
      chargesEnabled: true,
      payoutsEnabled: true,
      requirementsDue: [],
    });
    expect(
      (await app.http.post('/v1/admin/connect/onboarding-link').set(a.auth).send()).status,
    ).toBe(409);

    // b is untouched, and cannot see a's account id anywhere in its responses.
    const sb = await statusOf(b);
    expect(sb.status).toBe('onboarding');
    expect(JSON.stringify(sb)).not.toContain(accountA.id);
    // An account whose metadata names b but is not b's own row is ignored.
    const intruder = {
      ...accountA,
      id: 'acct_intruder1',
      metadata: { tenant_id: b.tenantId },
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
    };
    fake.billing.accounts.set(intruder.id, intruder);
    await fake.emit(hook, 'account.updated', { id: intruder.id }, { account: intruder.id });
    expect((await statusOf(b)).status).toBe('onboarding');
    const [rowB] = await ownerQuery(
      app,
      'SELECT account_id FROM stripe_connect_accounts WHERE tenant_id = $1',
      [b.tenantId],
    );
    expect(rowB!.account_id).toBe(accountsOf(b.tenantId).find((x) => x.id !== intruder.id)!.id);
  });

  it('the app role cannot read another tenant\u2019s account row (row-level security)', async () => {
    const a = await signupOwner(app);
    await app.http.post('/v1/admin/connect/onboarding-link').set(a.auth).send();
    const other = await signupOwner(app);
    const seen = await app.system.uow.run(other.tenantId, (r) => r.billing.connectAccount());
    expect(seen).toBeNull();
    const own = await app.system.uow.run(a.tenantId, (r) => r.billing.connectAccount());
    expect(own?.accountId).toMatch(/^acct_/);
  });

  it('plans disabled (the default): nothing is limited and billing says so', async () => {
    const owner = await signupOwner(app);
    for (const n of ['A', 'B', 'C'])
      expect(
        (
          await app.http
            .post('/v1/admin/providers')
            .set(owner.auth)
            .send({ name: n, timeZone: 'UTC' })
        ).status,
      ).toBe(201);
    const b = (await app.http.get('/v1/admin/billing').set(owner.auth)).body;
    expect(b).toMatchObject({ enabled: false, checkoutAvailable: false, usage: { providers: 3 } });
    expect(
      (
        await app.http
          .post('/v1/admin/billing/checkout-session')
          .set(owner.auth)
          .send({ plan: 'pro' })
      ).status,
    ).toBe(422);
  });

  it('the SDK covers the routes: sdk.admin.connect and sdk.admin.billing; links are never cached', async () => {
    const owner = await signupOwner(app);
    const sdk = new Slotwise({ baseUrl: app.baseUrl, accessToken: owner.token });
    expect(await sdk.admin.connect.get()).toMatchObject({ status: 'not_connected' });
    const link = await sdk.admin.connect.onboardingLink();
    expect(link.url).toMatch(/^https:\/\/connect\.stripe\.test\//);
    expect(await sdk.admin.billing.get()).toMatchObject({ enabled: false, plan: { id: 'free' } });
    const raw = await app.http.post('/v1/admin/connect/onboarding-link').set(owner.auth).send();
    expect(raw.headers['cache-control']).toContain('no-store');
  });

  it('Stripe down during onboarding answers 503 and stores nothing; it works once Stripe is back', async () => {
    const owner = await signupOwner(app);
    fake.outage(true);
    try {
      const r = await app.http.post('/v1/admin/connect/onboarding-link').set(owner.auth).send();
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('service_unavailable');
      const billing = await app.http
        .post('/v1/admin/billing/checkout-session')
        .set(owner.auth)
        .send({ plan: 'pro' });
      expect(billing.status).toBe(422); // no price configured in this file: refused before Stripe
    } finally {
      fake.outage(false);
    }
    expect(
      await ownerQuery(app, 'SELECT 1 FROM stripe_connect_accounts WHERE tenant_id = $1', [
        owner.tenantId,
      ]),
    ).toEqual([]);
    expect(
      (await app.http.post('/v1/admin/connect/onboarding-link').set(owner.auth).send()).status,
    ).toBe(201);
  });
});
