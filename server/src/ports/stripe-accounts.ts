/**
 * Stripe Connect accounts of tenants (Express accounts created by the platform). Implemented by
 * adapters/payments-stripe/connect-accounts.ts (the official SDK) and
 * adapters/payments-local/connect-accounts.ts (the embedded default).
 */
export interface ConnectAccountSnapshot {
  id: string;
  /** The tenant the platform created it for (metadata.tenant_id), checked against our own row. */
  tenantId: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
}

export interface StripeAccounts {
  create(input: {
    tenantId: string;
    email: string | null;
    businessName: string;
    country?: string;
  }): Promise<ConnectAccountSnapshot>;
  retrieve(accountId: string): Promise<ConnectAccountSnapshot>;
  /** A one-time onboarding link (account_links, type account_onboarding). */
  onboardingLink(input: {
    accountId: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<{ url: string; expiresAt: Date }>;
}
