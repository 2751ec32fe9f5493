/**
 * Tenant plans: what each plan allows. The one catalogue; the database learns the monthly booking
 * cap from it at start-up (plan_limits), the app checks providers and features against it.
 */
export const PLAN_IDS = ['free', 'pro'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const PLAN_FEATURES = ['payments', 'webhooks', 'calendar_sync'] as const;
export type PlanFeature = (typeof PLAN_FEATURES)[number];

/** A limit counted against usage; null means unlimited. */
export type PlanLimit = 'providers' | 'monthly_bookings';

export interface Plan {
  id: PlanId;
  name: string;
  /** Active (not deleted) providers. */
  providers: number | null;
  /** Bookings created in the tenant's calendar month, whatever became of them. */
  monthlyBookings: number | null;
  features: readonly PlanFeature[];
}

export const PLANS: Record<PlanId, Plan> = {
  free: { id: 'free', name: 'Free', providers: 2, monthlyBookings: 100, features: [] },
  pro: {
    id: 'pro',
    name: 'Pro',
    providers: 50,
    monthlyBookings: 5000,
    features: ['payments', 'webhooks', 'calendar_sync'],
  },
};

export const planOf = (id: string | null | undefined): Plan =>
  PLANS[(PLAN_IDS as readonly string[]).includes(id ?? '') ? (id as PlanId) : 'free'];

export const limitOf = (plan: Plan, limit: PlanLimit): number | null =>
  limit === 'providers' ? plan.providers : plan.monthlyBookings;

/** Whether one more unit fits: usage counts what exists before the new one. */
export const fitsLimit = (limit: number | null, usage: number): boolean =>
  limit === null || usage < limit;

/**
 * Stripe subscription statuses that grant the paid plan. `past_due` keeps it while Stripe retries
 * the payment (its dunning decides the end); everything else (canceled, unpaid, incomplete,
 * incomplete_expired, paused) falls back to free.
 */
const PAID_STATUSES = new Set(['active', 'trialing', 'past_due']);

/** The plan a subscription in this state grants, given the plan its price is for. */
export function planForSubscription(status: string, pricePlan: PlanId | null): PlanId {
  return pricePlan !== null && PAID_STATUSES.has(status) ? pricePlan : 'free';
}
