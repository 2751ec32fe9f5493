import type { PlanId } from '../../domain/plans';
import type {
  CheckoutSessionSnapshot,
  PlatformBilling,
  SubscriptionSnapshot,
} from '../../ports/platform-billing';
import { localId, type LocalEventSink } from './local-events';

/**
 * Stripe Billing without Stripe (the embedded default): a checkout succeeds at once, creating an
 * active subscription in memory and reporting checkout.session.completed; the portal link only
 * returns to settings (there is nothing to manage locally).
 */
export function localPlatformBilling(events: LocalEventSink): PlatformBilling {
  const subscriptions = new Map<string, SubscriptionSnapshot>();
  const sessions = new Map<string, CheckoutSessionSnapshot>();
  return {
    async checkoutLink({
      tenantId,
      plan,
      customerId,
      successUrl,
    }: {
      tenantId: string;
      plan: PlanId;
      customerId: string | null;
      successUrl: string;
    }) {
      const customer = customerId ?? localId('cus');
      const sub: SubscriptionSnapshot = {
        id: localId('sub'),
        customerId: customer,
        tenantId,
        status: 'active',
        plan,
        currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000),
        cancelAtPeriodEnd: false,
      };
      subscriptions.set(sub.id, sub);
      const session: CheckoutSessionSnapshot = {
        id: localId('cs'),
        tenantId,
        customerId: customer,
        subscriptionId: sub.id,
        status: 'complete',
      };
      sessions.set(session.id, session);
      events.emit('checkout.session.completed', session.id);
      return { url: successUrl };
    },
    async portalLink({ returnUrl }) {
      return { url: returnUrl };
    },
    async retrieveSubscription(id) {
      const s = subscriptions.get(id);
      return s ? { ...s } : null;
    },
    async retrieveCheckoutSession(id) {
      const s = sessions.get(id);
      return s ? { ...s } : null;
    },
  };
}
