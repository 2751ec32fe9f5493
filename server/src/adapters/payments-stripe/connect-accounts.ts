import type Stripe from 'stripe';
import type { ConnectAccountSnapshot, StripeAccounts } from '../../ports/stripe-accounts';

export function accountSnapshot(a: Stripe.Account): ConnectAccountSnapshot {
  return {
    id: a.id,
    tenantId: a.metadata?.tenant_id ?? null,
    chargesEnabled: Boolean(a.charges_enabled),
    payoutsEnabled: Boolean(a.payouts_enabled),
    detailsSubmitted: Boolean(a.details_submitted),
    requirementsDue: [
      ...(a.requirements?.currently_due ?? []),
      ...(a.requirements?.past_due ?? []),
    ].filter((v, i, all) => all.indexOf(v) === i),
    disabledReason: a.requirements?.disabled_reason ?? null,
  };
}

/**
 * Express connected accounts: Stripe hosts onboarding and the dashboard, the platform keeps
 * control of charges (destination charges) and fees (docs/decisions/0010-tenant-plans-and-connect.md).
 */
export function stripeConnectAccounts(stripe: Stripe): StripeAccounts {
  return {
    async create({ tenantId, email, businessName, country }) {
      const account = await stripe.accounts.create(
        {
          type: 'express',
          ...(country ? { country } : {}),
          ...(email ? { email } : {}),
          business_profile: { name: businessName },
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          metadata: { tenant_id: tenantId },
        },
        // One account per tenant even when two onboarding clicks race (Stripe keeps keys 24 h).
        { idempotencyKey: `slotwise-connect-account-${tenantId}` },
      );
      return accountSnapshot(account);
    },
    async retrieve(accountId) {
      return accountSnapshot(await stripe.accounts.retrieve(accountId));
    },
    async onboardingLink({ accountId, refreshUrl, returnUrl }) {
      const link = await stripe.accountLinks.create({
        account: accountId,
        refresh_url: refreshUrl,
        return_url: returnUrl,
        type: 'account_onboarding',
      });
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    },
  };
}
