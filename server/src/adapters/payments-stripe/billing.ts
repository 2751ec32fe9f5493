import type Stripe from 'stripe';
import type { PlanId } from '../../domain/plans';
import type {
  PlatformBilling,
  SubscriptionSnapshot,
} from '../../ports/platform-billing';

const idOf = (v: string | { id: string } | null | undefined) =>
  v == null ? null : typeof v === 'string' ? v : v.id;

/** Stripe's "no such object" (404): a subscription or session that does not exist is null, not an error. */
const missing = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

/** The platform's Stripe Billing: Checkout, the customer portal, subscriptions re-fetched. */
export function stripePlatformBilling(
  stripe: Stripe,
  prices: Partial<Record<PlanId, string>>,
): PlatformBilling {
  const planOfPrice = (priceId: string | null | undefined): PlanId | null =>
    (Object.entries(prices).find(([, id]) => id === priceId)?.[0] as PlanId | undefined) ?? null;

  function snapshot(s: Stripe.Subscription): SubscriptionSnapshot {
    const item = s.items?.data?.[0];
    return {
      id: s.id,
      customerId: idOf(s.customer)!,
      tenantId: s.metadata?.tenant_id ?? null,
      status: s.status,
      plan: planOfPrice(item?.price?.id),
      currentPeriodEnd: item?.current_period_end ? new Date(item.current_period_end * 1000) : null,
      cancelAtPeriodEnd: Boolean(s.cancel_at_period_end),
    };
  }

  return {
    async checkoutLink({ tenantId, plan, customerId, email, successUrl, cancelUrl }) {
      const price = prices[plan];
      if (!price) throw new Error(`No Stripe price configured for plan ${plan}`);
      const session = await stripe.checkout.sessions.create({
        mode: 'subscription',
        line_items: [{ price, quantity: 1 }],
        client_reference_id: tenantId,
        ...(customerId ? { customer: customerId } : email ? { customer_email: email } : {}),
        subscription_data: { metadata: { tenant_id: tenantId } },
        metadata: { tenant_id: tenantId },
        success_url: successUrl,
        cancel_url: cancelUrl,
      });
      if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
      return { url: session.url };
    },
    async portalLink({ customerId, returnUrl }) {
      const session = await stripe.billingPortal.sessions.create({
        customer: customerId,
        return_url: returnUrl,
      });
      return { url: session.url };
    },
    async retrieveSubscription(id) {
      try {
        return snapshot(await stripe.subscriptions.retrieve(id));
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
    async retrieveCheckoutSession(id) {
      try {
        const s = await stripe.checkout.sessions.retrieve(id);
        return {
          id: s.id,
          tenantId: s.client_reference_id ?? null,
          customerId: idOf(s.customer),
          subscriptionId: idOf(s.subscription),
          status: s.status ?? null,
        };
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
  };
}
