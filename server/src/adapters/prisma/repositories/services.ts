import { paymentPolicySchema, NO_PAYMENT_POLICY, type BookingLimits } from '@slotwise/contracts';
import { Prisma } from '../../../generated/prisma/client';
import type { ServiceRecord } from '../../../ports/records';
import type { ServiceFields, ServiceRepository } from '../../../ports/repositories';
import { keyset, toPage } from '../pagination';
import { participantModeOf } from './resources';
import type { Tx } from '../with-tenant';

type ServiceRow = Prisma.ServiceGetPayload<{
  include: {
    providers: { select: { providerId: true } };
    locations: { select: { locationId: true } };
  };
}>;

function toService(s: ServiceRow): ServiceRecord {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    category: s.category,
    durationMinutes: s.durationMinutes,
    bufferBeforeMinutes: s.bufferBeforeMinutes,
    bufferAfterMinutes: s.bufferAfterMinutes,
    priceCents: s.priceCents,
    currency: s.currency,
    deposit: { type: s.depositType, value: s.depositValue },
    paymentPolicy: s.paymentPolicy ? paymentPolicySchema.parse(s.paymentPolicy) : NO_PAYMENT_POLICY,
    capacity: s.capacity,
    minNoticeMinutes: s.minNoticeMinutes,
    maxAdvanceDays: s.maxAdvanceDays,
    slotIntervalMinutes: s.slotIntervalMinutes,
    slotPlacement: s.slotPlacement === 'fill' ? 'fill' : 'grid',
    limits: s.bookingLimits as BookingLimits,
    requiresApproval: s.requiresApproval,
    active: s.active,
    sortOrder: s.sortOrder,
    providerIds: s.providers.map((p) => p.providerId),
    locationIds: s.locations.map((l) => l.locationId),
    participantMode: participantModeOf(s.participantMode),
    hostProviderIds: [...s.hostProviderIds].sort(),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

function toColumns<F extends Partial<ServiceFields>>(f: F) {
  const { deposit, paymentPolicy, limits, ...rest } = f;
  return {
    ...rest,
    ...(limits ? { bookingLimits: limits } : {}),
    ...(deposit ? { depositType: deposit.type, depositValue: deposit.value } : {}),
    // 'none' is stored as NULL: the column says "this service takes payments" only when it does.
    ...(paymentPolicy
      ? { paymentPolicy: paymentPolicy.mode === 'none' ? Prisma.DbNull : (paymentPolicy as unknown as Prisma.InputJsonValue) }
      : {}),
  };
}

/** Assigned providers that still exist; `activeOnly` also hides inactive ones (public views). */
const withProviders = (activeOnly: boolean) =>
  ({
    providers: {
      where: { provider: { deletedAt: null, ...(activeOnly ? { active: true } : {}) } },
      select: { providerId: true },
      orderBy: [{ provider: { sortOrder: 'asc' } }, { providerId: 'asc' }],
    },
    locations: {
      select: { locationId: true },
      orderBy: [{ location: { sortOrder: 'asc' } }, { locationId: 'asc' }],
    },
  }) satisfies Prisma.ServiceInclude;

/** Offered at the location (no rows = everywhere) and offered there by an active provider. */
const atLocation = (locationId: string) =>
  ({
    OR: [{ locations: { none: {} } }, { locations: { some: { locationId } } }],
    providers: { some: { provider: { locationId, active: true, deletedAt: null } } },
  }) satisfies Prisma.ServiceWhereInput;

export function prismaServiceRepository(tx: Tx, tenantId: string): ServiceRepository {
  const get = async (id: string) => {
    const s = await tx.service.findFirst({
      where: { tenantId, id, deletedAt: null },
      include: withProviders(false),
    });
    return s ? toService(s) : null;
  };
  const assign = async (serviceId: string, providerIds: readonly string[]) => {
    await tx.providerService.deleteMany({ where: { tenantId, serviceId } });
    if (providerIds.length > 0) {
      await tx.providerService.createMany({
        data: providerIds.map((providerId) => ({ tenantId, serviceId, providerId })),
      });
    }
  };
  const place = async (serviceId: string, locationIds: readonly string[]) => {
    await tx.serviceLocation.deleteMany({ where: { tenantId, serviceId } });
    if (locationIds.length > 0) {
      await tx.serviceLocation.createMany({
        data: locationIds.map((locationId) => ({ tenantId, serviceId, locationId })),
      });
    }
  };
  return {
    async list(page, opts = {}) {
      const k = keyset(page);
      const rows = await tx.service.findMany({
        where: {
          tenantId,
          deletedAt: null,
          ...(opts.publicOnly ? { active: true } : {}),
          ...(opts.locationId ? atLocation(opts.locationId) : {}),
          ...k.where,
        },
        orderBy: k.orderBy,
        take: k.take,
        include: withProviders(opts.publicOnly === true),
      });
      return toPage(rows, page.limit, toService);
    },
    get,
    async create(fields, providerIds, locationIds = []) {
      const s = await tx.service.create({
        data: { tenantId, ...toColumns(fields) },
        select: { id: true },
      });
      await assign(s.id, providerIds);
      await place(s.id, locationIds);
      return (await get(s.id))!;
    },
    async update(id, patch, providerIds, locationIds) {
      const { count } = await tx.service.updateMany({
        where: { tenantId, id, deletedAt: null },
        data: { ...toColumns(patch), updatedAt: new Date() },
      });
      if (count === 0) return null;
      if (providerIds) await assign(id, providerIds);
      if (locationIds) await place(id, locationIds);
      return get(id);
    },
    async softDelete(id, at) {
      const { count } = await tx.service.updateMany({
        where: { tenantId, id, deletedAt: null },
        data: { deletedAt: at, active: false },
      });
      // A deleted service is offered by nobody; bookings keep their reference to the row.
      if (count > 0) await tx.providerService.deleteMany({ where: { tenantId, serviceId: id } });
      return count > 0;
    },
    async existing(ids) {
      if (ids.length === 0) return [];
      const rows = await tx.service.findMany({
        where: { tenantId, id: { in: [...ids] }, deletedAt: null },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
  };
}
