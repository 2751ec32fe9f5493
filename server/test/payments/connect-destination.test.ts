import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { billingActions } from '../support/fake-stripe/billing-routes';
import { at, bookPaid, intentIdOf, paidService, startPaymentsApp, type PayEnv } from './fixtures';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let e: PayEnv;
beforeAll(async () => {
  e = await startPaymentsApp({ PLATFORM_FEE_BPS: '250' });
});
afterAll(async () => {
  await e?.app.close();
  await e?.fake.close();
});

const POLICY = { mode: 'full', cancellationTiers: [], noShowFee: { type: 'none', value: 0 } };

describe('Connect onboarding feeds destination charges (one connected-account store)', () => {
  it('before onboarding completes no destination; after account.updated, charges go to the tenant account with PLATFORM_FEE_BPS', async () => {
    const serviceId = await paidService(e, POLICY, { priceCents: 4000 });
    const link = await e.app.http
      .post('/v1/admin/connect/onboarding-link')
      .set(e.owner.auth)
      .send({});
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const account = [...e.fake.billing.accounts.values()].find(
      (a) => (a.metadata as Record<string, string>).tenant_id === e.owner.tenantId,
    )!;
    expect(account).toBeTruthy();

    // Onboarding not finished: charges are the platform's own, no transfer.
    const early = await bookPaid(e, serviceId, at(3, '10:00'));
    const earlyPi = e.fake.state.objects.get(intentIdOf(early.payment.clientSecret))!;
    expect(earlyPi.transfer_data ?? null).toBeNull();

    billingActions.completeOnboarding(e.fake.billing, account.id);
    const hook = `${e.app.baseUrl}/v1/webhooks/stripe`;
    const sent = await e.fake.emit(
      hook,
      'account.updated',
      { id: account.id, object: 'account' },
      { account: account.id },
    );
    expect(sent.status).toBe(200);
    const settings = await e.app.http.get('/v1/admin/payment-settings').set(e.owner.auth);
    expect(settings.body).toMatchObject({
      stripeAccountId: account.id,
      chargesEnabled: true,
      gateway: 'stripe',
    });
    const connect = await e.app.http.get('/v1/admin/connect').set(e.owner.auth);
    expect(connect.body).toMatchObject({ status: 'enabled', applicationFeePercent: 2.5 });

    const b = await bookPaid(e, serviceId, at(3, '14:00'));
    const pi = e.fake.state.objects.get(intentIdOf(b.payment.clientSecret))!;
    expect(pi.transfer_data).toEqual({ destination: account.id });
    expect(pi.application_fee_amount).toBe(100); // 2.5 % of 40.00
  });
});
