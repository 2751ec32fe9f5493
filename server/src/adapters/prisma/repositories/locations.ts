import type { Prisma } from '../../../generated/prisma/client';
import type { LocationRecord } from '../../../ports/records';
import type { LocationFields, LocationRepository } from '../../../ports/repositories';
import { sqlStateOf } from '../../postgres/sql-errors';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';

const withProviders = {
  providers: {
    where: { deletedAt: null },
    select: { id: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
  },
} satisfies Prisma.LocationInclude;

type LocationRow = Prisma.LocationGetPayload<{ include: typeof withProviders }>;

function toLocation(l: LocationRow): LocationRecord {
  return {
    id: l.id,
    name: l.name,
    address: {
      line1: l.addressLine1,
      line2: l.addressLine2,
      city: l.city,
      region: l.region,
      postalCode: l.postalCode,
      country: l.country,
    },
    phone: l.phone,
    timeZone: l.timeZone,
    active: l.active,
    sortOrder: l.sortOrder,
    providerIds: l.providers.map((p) => p.id),
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

function toColumns(f: Partial<LocationFields>) {
  const { address, ...rest } = f;
  return {
    ...rest,
    ...(address
      ? {
          addressLine1: address.line1,
          addressLine2: address.line2,
          city: address.city,
          region: address.region,
          postalCode: address.postalCode,
          country: address.country,
        }
      : {}),
  };
}

/** PostgreSQL's foreign_key_violation: the RESTRICT keys of a used location. */
const FOREIGN_KEY_VIOLATION = '23503';

export function prismaLocationRepository(tx: Tx, tenantId: string): LocationRepository {
  const get = async (id: string) => {
    const l = await tx.location.findFirst({ where: { tenantId, id }, include: withProviders });
    return l ? toLocation(l) : null;
  };
  return {
    async list(page, opts = {}) {
      const k = keyset(page);
      const rows = await tx.location.findMany({
        where: { tenantId, ...(opts.activeOnly ? { active: true } : {}), ...k.where },
        orderBy: k.orderBy,
        take: k.take,
        include: withProviders,
      });
      return toPage(rows, page.limit, toLocation);
    },
    get,
    async create(fields) {
      const l = await tx.location.create({
        data: { tenantId, ...toColumns(fields), name: fields.name, timeZone: fields.timeZone },
        select: { id: true },
      });
      return (await get(l.id))!;
    },
    async update(id, patch) {
      const { count } = await tx.location.updateMany({
        where: { tenantId, id },
        data: { ...toColumns(patch), updatedAt: new Date() },
      });
      return count === 0 ? null : get(id);
    },
    async delete(id) {
      // Deleted providers and resources too: their rows still reference the location.
      const [provider, resource, booking, offering] = await Promise.all([
        tx.provider.findFirst({ where: { tenantId, locationId: id }, select: { id: true } }),
        tx.resource.findFirst({ where: { tenantId, locationId: id }, select: { id: true } }),
        tx.booking.findFirst({ where: { tenantId, locationId: id }, select: { id: true } }),
        tx.serviceLocation.findFirst({
          where: { tenantId, locationId: id },
          select: { serviceId: true },
        }),
      ]);
      if (provider || resource || booking || offering) return 'in_use';
      // A reference committed since the check above still stops the delete (RESTRICT keys). The
      // savepoint keeps the transaction usable when it does.
      await tx.$executeRawUnsafe('SAVEPOINT location_delete');
      try {
        const { count } = await tx.location.deleteMany({ where: { tenantId, id } });
        await tx.$executeRawUnsafe('RELEASE SAVEPOINT location_delete');
        return count === 0 ? 'not_found' : 'deleted';
      } catch (err) {
        if (sqlStateOf(err) !== FOREIGN_KEY_VIOLATION) throw err;
        await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT location_delete');
        return 'in_use';
      }
    },
    async existing(ids) {
      if (ids.length === 0) return [];
      const rows = await tx.location.findMany({
        where: { tenantId, id: { in: [...ids] } },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    async offeringsOf(serviceIds) {
      const out = new Map<string, string[]>(serviceIds.map((id) => [id, []]));
      if (serviceIds.length === 0) return out;
      const rows = await tx.serviceLocation.findMany({
        where: { tenantId, serviceId: { in: [...serviceIds] } },
        select: { serviceId: true, locationId: true },
      });
      for (const r of rows) out.get(r.serviceId)?.push(r.locationId);
      return out;
    },
    async locationsOfProviders(providerIds) {
      if (providerIds.length === 0) return new Map();
      const rows = await tx.provider.findMany({
        where: { tenantId, id: { in: [...providerIds] }, deletedAt: null },
        select: { id: true, locationId: true },
      });
      return new Map(rows.map((r) => [r.id, r.locationId]));
    },
    async allProviderIdsAt(locationId) {
      const rows = await tx.provider.findMany({
        where: { tenantId, locationId },
        select: { id: true },
        orderBy: { id: 'asc' },
      });
      return rows.map((r) => r.id);
    },
  };
}
