import {
  depositIssues,
  depositOfPolicy,
  NO_PAYMENT_POLICY,
  paymentPolicyIssues,
  type CreateService,
  type UpdateService,
} from '@slotwise/contracts';
import type { Clock } from '../../ports/clock';
import type { PageRequest } from '../../ports/records';
import type { Directory, TenantRepositories, UnitOfWork } from '../../ports/repositories';
import { notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';
import { assertKnownIds } from './known-ids';
import { assertOffering } from './locations';
import { tenantBySlug } from './public-tenant';
import type { PlanGate } from '../plans/gate';

async function assertProviders(r: TenantRepositories, providerIds: readonly string[]) {
  assertKnownIds(
    providerIds,
    await r.providers.existing(providerIds),
    'body.providerIds',
    'provider',
  );
}

async function assertLocations(r: TenantRepositories, locationIds: readonly string[]) {
  assertKnownIds(locationIds, await r.locations.existing(locationIds), 'body.locationIds', 'location');
}

/** Every provider of the service must work where it is offered (or nowhere in particular). */
async function assertPlaced(
  r: TenantRepositories,
  serviceId: string,
  providerIds: readonly string[],
  locationIds: readonly string[],
  providersSent: boolean,
) {
  await assertOffering(
    r,
    providerIds.map((providerId) => ({ providerId, serviceId })),
    { serviceLocations: new Map([[serviceId, locationIds]]) },
    (_a, i) => (providersSent ? `body.providerIds.${i}` : 'body.locationIds'),
  );
}

/**
 * The service catalogue. Deleting is soft: bookings keep pointing at the row, but it disappears
 * from every list and can no longer be booked.
 */
export function serviceCatalogue(deps: { uow: UnitOfWork; directory: Directory; clock: Clock; plans?: PlanGate }) {
  const { uow, directory, clock } = deps;
  return {
    list: (p: Principal, page: PageRequest) => uow.run(p.tenantId, (r) => r.services.list(page)),

    get: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const service = await r.services.get(id);
        if (!service) throw notFound('Service');
        return service;
      }),

    create: (p: Principal, body: CreateService) =>
      uow.run(p.tenantId, async (r) => {
        const { providerIds, locationIds, currency, paymentPolicy, ...fields } = body;
        await assertProviders(r, providerIds);
        await assertLocations(r, locationIds);
        await assertPlaced(r, 'new', providerIds, locationIds, true);
        const policy = paymentPolicy ?? NO_PAYMENT_POLICY;
        // Taking money is a plan feature: a paying policy needs it (402 otherwise, nothing written).
        if (policy.mode !== 'none') await deps.plans?.requireFeature(r, 'payments');
        return r.services.create(
          {
            ...fields,
            // A payment policy decides the legacy deposit field, so the two never disagree.
            ...(paymentPolicy ? { deposit: depositOfPolicy(policy, fields.priceCents) } : {}),
            paymentPolicy: policy,
            currency: currency ?? (await r.tenant.get()).currency,
          },
          providerIds,
          locationIds,
        );
      }),

    update: (p: Principal, id: string, body: UpdateService) =>
      uow.run(p.tenantId, async (r) => {
        const current = await r.services.get(id);
        if (!current) throw notFound('Service');
        const { providerIds, locationIds, ...patch } = body;
        const price = patch.priceCents ?? current.priceCents;
        const policy = patch.paymentPolicy ?? current.paymentPolicy;
        if (patch.paymentPolicy && patch.paymentPolicy.mode !== 'none') await deps.plans?.requireFeature(r, 'payments');
        if (patch.paymentPolicy || (patch.priceCents !== undefined && policy.mode !== 'none'))
          patch.deposit = depositOfPolicy(policy, price);
        // Deposit limits depend on the price, so they are checked on the merged result.
        const issues = [
          ...depositIssues(patch.deposit ?? current.deposit, price),
          ...paymentPolicyIssues(policy, price),
        ];
        if (issues.length > 0)
          throw validationFailed(
            issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
          );
        if (providerIds) await assertProviders(r, providerIds);
        if (locationIds) await assertLocations(r, locationIds);
        if (providerIds || locationIds)
          await assertPlaced(
            r,
            id,
            providerIds ?? current.providerIds,
            locationIds ?? current.locationIds,
            providerIds !== undefined,
          );
        return (await r.services.update(id, patch, providerIds, locationIds))!;
      }),

    remove: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        if (!(await r.services.softDelete(id, clock.now()))) throw notFound('Service');
      }),

    /**
     * Active services; with `locationId` (an active location, else 404), those offered there by
     * a provider working there, each listing only those providers.
     */
    async listPublic(slug: string, page: PageRequest, locationId?: string) {
      const t = await tenantBySlug(directory, slug);
      return uow.run(t.id, async (r) => {
        if (!locationId) return r.services.list(page, { publicOnly: true });
        const location = await r.locations.get(locationId);
        if (!location?.active) throw notFound('Location');
        const here = new Set(location.providerIds);
        const found = await r.services.list(page, { publicOnly: true, locationId });
        return {
          ...found,
          items: found.items.map((s) => ({ ...s, providerIds: s.providerIds.filter((id) => here.has(id)) })),
        };
      });
    },
  };
}
export type ServiceCatalogue = ReturnType<typeof serviceCatalogue>;
