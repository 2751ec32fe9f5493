import type { StripeEventHandler } from '../payments/stripe-webhooks';
import type { BillingService } from './billing';
import type { ConnectService } from './connect';

/**
 * The plan and Connect handlers, keyed by event type, registered at the composition root into the
 * one Stripe endpoint's dispatch table (app/payments/stripe-webhooks.ts: signature, dedupe on the
 * event id). Each handler re-fetches the object from Stripe before changing anything.
 * account.updated is handled here only: it refreshes stripe_connect_accounts, the one store of
 * the connected account that destination charges read.
 */
export function planEventHandlers(
  billing: BillingService,
  connect: ConnectService,
): Record<string, StripeEventHandler> {
  return {
    'account.updated': (e) => connect.onAccountUpdated(e.account ?? e.objectId),
    'customer.subscription.created': (e) => billing.onSubscriptionEvent(e.objectId),
    'customer.subscription.updated': (e) => billing.onSubscriptionEvent(e.objectId),
    'customer.subscription.deleted': (e) => billing.onSubscriptionEvent(e.objectId),
    'checkout.session.completed': (e) => billing.onCheckoutCompleted(e.objectId),
  };
}
