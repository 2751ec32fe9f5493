import type { PlanId } from '../domain/plans';

/** The tenant's billing row (tenant_billing); absent means the free plan and no subscription. */
export interface TenantBillingRecord {
  plan: PlanId;
  subscriptionStatus: string | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  updatedAt: Date;
}

/** The tenant's connected Stripe account as last reported by account.updated (or onboarding). */
export interface ConnectAccountRecord {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
  updatedAt: Date;
}

/** Billing and Connect state of one tenant, inside its transaction (row-level security). */
export interface BillingRepository {
  get(): Promise<TenantBillingRecord | null>;
  save(patch: Partial<Omit<TenantBillingRecord, 'updatedAt'>>): Promise<TenantBillingRecord>;
  /**
   * Serializes the tenant's limit checks until the transaction ends (a transaction-scoped
   * advisory lock), so two requests cannot both see room for the last unit.
   */
  lockLimits(): Promise<void>;
  countActiveProviders(): Promise<number>;
  /** Bookings created since the tenant's month began that count against the cap (SQL tenant_bookings_this_month: expired unpaid holds do not). */
  bookingsThisMonth(): Promise<number>;
  /** The monthly booking cap the database enforces for the tenant's plan now (plan_limits); null: none. */
  monthlyCap(): Promise<number | null>;
  connectAccount(): Promise<ConnectAccountRecord | null>;
  saveConnectAccount(
    account: Omit<ConnectAccountRecord, 'updatedAt'>,
  ): Promise<ConnectAccountRecord>;
}

/** Writes the plan catalogue's database half (the monthly caps) at start-up; null: no plans. */
export interface PlanLimitsStore {
  sync(caps: Record<PlanId, number | null> | null): Promise<void>;
}

/** The booking write refused a booking past the plan's monthly cap (SQLSTATE SW011). */
export class MonthlyCapReached extends Error {
  constructor(
    readonly limit: number,
    readonly usage: number,
  ) {
    super('The monthly booking cap of the plan is reached');
    this.name = 'MonthlyCapReached';
  }
}
