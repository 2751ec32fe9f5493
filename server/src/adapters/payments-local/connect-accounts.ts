import type { ConnectAccountSnapshot, StripeAccounts } from '../../ports/stripe-accounts';
import { localId, type LocalEventSink } from './local-events';

/**
 * Connect without Stripe (the embedded default): accounts live in memory, and following the
 * onboarding link completes onboarding at once (charges and payouts enabled), reported through
 * account.updated like Stripe would.
 */
export function localConnectAccounts(events: LocalEventSink): StripeAccounts {
  const accounts = new Map<string, ConnectAccountSnapshot>();
  const get = (id: string) => {
    const a = accounts.get(id);
    if (!a) throw new Error(`No such account: ${id}`);
    return a;
  };
  return {
    async create({ tenantId }) {
      const existing = [...accounts.values()].find((a) => a.tenantId === tenantId);
      if (existing) return { ...existing };
      const a: ConnectAccountSnapshot = {
        id: localId('acct'),
        tenantId,
        chargesEnabled: false,
        payoutsEnabled: false,
        detailsSubmitted: false,
        requirementsDue: ['external_account', 'tos_acceptance.date'],
        disabledReason: 'requirements.past_due',
      };
      accounts.set(a.id, a);
      return { ...a };
    },
    async retrieve(id) {
      return { ...get(id) };
    },
    async onboardingLink({ accountId, returnUrl }) {
      const a = get(accountId);
      Object.assign(a, {
        chargesEnabled: true,
        payoutsEnabled: true,
        detailsSubmitted: true,
        requirementsDue: [],
        disabledReason: null,
      });
      events.emit('account.updated', a.id, a.id);
      return { url: returnUrl, expiresAt: new Date(Date.now() + 5 * 60_000) };
    },
  };
}
