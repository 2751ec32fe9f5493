import { contract, type BillingStatus, type ConnectStatus } from '@slotwise/contracts';
import {
  allPlans,
  planOf,
  type BillingOverview,
  type BillingService,
} from '../../app/plans/billing';
import { connectState, type ConnectService } from '../../app/plans/connect';
import type { Plan } from '../../domain/plans';
import type { ConnectAccountRecord } from '../../ports/plans';
import { principalOf } from '../context';
import { s } from '../server';

const planDto = (p: Plan) =>
  ({
    id: p.id,
    name: p.name,
    providers: p.providers,
    monthlyBookings: p.monthlyBookings,
    features: [...p.features],
  }) satisfies BillingStatus['plan'];

export function billingStatusDto(o: BillingOverview): BillingStatus {
  const r = o.record;
  return {
    enabled: o.enabled,
    checkoutAvailable: o.checkoutAvailable,
    plan: planDto(planOf(r?.plan)),
    plans: allPlans().map(planDto),
    usage: { providers: o.usage.providers, monthlyBookings: o.usage.monthlyBookings },
    subscription: r?.subscriptionStatus
      ? {
          status: r.subscriptionStatus,
          currentPeriodEnd: r.currentPeriodEnd?.toISOString() ?? null,
          cancelAtPeriodEnd: r.cancelAtPeriodEnd,
        }
      : null,
  } satisfies BillingStatus;
}

export function connectStatusDto(
  a: ConnectAccountRecord | null,
  applicationFeePercent: number,
): ConnectStatus {
  return {
    status: connectState(a),
    accountType: 'express',
    chargesEnabled: a?.chargesEnabled ?? false,
    payoutsEnabled: a?.payoutsEnabled ?? false,
    detailsSubmitted: a?.detailsSubmitted ?? false,
    requirementsDue: a?.requirementsDue ?? [],
    applicationFeePercent,
    updatedAt: a?.updatedAt.toISOString() ?? null,
  } satisfies ConnectStatus;
}

export function billingRouter(billing: BillingService) {
  return s.router(contract.admin.billing, {
    get: async ({ req }) => ({
      status: 200,
      body: billingStatusDto(await billing.overview(principalOf(req))),
    }),
    checkout: async ({ req, body }) => ({
      status: 201,
      body: { url: (await billing.checkoutLink(principalOf(req), body.plan)).url },
    }),
    portal: async ({ req }) => ({
      status: 201,
      body: { url: (await billing.portalLink(principalOf(req))).url },
    }),
  });
}

export function connectRouter(connect: ConnectService) {
  return s.router(contract.admin.connect, {
    get: async ({ req }) => ({
      status: 200,
      body: connectStatusDto(await connect.status(principalOf(req)), connect.applicationFeePercent),
    }),
    onboardingLink: async ({ req }) => {
      const link = await connect.onboardingLink(principalOf(req));
      return { status: 201, body: { url: link.url, expiresAt: link.expiresAt.toISOString() } };
    },
  });
}
