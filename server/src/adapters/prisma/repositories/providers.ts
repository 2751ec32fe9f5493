import type { BookingLimits } from '@slotwise/contracts';
import type { Prisma } from '../../../generated/prisma/client';
import type { ProviderRecord } from '../../../ports/records';
import type { ProviderRepository } from '../../../ports/repositories';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';

type ProviderRow = Prisma.ProviderGetPayload<{
  include: { services: { select: { serviceId: true } } };
}>;

function toProvider(p: ProviderRow): ProviderRecord {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    email: p.email,
    bio: p.bio,
    timeZone: p.timeZone,
    color: p.color,
    active: p.active,
    sortOrder: p.sortOrder,
    serviceIds: p.services.map((s) => s.serviceId),
    limits: p.bookingLimits as BookingLimits,
    locationId: p.locationId,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** Assigned services that still exist; `activeOnly` also hides inactive ones (public views). */
const withServices = (activeOnly: boolean) =>
  ({
    services: {
      where: { service: { deletedAt: null, ...(activeOnly ? { active: true } : {}) } },
      select: { serviceId: true },
      orderBy: [{ service: { sortOrder: 'asc' } }, { serviceId: 'asc' }],
    },
  }) satisfies Prisma.ProviderInclude;

function withoutLimits<T extends { limits?: unknown }>(p: T): Omit<T, 'limits'> {
  const { limits: _limits, ...rest } = p;
  return rest;
}

export function prismaProviderRepository(tx: Tx, tenantId: string): ProviderRepository {
  const get = async (id: string) => {
    const p = await tx.provider.findFirst({
      where: { tenantId, id, deletedAt: null },
      include: withServices(false),
    });
    return p ? toProvider(p) : null;
  };
  const assign = async (providerId: string, serviceIds: readonly string[]) => {
    await tx.providerService.deleteMany({ where: { tenantId, providerId } });
    if (serviceIds.length > 0) {
      await tx.providerService.createMany({
        data: serviceIds.map((serviceId) => ({ tenantId, providerId, serviceId })),
      });
    }
  };
  return {
    async list(page, opts = {}) {
      const k = keyset(page);
      const rows = await tx.provider.findMany({
        where: {
          tenantId,
          deletedAt: null,
          ...(opts.publicOnly ? { active: true } : {}),
          ...(opts.serviceId ? { services: { some: { serviceId: opts.serviceId } } } : {}),
          ...(opts.locationId ? { locationId: opts.locationId } : {}),
          ...k.where,
        },
        orderBy: k.orderBy,
        take: k.take,
        include: withServices(opts.publicOnly === true),
      });
      return toPage(rows, page.limit, toProvider);
    },
    get,
    async create(fields, serviceIds) {
      const { limits, ...rest } = fields;
      const p = await tx.provider.create({
        data: { tenantId, ...rest, bookingLimits: limits },
        select: { id: true },
      });
      await assign(p.id, serviceIds);
      return (await get(p.id))!;
    },
    async update(id, patch, serviceIds) {
      const { count } = await tx.provider.updateMany({
        where: { tenantId, id, deletedAt: null },
        data: {
          ...withoutLimits(patch),
          ...(patch.limits ? { bookingLimits: patch.limits } : {}),
          updatedAt: new Date(),
        },
      });
      if (count === 0) return null;
      if (serviceIds) await assign(id, serviceIds);
      return get(id);
    },
    async softDelete(id, at) {
      const { count } = await tx.provider.updateMany({
        where: { tenantId, id, deletedAt: null },
        data: { deletedAt: at, active: false },
      });
      // Nobody can book a deleted provider again; existing bookings keep their reference to the row.
      if (count > 0) await tx.providerService.deleteMany({ where: { tenantId, providerId: id } });
      return count > 0;
    },
    async existing(ids) {
      if (ids.length === 0) return [];
      const rows = await tx.provider.findMany({
        where: { tenantId, id: { in: [...ids] }, deletedAt: null },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
  };
}
