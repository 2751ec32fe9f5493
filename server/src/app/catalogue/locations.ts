import type { CreateLocation, UpdateLocation } from '@slotwise/contracts';
import { offeringBreaches, type Assignment } from '../../domain/locations/offering';
import type { PageRequest } from '../../ports/records';
import type { Directory, TenantRepositories, UnitOfWork } from '../../ports/repositories';
import { AppError, notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';
import { tenantBySlug } from './public-tenant';

/**
 * 422 at `path` when one of the assignments would have a provider offer, at its location, a
 * service not offered there. `providerLocation` / `serviceLocations` override what is stored
 * (the write being checked); the rest is read.
 */
export async function assertOffering(
  r: TenantRepositories,
  assignments: readonly Assignment[],
  change: {
    providerLocation?: ReadonlyMap<string, string | null>;
    serviceLocations?: ReadonlyMap<string, readonly string[]>;
  },
  path: (a: Assignment, i: number) => string,
): Promise<void> {
  if (assignments.length === 0) return;
  // Only what the change does not decide is read (a provider being created has no row yet).
  const providerIds = [...new Set(assignments.map((a) => a.providerId))].filter(
    (id) => !change.providerLocation?.has(id),
  );
  const serviceIds = [...new Set(assignments.map((a) => a.serviceId))].filter(
    (id) => !change.serviceLocations?.has(id),
  );
  const providerLocation = new Map(await r.locations.locationsOfProviders(providerIds));
  for (const [k, v] of change.providerLocation ?? []) providerLocation.set(k, v);
  const serviceLocations = new Map<string, readonly string[]>(
    await r.locations.offeringsOf(serviceIds),
  );
  for (const [k, v] of change.serviceLocations ?? []) serviceLocations.set(k, v);
  const bad = new Set(offeringBreaches(assignments, providerLocation, serviceLocations));
  if (bad.size === 0) return;
  throw validationFailed(
    assignments.flatMap((a, i) =>
      bad.has(a)
        ? [
            {
              path: path(a, i),
              message: 'This service is not offered at the provider\u2019s location',
            },
          ]
        : [],
    ),
    'A provider at a location can only offer services offered there',
  );
}

/** 422 naming `path` unless `locationId` is one of this tenant's locations. */
export async function assertLocation(r: TenantRepositories, locationId: string, path: string) {
  const location = await r.locations.get(locationId);
  if (!location) throw validationFailed([{ path, message: `Unknown location ${locationId}` }]);
  return location;
}

/** A tenant's sites (ADR 0019). A tenant without any keeps working as a single site. */
export function locationCatalogue(deps: { uow: UnitOfWork; directory: Directory }) {
  const { uow, directory } = deps;
  return {
    list: (p: Principal, page: PageRequest) => uow.run(p.tenantId, (r) => r.locations.list(page)),

    get: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const location = await r.locations.get(id);
        if (!location) throw notFound('Location');
        return location;
      }),

    create: (p: Principal, body: CreateLocation) =>
      uow.run(p.tenantId, async (r) =>
        r.locations.create({ ...body, timeZone: body.timeZone ?? (await r.tenant.get()).timeZone }),
      ),

    /** A new zone reaches its providers in the same transaction (trigger locations_zone_to_providers). */
    update: (p: Principal, id: string, body: UpdateLocation) =>
      uow.run(p.tenantId, async (r) => {
        const location = await r.locations.update(id, body);
        if (!location) throw notFound('Location');
        return location;
      }),

    remove: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const outcome = await r.locations.delete(id);
        if (outcome === 'not_found') throw notFound('Location');
        if (outcome === 'in_use')
          throw new AppError(
            'conflict',
            'This location has providers, resources, services or bookings: deactivate it instead',
            { reason: 'location_in_use' },
          );
      }),

    /** Active locations, for the customer's choice. */
    async listPublic(slug: string, page: PageRequest) {
      const t = await tenantBySlug(directory, slug);
      return uow.run(t.id, (r) => r.locations.list(page, { activeOnly: true }));
    },

    /**
     * Providers (not deleted) working at an ACTIVE location of the tenant: what a customer's
     * location filter narrows slots and bookings to. Null when there is no such location.
     */
    providersAt: (tenantId: string, locationId: string) =>
      uow.run(tenantId, async (r) => {
        const location = await r.locations.get(locationId);
        return location?.active ? location.providerIds : null;
      }),

    /**
     * Reports' location filter as the providers it stands for: every provider at the location,
     * deleted ones included (their past bookings count). Any location of the tenant; 404 otherwise.
     */
    reportProviderIds: (p: Principal, locationId: string) =>
      uow.run(p.tenantId, async (r) => {
        if (!(await r.locations.get(locationId))) throw notFound('Location');
        return r.locations.allProviderIdsAt(locationId);
      }),
  };
}
export type LocationCatalogue = ReturnType<typeof locationCatalogue>;

/** What the availability and booking use cases need of locations. */
export type LocationScope = Pick<LocationCatalogue, 'providersAt'>;
