import type { Prisma } from '../../../generated/prisma/client';
import type { WaitlistEntryRecord } from '../../../ports/records';
import type { WaitlistRepository } from '../../../ports/repositories';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';

const withRefs = {
  service: { select: { id: true, name: true } },
  customer: { select: { id: true, name: true, email: true, phone: true } },
} as const;

type Row = Prisma.WaitlistEntryGetPayload<{ include: typeof withRefs }>;

// DATE columns arrive as UTC midnights.
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dateOf = (s: string) => new Date(`${s}T00:00:00Z`);

const toEntry = (w: Row): WaitlistEntryRecord => ({
  id: w.id,
  service: w.service,
  providerId: w.providerId,
  customer: w.customer,
  fromDate: isoDate(w.fromDate),
  toDate: isoDate(w.toDate),
  status: w.status,
  notifiedAt: w.notifiedAt,
  createdAt: w.createdAt,
});

export function prismaWaitlistRepository(tx: Tx, tenantId: string): WaitlistRepository {
  return {
    async list(filter, page) {
      // Oldest first: the head of the list is first in line.
      const k = keyset(page, 'asc');
      const rows = await tx.waitlistEntry.findMany({
        where: {
          tenantId,
          ...(filter.serviceId ? { serviceId: filter.serviceId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...k.where,
        },
        orderBy: k.orderBy,
        take: k.take,
        include: withRefs,
      });
      return toPage(rows, page.limit, toEntry);
    },

    async findOpen(q) {
      const w = await tx.waitlistEntry.findFirst({
        where: {
          tenantId,
          serviceId: q.serviceId,
          providerId: q.providerId,
          customerId: q.customerId,
          fromDate: dateOf(q.fromDate),
          toDate: dateOf(q.toDate),
          status: 'waiting',
        },
        include: withRefs,
      });
      return w ? toEntry(w) : null;
    },

    async add(e) {
      const w = await tx.waitlistEntry.create({
        data: {
          tenantId,
          serviceId: e.serviceId,
          providerId: e.providerId,
          customerId: e.customerId,
          fromDate: dateOf(e.fromDate),
          toDate: dateOf(e.toDate),
        },
        include: withRefs,
      });
      return toEntry(w);
    },

    async cancel(id) {
      const { count } = await tx.waitlistEntry.updateMany({
        where: { tenantId, id },
        data: { status: 'cancelled' },
      });
      if (!count) return null;
      return toEntry(
        await tx.waitlistEntry.findFirstOrThrow({ where: { tenantId, id }, include: withRefs }),
      );
    },

    async claimForSlot(q) {
      const day = dateOf(q.date);
      // One UPDATE … RETURNING: row locks make a concurrent claim skip what this one took.
      return tx.waitlistEntry.updateManyAndReturn({
        where: {
          tenantId,
          serviceId: q.serviceId,
          status: 'waiting',
          OR: [{ providerId: null }, { providerId: q.providerId }],
          fromDate: { lte: day },
          toDate: { gte: day },
        },
        data: { status: 'notified', notifiedAt: q.at },
        select: { id: true, customerId: true },
      });
    },
  };
}
