import type { PlanId } from '../domain/plans';

/**
 * The platform's own Stripe Billing: tenants subscribe to a plan. Implemented by
 * adapters/payments-stripe/billing.ts and adapters/payments-local/billing.ts.
 */
export interface SubscriptionSnapshot {
  id: string;
  customerId: string;
  /** metadata.tenant_id set at checkout, checked against the tenant's own customer id. */
  tenantId: string | null;
  status: string;
  /** The plan of its price (the configured price ids), null for a price we do not know. */
  plan: PlanId | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

export interface CheckoutSessionSnapshot {
  id: string;
  /** client_reference_id: the tenant that opened the checkout. */
  tenantId: string | null;
  customerId: string | null;
  subscriptionId: string | null;
  status: string | null;
}

export interface PlatformBilling {
  checkoutLink(input: {
    tenantId: string;
    plan: PlanId;
    customerId: string | null;
    email: string | null;
    successUrl: string;
    cancelUrl: string;
  }): Promise<{ url: string }>;
  portalLink(input: { customerId: string; returnUrl: string }): Promise<{ url: string }>;
  retrieveSubscription(id: string): Promise<SubscriptionSnapshot | null>;
  retrieveCheckoutSession(id: string): Promise<CheckoutSessionSnapshot | null>;
}
