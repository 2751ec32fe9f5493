import type { CreateProvider, UpdateProvider } from '@slotwise/contracts';
import type { Clock } from '../../ports/clock';
import type { PageRequest, WeeklyIntervalRecord } from '../../ports/records';
import type { Directory, TenantRepositories, UnitOfWork } from '../../ports/repositories';
import { notFound } from '../errors';
import type { Principal } from '../principal';
import { assertKnownIds } from './known-ids';
import { tenantBySlug } from './public-tenant';
import type { PlanGate } from '../plans/gate';

async function assertServices(r: TenantRepositories, serviceIds: readonly string[]) {
  assertKnownIds(serviceIds, await r.services.existing(serviceIds), 'body.serviceIds', 'service');
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
        const provider = await r.providers.create(
          { ...fields, timeZone: timeZone ?? tenant.timeZone },
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
        if (!(await r.providers.get(id))) throw notFound('Provider');
        const { serviceIds, ...patch } = body;
        if (serviceIds) await assertServices(r, serviceIds);
        return (await r.providers.update(id, patch, serviceIds))!;
      }),

    remove: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        if (!(await r.providers.softDelete(id, clock.now()))) throw notFound('Provider');
      }),

    /** Active providers; with `serviceId`, those offering that (active) service, else 404. */
    async listPublic(slug: string, page: PageRequest, serviceId?: string) {
      const t = await tenantBySlug(directory, slug);
      return uow.run(t.id, async (r) => {
        if (serviceId) {
          const s = await r.services.get(serviceId);
          if (!s || !s.active) throw notFound('Service');
        }
        return r.providers.list(page, { publicOnly: true, serviceId });
      });
    },
  };
}
export type ProviderCatalogue = ReturnType<typeof providerCatalogue>;
