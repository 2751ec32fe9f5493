import type { BillingStatus } from '@slotwise/contracts';
import { PLANS, PLAN_IDS, planForSubscription, planOf, type PlanId } from '../../domain/plans';
import type { PlatformBilling } from '../../ports/platform-billing';
import type { Directory, UnitOfWork } from '../../ports/repositories';
import type { TenantBillingRecord } from '../../ports/plans';
import { AppError } from '../errors';
import type { Principal } from '../principal';
import { stripeCall } from './vendor';

export interface BillingDeps {
  uow: UnitOfWork;
  directory: Directory;
  /** Absent: no Stripe Billing configured, so no checkout (plans may still be enforced). */
  billing?: PlatformBilling;
  plansEnabled: boolean;
  publicUrl: string;
  warn: (msg: string, data: Record<string, unknown>) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BillingOverview {
  enabled: boolean;
  checkoutAvailable: boolean;
  record: TenantBillingRecord | null;
  usage: BillingStatus['usage'];
}

/**
 * The tenant's plan and its Stripe Billing subscription. The plan is never set from a request:
 * only from Stripe's events, each re-fetched from Stripe first (events arrive twice and out of
 * order; the subscription as Stripe has it now is the truth).
 */
export function billingService(deps: BillingDeps) {
  const { uow, directory, billing, plansEnabled, publicUrl } = deps;
  const settingsUrl = (q: string) => `${publicUrl}/admin/settings?${q}#plan`;

  /** Applies a subscription as Stripe reports it now, if it belongs to the tenant it names. */
  async function applySubscription(subscriptionId: string, expectTenant?: string) {
    const sub = await billing!.retrieveSubscription(subscriptionId);
    if (!sub) return deps.warn('stripe subscription not found', { subscriptionId });
    const tenantId = sub.tenantId ?? expectTenant ?? null;
    if (
      !tenantId ||
      !UUID.test(tenantId) ||
      (expectTenant && tenantId !== expectTenant) ||
      !(await directory.findTenantById(tenantId))
    ) {
      return deps.warn('stripe subscription of no known tenant', { subscriptionId });
    }
    await uow.run(tenantId, async (r) => {
      const cur = await r.billing.get();
      // A customer id is bound to one tenant for good: metadata alone never moves a plan across tenants.
      if (cur?.stripeCustomerId && cur.stripeCustomerId !== sub.customerId) {
        return deps.warn('stripe subscription of another customer ignored', {
          subscriptionId,
          tenantId,
        });
      }
      const plan = planForSubscription(sub.status, sub.plan);
      // An old subscription ending (after a new one started) must not take the new one's plan away.
      if (plan === 'free' && cur?.stripeSubscriptionId && cur.stripeSubscriptionId !== sub.id)
        return;
      await r.billing.save({
        plan,
        subscriptionStatus: sub.status,
        stripeCustomerId: sub.customerId,
        stripeSubscriptionId: sub.id,
        currentPeriodEnd: sub.currentPeriodEnd,
        cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
      });
    });
  }

  return {
    async overview(p: Principal): Promise<BillingOverview> {
      return uow.run(p.tenantId, async (r) => ({
        enabled: plansEnabled,
        checkoutAvailable: Boolean(billing),
        record: await r.billing.get(),
        usage: {
          providers: await r.billing.countActiveProviders(),
          monthlyBookings: await r.billing.bookingsThisMonth(),
        },
      }));
    },

    /** False once the monthly cap the database enforces is reached (the booking app's neutral message). */
    async acceptingBookings(tenantId: string) {
      if (!plansEnabled) return true;
      return uow.run(tenantId, async (r) => {
        const cap = await r.billing.monthlyCap();
        return cap === null || (await r.billing.bookingsThisMonth()) < cap;
      });
    },

    async checkoutLink(p: Principal, plan: Exclude<PlanId, 'free'>) {
      if (!billing)
        throw new AppError(
          'unprocessable',
          'Plans cannot be bought on this deployment (Stripe Billing is not configured)',
        );
      const [record, tenant] = await Promise.all([
        uow.run(p.tenantId, (r) => r.billing.get()),
        directory.findTenantById(p.tenantId),
      ]);
      if (record && record.plan === plan && record.stripeSubscriptionId) {
        throw new AppError(
          'conflict',
          `The business is already on the ${PLANS[plan].name} plan; manage it in the billing portal`,
        );
      }
      return stripeCall('open a checkout', deps.warn, () =>
        billing.checkoutLink({
          tenantId: p.tenantId,
          plan,
          customerId: record?.stripeCustomerId ?? null,
          email: tenant?.email ?? null,
          successUrl: settingsUrl('billing=success'),
          cancelUrl: settingsUrl('billing=cancelled'),
        }),
      );
    },

    async portalLink(p: Principal) {
      if (!billing)
        throw new AppError('unprocessable', 'Billing is not configured on this deployment');
      const record = await uow.run(p.tenantId, (r) => r.billing.get());
      if (!record?.stripeCustomerId)
        throw new AppError('conflict', 'The business has no subscription yet; subscribe first');
      const customerId = record.stripeCustomerId;
      return stripeCall('open the billing portal', deps.warn, () =>
        billing.portalLink({ customerId, returnUrl: settingsUrl('billing=portal') }),
      );
    },

    /** customer.subscription.created / updated / deleted. */
    async onSubscriptionEvent(subscriptionId: string) {
      if (billing) await applySubscription(subscriptionId);
    },

    /** checkout.session.completed: binds the customer to the tenant that opened the checkout. */
    async onCheckoutCompleted(sessionId: string) {
      if (!billing) return;
      const session = await billing.retrieveCheckoutSession(sessionId);
      if (!session?.subscriptionId || !session.tenantId || !UUID.test(session.tenantId)) {
        return deps.warn('stripe checkout session without a subscription or tenant', { sessionId });
      }
      await applySubscription(session.subscriptionId, session.tenantId);
    },
  };
}
export type BillingService = ReturnType<typeof billingService>;

/** The plans in the order shown, for presenters. */
export const allPlans = () => PLAN_IDS.map((id) => PLANS[id]);
export { planOf };
