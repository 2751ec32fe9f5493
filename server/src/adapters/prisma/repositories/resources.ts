import type { ParticipantMode, ResourceKind } from '@slotwise/contracts';
import type { Prisma } from '../../../generated/prisma/client';
import type { ResourceRecord, ServiceParticipantsRecord } from '../../../ports/records';
import type { ResourceRepository } from '../../../ports/repositories';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';

type ResourceRow = Prisma.ResourceGetPayload<object>;

function toResource(r: ResourceRow): ResourceRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as ResourceKind,
    capacity: r.capacity,
    active: r.active,
    locationId: r.locationId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Resources and the participant configuration of services (ADR 0018). */
export function prismaResourceRepository(tx: Tx, tenantId: string): ResourceRepository {
  const get = async (id: string) => {
    const r = await tx.resource.findFirst({ where: { tenantId, id, deletedAt: null } });
    return r ? toResource(r) : null;
  };
  return {
    async list(page) {
      const k = keyset(page);
      const rows = await tx.resource.findMany({
        where: { tenantId, deletedAt: null, ...k.where },
        orderBy: k.orderBy,
        take: k.take,
      });
      return toPage(rows, page.limit, toResource);
    },
    get,
    async create(fields) {
      const r = await tx.resource.create({ data: { tenantId, ...fields } });
      return toResource(r);
    },
    async update(id, patch) {
      const { count } = await tx.resource.updateMany({
        where: { tenantId, id, deletedAt: null },
        data: { ...patch, updatedAt: new Date() },
      });
      return count === 0 ? null : get(id);
    },
    async softDelete(id, at) {
      const { count } = await tx.resource.updateMany({
        where: { tenantId, id, deletedAt: null },
        data: { deletedAt: at, active: false },
      });
      return count > 0;
    },
    async existing(ids) {
      if (ids.length === 0) return [];
      const rows = await tx.resource.findMany({
        where: { tenantId, id: { in: [...ids] }, deletedAt: null },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    async participants(serviceId) {
      const s = await tx.service.findFirst({
        where: { tenantId, id: serviceId, deletedAt: null },
        select: {
          participantMode: true,
          hostProviderIds: true,
          resources: { where: { resource: { deletedAt: null } }, select: { resourceId: true } },
        },
      });
      if (!s) return null;
      return toParticipants(s.participantMode, s.hostProviderIds, s.resources.map((r) => r.resourceId));
    },
    async setParticipants(serviceId, p) {
      await tx.service.updateMany({
        where: { tenantId, id: serviceId, deletedAt: null },
        data: { participantMode: p.mode, hostProviderIds: p.hostProviderIds, updatedAt: new Date() },
      });
      await tx.serviceResource.deleteMany({ where: { tenantId, serviceId } });
      if (p.resourceIds.length > 0) {
        await tx.serviceResource.createMany({
          data: p.resourceIds.map((resourceId) => ({ tenantId, serviceId, resourceId })),
        });
      }
    },
  };
}

/** services.participant_mode (a text column with a CHECK) as the contracts' enum. */
export const participantModeOf = (mode: string): ParticipantMode =>
  mode === 'collective' || mode === 'round_robin' ? mode : 'single';

function toParticipants(mode: string, hosts: string[], resources: string[]): ServiceParticipantsRecord {
  return {
    mode: participantModeOf(mode),
    hostProviderIds: [...hosts].sort(),
    resourceIds: [...resources].sort(),
  };
}
