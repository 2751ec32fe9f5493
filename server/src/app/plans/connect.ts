import type { ConnectAccountRecord } from '../../ports/plans';
import type { Directory, UnitOfWork } from '../../ports/repositories';
import type { ConnectAccountSnapshot, StripeAccounts } from '../../ports/stripe-accounts';
import { AppError, notFound } from '../errors';
import type { Principal } from '../principal';
import { stripeCall } from './vendor';

export interface ConnectDeps {
  uow: UnitOfWork;
  directory: Directory;
  /** Absent: payments through Stripe are not configured on this deployment. */
  accounts?: StripeAccounts;
  publicUrl: string;
  /** PLATFORM_FEE_BPS: the application fee destination charges take (app/payments uses the same value). */
  platformFeeBps: number;
  warn: (msg: string, data: Record<string, unknown>) => void;
}

export type ConnectState = 'not_connected' | 'onboarding' | 'restricted' | 'enabled';

/** Where onboarding stands, from what account.updated last said. */
export function connectState(a: ConnectAccountRecord | null): ConnectState {
  if (!a) return 'not_connected';
  if (a.chargesEnabled && a.payoutsEnabled) return 'enabled';
  return a.detailsSubmitted ? 'restricted' : 'onboarding';
}

const fields = (a: ConnectAccountSnapshot) => ({
  accountId: a.id,
  chargesEnabled: a.chargesEnabled,
  payoutsEnabled: a.payoutsEnabled,
  detailsSubmitted: a.detailsSubmitted,
  requirementsDue: a.requirementsDue,
  disabledReason: a.disabledReason,
});

/**
 * Each tenant's own Stripe account (an Express connected account the platform creates), where its
 * customers' payments land as destination charges. The account id is the tenant's alone: it is
 * read and written only inside the tenant's transaction, and an event naming an account is
 * applied only to the tenant whose row holds that id.
 */
export function connectService(deps: ConnectDeps) {
  const { uow, directory, accounts, publicUrl } = deps;
  const settingsUrl = (q: string) => `${publicUrl}/admin/settings?${q}#payments`;

  return {
    /** Shown in the tenant's payment settings, as a percent. */
    applicationFeePercent: deps.platformFeeBps / 100,

    status: (p: Principal) => uow.run(p.tenantId, (r) => r.billing.connectAccount()),

    /** The connected account's id for charges, or null while it cannot take them (for paycore's gateway). */
    chargeableAccount: (tenantId: string) =>
      uow.run(tenantId, async (r) => {
        const a = await r.billing.connectAccount();
        return a?.chargesEnabled ? a.accountId : null;
      }),

    async onboardingLink(p: Principal) {
      if (!accounts)
        throw new AppError('unprocessable', 'Stripe is not configured on this deployment');
      let account = await uow.run(p.tenantId, (r) => r.billing.connectAccount());
      if (!account) {
        const tenant = await directory.findTenantById(p.tenantId);
        if (!tenant) throw notFound('Business');
        // The adapter sends an idempotency key derived from the tenant, so two clicks at once get
        // one account from Stripe; the row keeps the first id it got either way.
        const created = await stripeCall('create the account', deps.warn, () =>
          accounts.create({ tenantId: p.tenantId, email: tenant.email, businessName: tenant.name }),
        );
        account = await uow.run(p.tenantId, (r) => r.billing.saveConnectAccount(fields(created)));
      }
      if (
        account.chargesEnabled &&
        account.payoutsEnabled &&
        account.detailsSubmitted &&
        account.requirementsDue.length === 0
      ) {
        throw new AppError('conflict', 'The Stripe account is already connected and enabled');
      }
      const accountId = account.accountId;
      return stripeCall('open onboarding', deps.warn, () =>
        accounts.onboardingLink({
          accountId,
          refreshUrl: settingsUrl('connect=refresh'),
          returnUrl: settingsUrl('connect=return'),
        }),
      );
    },

    /** account.updated: the account as Stripe has it now, applied to the tenant that owns it. */
    async onAccountUpdated(accountId: string) {
      if (!accounts) return;
      const a = await accounts.retrieve(accountId);
      const tenantId = a.tenantId;
      if (
        !tenantId ||
        !/^[0-9a-f-]{36}$/i.test(tenantId) ||
        !(await directory.findTenantById(tenantId))
      ) {
        return deps.warn('stripe account of no known tenant', { accountId });
      }
      await uow.run(tenantId, async (r) => {
        const own = await r.billing.connectAccount();
        if (own?.accountId !== a.id)
          return deps.warn('stripe account not the tenant\u2019s own; ignored', {
            accountId,
            tenantId,
          });
        await r.billing.saveConnectAccount(fields(a));
      });
    },
  };
}
export type ConnectService = ReturnType<typeof connectService>;
