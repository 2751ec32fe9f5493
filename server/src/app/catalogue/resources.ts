import type {
  CreateResource,
  ServiceParticipants,
  UpdateResource,
} from '@slotwise/contracts';
import type { Clock } from '../../ports/clock';
import type { PageRequest } from '../../ports/records';
import type { UnitOfWork } from '../../ports/repositories';
import { notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';
import { assertKnownIds } from './known-ids';
import { assertLocation } from './locations';

/** Rooms, chairs, equipment, and who a booking of a service needs (ADR 0018). */
export function resourceCatalogue(deps: { uow: UnitOfWork; clock: Clock }) {
  const { uow, clock } = deps;
  return {
    list: (p: Principal, page: PageRequest) => uow.run(p.tenantId, (r) => r.resources.list(page)),

    get: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        const resource = await r.resources.get(id);
        if (!resource) throw notFound('Resource');
        return resource;
      }),

    /** A resource's location must be one of the tenant's (422 on body.locationId, like providers). */
    create: (p: Principal, body: CreateResource) =>
      uow.run(p.tenantId, async (r) => {
        if (body.locationId !== null) await assertLocation(r, body.locationId, 'body.locationId');
        return r.resources.create(body);
      }),

    update: (p: Principal, id: string, body: UpdateResource) =>
      uow.run(p.tenantId, async (r) => {
        if (body.locationId) await assertLocation(r, body.locationId, 'body.locationId');
        const updated = await r.resources.update(id, body);
        if (!updated) throw notFound('Resource');
        return updated;
      }),

    remove: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        if (!(await r.resources.softDelete(id, clock.now()))) throw notFound('Resource');
      }),

    participants: (p: Principal, serviceId: string) =>
      uow.run(p.tenantId, async (r) => {
        const config = await r.resources.participants(serviceId);
        if (!config) throw notFound('Service');
        return config;
      }),

    /**
     * Hosts must be providers of the service, and round robin needs at least one host and one
     * other provider (the pool), else it would be collective or single under another name.
     */
    setParticipants: (p: Principal, serviceId: string, body: ServiceParticipants) =>
      uow.run(p.tenantId, async (r) => {
        const service = await r.services.get(serviceId);
        if (!service) throw notFound('Service');
        assertKnownIds(body.resourceIds, await r.resources.existing(body.resourceIds), 'body.resourceIds', 'resource');
        const issues = participantIssues(body, service.providerIds);
        if (issues.length > 0) throw validationFailed(issues);
        const config = {
          mode: body.mode,
          hostProviderIds: [...body.hostProviderIds].sort(),
          resourceIds: [...body.resourceIds].sort(),
        };
        await r.resources.setParticipants(serviceId, config);
        return config;
      }),
  };
}
export type ResourceCatalogue = ReturnType<typeof resourceCatalogue>;

function participantIssues(
  body: ServiceParticipants,
  providerIds: readonly string[],
): { path: string; message: string }[] {
  if (body.mode !== 'round_robin') {
    return body.hostProviderIds.length > 0
      ? [{ path: 'body.hostProviderIds', message: 'Only a round robin service has hosts' }]
      : [];
  }
  const offered = new Set(providerIds);
  const unknown = body.hostProviderIds.flatMap((id, i) =>
    offered.has(id) ? [] : [{ path: `body.hostProviderIds.${i}`, message: `Provider ${id} does not offer this service` }],
  );
  if (unknown.length > 0) return unknown;
  if (body.hostProviderIds.length === 0)
    return [{ path: 'body.hostProviderIds', message: 'A round robin service needs at least one host' }];
  if (body.hostProviderIds.length >= offered.size)
    return [{ path: 'body.hostProviderIds', message: 'A round robin service needs a provider who is not a host' }];
  return [];
}
