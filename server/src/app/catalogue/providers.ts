import type { CreateProvider, UpdateProvider } from '@slotwise/contracts';
import type { Clock } from '../../ports/clock';
import type { PageRequest, WeeklyIntervalRecord } from '../../ports/records';
import type { Directory, TenantRepositories, UnitOfWork } from '../../ports/repositories';
import { notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';
import { assertKnownIds } from './known-ids';
import { assertLocation, assertOffering } from './locations';
import { tenantBySlug } from './public-tenant';
import type { PlanGate } from '../plans/gate';

async function assertServices(r: TenantRepositories, serviceIds: readonly string[]) {
  assertKnownIds(serviceIds, await r.services.existing(serviceIds), 'body.serviceIds', 'service');
}

/**
 * A provider at a location works in the location's zone (ADR 0019): a different `timeZone` is
 * refused, none sent means the location's. Its services must be offered at the location.
 */
async function placeAt(
  r: TenantRepositories,
  providerId: string,
  locationId: string | null,
  timeZone: string | undefined,
  serviceIds: readonly string[],
  servicesSent: boolean,
): Promise<string | undefined> {
  if (locationId === null) return timeZone;
  const location = await assertLocation(r, locationId, 'body.locationId');
  if (timeZone !== undefined && timeZone !== location.timeZone)
    throw validationFailed([
      {
        path: 'body.timeZone',
        message: `A provider at ${location.name} works in its zone (${location.timeZone})`,
      },
    ]);
  await assertOffering(
    r,
    serviceIds.map((serviceId) => ({ providerId, serviceId })),
    { providerLocation: new Map([[providerId, locationId]]) },
    (_a, i) => (servicesSent ? `body.serviceIds.${i}` : 'body.locationId'),
  );
  return location.timeZone;
}

/** Staff and rooms. Deleting is soft, like services. */
export function providerCatalogue(deps: {
  uow: UnitOfWork;
  directory: Directory;
  clock: Clock;
  plans?: PlanGate;
}) {
  const { uow, directory, clock } = deps;
  return {
    list: (p: Principal, page: PageRequest) => uow.run(p.tenantId, (r) => r.providers.list(page)),

    get: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const provider = await r.providers.get(id);
        if (!provider) throw notFound('Provider');
        return provider;
      }),

    create: (p: Principal, body: CreateProvider) =>
      uow.run(p.tenantId, async (r) => {
        // The plan's provider limit, counted under the tenant's limit lock (concurrent creations queue).
        await deps.plans?.requireProviderRoom(r);
        const { serviceIds, timeZone, weeklyHours, ...fields } = body;
        await assertServices(r, serviceIds);
        const tenant = await r.tenant.get();
        // The new provider's id is not known yet: 'new' only names it within the check.
        const zone = await placeAt(r, 'new', fields.locationId, timeZone, serviceIds, true);
        const provider = await r.providers.create(
          { ...fields, timeZone: zone ?? tenant.timeZone },
          serviceIds,
        );
        // A new provider is bookable at once: the hours given, else the business's default week.
        const week = weeklyHours ?? tenant.settings.defaultWeeklyHours;
        await r.schedules.replaceWeeklyHours(
          provider.id,
          week.map((i) => ({
            weekday: i.weekday as WeeklyIntervalRecord['weekday'],
            startTime: i.startTime,
            endTime: i.endTime,
            serviceIds: null,
          })),
        );
        return provider;
      }),

    update: (p: Principal, id: string, body: UpdateProvider) =>
      uow.run(p.tenantId, async (r) => {
        const current = await r.providers.get(id);
        if (!current) throw notFound('Provider');
        const { serviceIds, ...patch } = body;
        if (serviceIds) await assertServices(r, serviceIds);
        const locationId = patch.locationId !== undefined ? patch.locationId : current.locationId;
        if (
          locationId !== null &&
          (patch.locationId !== undefined || serviceIds || patch.timeZone)
        ) {
          patch.timeZone = await placeAt(
            r,
            id,
            locationId,
            patch.timeZone,
            serviceIds ?? current.serviceIds,
            serviceIds !== undefined,
          );
        }
        return (await r.providers.update(id, patch, serviceIds))!;
      }),

    remove: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        if (!(await r.providers.softDelete(id, clock.now()))) throw notFound('Provider');
      }),

    /**
     * Active providers; with `serviceId`, those offering that (active) service, else 404; with
     * `locationId`, those working at that (active) location, else 404.
     */
    async listPublic(slug: string, page: PageRequest, serviceId?: string, locationId?: string) {
      const t = await tenantBySlug(directory, slug);
      return uow.run(t.id, async (r) => {
        if (serviceId) {
          const s = await r.services.get(serviceId);
          if (!s || !s.active) throw notFound('Service');
        }
        if (locationId && !(await r.locations.get(locationId))?.active) throw notFound('Location');
        return r.providers.list(page, { publicOnly: true, serviceId, locationId });
      });
    },
  };
}
export type ProviderCatalogue = ReturnType<typeof providerCatalogue>;
