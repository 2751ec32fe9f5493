import type { PlanId } from '../../../domain/plans';
import type {
  BillingRepository,
  ConnectAccountRecord,
  TenantBillingRecord,
} from '../../../ports/plans';
import type { Tx } from '../with-tenant';

interface BillingRow {
  plan: string;
  subscription_status: string | null;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  current_period_end: Date | null;
  cancel_at_period_end: boolean;
  updated_at: Date;
}

interface AccountRow {
  account_id: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements_due: string[];
  disabled_reason: string | null;
  updated_at: Date;
}

const toBilling = (r: BillingRow): TenantBillingRecord => ({
  plan: r.plan as PlanId,
  subscriptionStatus: r.subscription_status,
  stripeCustomerId: r.stripe_customer_id,
  stripeSubscriptionId: r.stripe_subscription_id,
  currentPeriodEnd: r.current_period_end,
  cancelAtPeriodEnd: r.cancel_at_period_end,
  updatedAt: r.updated_at,
});

const toAccount = (r: AccountRow): ConnectAccountRecord => ({
  accountId: r.account_id,
  chargesEnabled: r.charges_enabled,
  payoutsEnabled: r.payouts_enabled,
  detailsSubmitted: r.details_submitted,
  requirementsDue: r.requirements_due,
  disabledReason: r.disabled_reason,
  updatedAt: r.updated_at,
});

/** tenant_billing and stripe_connect_accounts (migration *_tenant_plans), in the request's tx. */
export function prismaBillingRepository(tx: Tx, tenantId: string): BillingRepository {
  const get = async () => {
    const rows = await tx.$queryRaw<BillingRow[]>`
      SELECT plan, subscription_status, stripe_customer_id, stripe_subscription_id, current_period_end,
             cancel_at_period_end, updated_at
        FROM tenant_billing WHERE tenant_id = ${tenantId}::uuid`;
    return rows[0] ? toBilling(rows[0]) : null;
  };
  return {
    get,
    async save(patch) {
      const cur = await get();
      const next = {
        plan: patch.plan ?? cur?.plan ?? 'free',
        subscriptionStatus:
          patch.subscriptionStatus !== undefined
            ? patch.subscriptionStatus
            : (cur?.subscriptionStatus ?? null),
        stripeCustomerId:
          patch.stripeCustomerId !== undefined
            ? patch.stripeCustomerId
            : (cur?.stripeCustomerId ?? null),
        stripeSubscriptionId:
          patch.stripeSubscriptionId !== undefined
            ? patch.stripeSubscriptionId
            : (cur?.stripeSubscriptionId ?? null),
        currentPeriodEnd:
          patch.currentPeriodEnd !== undefined
            ? patch.currentPeriodEnd
            : (cur?.currentPeriodEnd ?? null),
        cancelAtPeriodEnd: patch.cancelAtPeriodEnd ?? cur?.cancelAtPeriodEnd ?? false,
      };
      const rows = await tx.$queryRaw<BillingRow[]>`
        INSERT INTO tenant_billing (tenant_id, plan, subscription_status, stripe_customer_id, stripe_subscription_id,
                                    current_period_end, cancel_at_period_end, updated_at)
        VALUES (${tenantId}::uuid, ${next.plan}, ${next.subscriptionStatus}, ${next.stripeCustomerId}, ${next.stripeSubscriptionId},
                ${next.currentPeriodEnd}, ${next.cancelAtPeriodEnd}, now())
        ON CONFLICT (tenant_id) DO UPDATE SET plan = EXCLUDED.plan, subscription_status = EXCLUDED.subscription_status,
          stripe_customer_id = EXCLUDED.stripe_customer_id, stripe_subscription_id = EXCLUDED.stripe_subscription_id,
          current_period_end = EXCLUDED.current_period_end, cancel_at_period_end = EXCLUDED.cancel_at_period_end,
          updated_at = now()
        RETURNING plan, subscription_status, stripe_customer_id, stripe_subscription_id, current_period_end,
                  cancel_at_period_end, updated_at`;
      return toBilling(rows[0]!);
    },
    async lockLimits() {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`plan-limits:${tenantId}`}, 0))`;
    },
    async countActiveProviders() {
      const rows = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM providers WHERE tenant_id = ${tenantId}::uuid AND deleted_at IS NULL`;
      return rows[0]!.n;
    },
    async bookingsThisMonth() {
      const rows = await tx.$queryRaw<{ n: number }[]>`
        SELECT tenant_bookings_this_month(${tenantId}::uuid) AS n`;
      return rows[0]!.n;
    },
    async monthlyCap() {
      const rows = await tx.$queryRaw<{ cap: number | null }[]>`
        SELECT l.monthly_bookings AS cap FROM plan_limits l
         WHERE l.plan = COALESCE((SELECT b.plan FROM tenant_billing b WHERE b.tenant_id = ${tenantId}::uuid), 'free')`;
      return rows[0]?.cap ?? null;
    },
    async connectAccount() {
      const rows = await tx.$queryRaw<AccountRow[]>`
        SELECT account_id, charges_enabled, payouts_enabled, details_submitted, requirements_due, disabled_reason, updated_at
          FROM stripe_connect_accounts WHERE tenant_id = ${tenantId}::uuid`;
      return rows[0] ? toAccount(rows[0]) : null;
    },
    async saveConnectAccount(a) {
      // The first account a tenant gets stays its account: a second one (a lost race) never replaces it.
      const rows = await tx.$queryRaw<AccountRow[]>`
        INSERT INTO stripe_connect_accounts (tenant_id, account_id, charges_enabled, payouts_enabled, details_submitted,
                                             requirements_due, disabled_reason, updated_at)
        VALUES (${tenantId}::uuid, ${a.accountId}, ${a.chargesEnabled}, ${a.payoutsEnabled}, ${a.detailsSubmitted},
                ${a.requirementsDue}::text[], ${a.disabledReason}, now())
        ON CONFLICT (tenant_id) DO UPDATE SET charges_enabled = EXCLUDED.charges_enabled,
          payouts_enabled = EXCLUDED.payouts_enabled, details_submitted = EXCLUDED.details_submitted,
          requirements_due = EXCLUDED.requirements_due, disabled_reason = EXCLUDED.disabled_reason, updated_at = now()
          WHERE stripe_connect_accounts.account_id = EXCLUDED.account_id
        RETURNING account_id, charges_enabled, payouts_enabled, details_submitted, requirements_due, disabled_reason, updated_at`;
      if (rows[0]) return toAccount(rows[0]);
      const kept = await tx.$queryRaw<AccountRow[]>`
        SELECT account_id, charges_enabled, payouts_enabled, details_submitted, requirements_due, disabled_reason, updated_at
          FROM stripe_connect_accounts WHERE tenant_id = ${tenantId}::uuid`;
      return toAccount(kept[0]!);
    },
  };
}
