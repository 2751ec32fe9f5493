import type { CreateProvider, UpdateProvider } from '@slotwise/contracts';
import type { Clock } from '../../ports/clock';
import type { PageRequest } from '../../ports/records';
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
        const { serviceIds, timeZone, ...fields } = body;
        await assertServices(r, serviceIds);
        return r.providers.create(
          { ...fields, timeZone: timeZone ?? (await r.tenant.get()).timeZone },
          serviceIds,
        );
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
