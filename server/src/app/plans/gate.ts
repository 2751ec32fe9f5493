import { planOf, fitsLimit, type PlanFeature, type PlanLimit } from '../../domain/plans';
import type { MonthlyCapReached } from '../../ports/plans';
import type { TenantRepositories } from '../../ports/repositories';
import { AppError } from '../errors';

const FEATURE_NAMES: Record<PlanFeature, string> = {
  payments: 'online payments',
  webhooks: 'webhooks',
  calendar_sync: 'calendar sync',
};
const LIMIT_NAMES: Record<PlanLimit, string> = {
  providers: 'providers',
  monthly_bookings: 'bookings this month',
};

/**
 * The one place plan limits are checked in the app (the monthly booking cap itself is enforced by
 * the database, see prisma/functions/plan_limits.sql; this turns its refusal into the same error).
 * Every check runs inside the caller's transaction; with plans disabled they all pass.
 */
export interface PlanGate {
  readonly enabled: boolean;
  /** 402 payment_required unless the tenant's plan includes the feature. */
  requireFeature(r: TenantRepositories, feature: PlanFeature): Promise<void>;
  /**
   * 402 payment_required unless one more provider fits. Takes the tenant's limit lock first, so
   * concurrent creations are counted one after the other; call it in the creating transaction.
   */
  requireProviderRoom(r: TenantRepositories): Promise<void>;
  /** The error for a booking the database refused past the monthly cap. */
  monthlyCapError(err: MonthlyCapReached): AppError;
}

export function planGate(opts: { enabled: boolean; publicUrl: string }): PlanGate {
  const upgradeUrl = `${opts.publicUrl}/admin/settings#plan`;
  const limitError = (resource: PlanLimit, limit: number, usage: number, plan?: string) =>
    new AppError(
      'payment_required',
      `The plan allows ${limit} ${LIMIT_NAMES[resource]}; upgrade the plan to add more`,
      { resource, limit, usage, ...(plan ? { plan } : {}), upgradeUrl },
    );
  return {
    enabled: opts.enabled,
    async requireFeature(r, feature) {
      if (!opts.enabled) return;
      const plan = planOf((await r.billing.get())?.plan);
      if (!plan.features.includes(feature)) {
        throw new AppError(
          'payment_required',
          `The ${plan.name} plan does not include ${FEATURE_NAMES[feature]}; upgrade the plan to use them`,
          {
            feature,
            plan: plan.id,
            upgradeUrl,
          },
        );
      }
    },
    async requireProviderRoom(r) {
      if (!opts.enabled) return;
      await r.billing.lockLimits();
      const plan = planOf((await r.billing.get())?.plan);
      const usage = await r.billing.countActiveProviders();
      if (!fitsLimit(plan.providers, usage))
        throw limitError('providers', plan.providers!, usage, plan.id);
    },
    monthlyCapError(err) {
      return limitError('monthly_bookings', err.limit, err.usage);
    },
  };
}

/** With plans disabled: every check passes (the embedded default and self-hosting without billing). */
export const noPlanGate = planGate({ enabled: false, publicUrl: '' });
