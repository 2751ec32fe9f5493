import type { AvailabilityRule, DateOverride, Prisma } from '../../../generated/prisma/client';
import type { DateOverrideRecord, WeeklyIntervalRecord } from '../../../ports/records';
import type { DateWindow, ScheduleRepository } from '../../../ports/repositories';
import { dateColumnToLocal, localToDateColumn } from '../local-dates';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';

function toInterval(r: AvailabilityRule): WeeklyIntervalRecord {
  return {
    weekday: r.weekday as WeeklyIntervalRecord['weekday'],
    startTime: r.startTime,
    endTime: r.endTime,
    // The column's empty array means "every service" (see schema.prisma).
    serviceIds: r.serviceIds.length > 0 ? r.serviceIds : null,
  };
}

export function toOverride(o: DateOverride): DateOverrideRecord {
  return {
    id: o.id,
    providerId: o.providerId,
    startDate: dateColumnToLocal(o.startDate),
    endDate: dateColumnToLocal(o.endDate),
    intervals: (o.intervals as { startTime: string; endTime: string }[]).map((i) => ({
      startTime: i.startTime,
      endTime: i.endTime,
    })),
    reason: o.reason,
    createdAt: o.createdAt,
  };
}

/** Rows whose [startDate, endDate] meets the window. */
export function dateWindowWhere(w: DateWindow) {
  return {
    ...(w.from ? { endDate: { gte: localToDateColumn(w.from) } } : {}),
    ...(w.to ? { startDate: { lte: localToDateColumn(w.to) } } : {}),
  };
}

const overrideColumns = (
  o: Pick<DateOverrideRecord, 'startDate' | 'endDate' | 'intervals' | 'reason'>,
) => ({
  startDate: localToDateColumn(o.startDate),
  endDate: localToDateColumn(o.endDate),
  intervals: o.intervals.map((i) => ({
    startTime: i.startTime,
    endTime: i.endTime,
  })) as Prisma.InputJsonValue,
  reason: o.reason,
});

const weeklyOrder = [
  { weekday: 'asc' },
  { startTime: 'asc' },
] satisfies Prisma.AvailabilityRuleOrderByWithRelationInput[];

export function prismaScheduleRepository(tx: Tx, tenantId: string): ScheduleRepository {
  const weeklyHours = async (providerId: string) => {
    const rows = await tx.availabilityRule.findMany({
      where: { tenantId, providerId },
      orderBy: weeklyOrder,
    });
    return rows.map(toInterval);
  };
  return {
    weeklyHours,
    async replaceWeeklyHours(providerId, intervals) {
      await tx.availabilityRule.deleteMany({ where: { tenantId, providerId } });
      if (intervals.length > 0) {
        await tx.availabilityRule.createMany({
          data: intervals.map((i) => ({
            tenantId,
            providerId,
            weekday: i.weekday,
            startTime: i.startTime,
            endTime: i.endTime,
            serviceIds: i.serviceIds ?? [],
          })),
        });
      }
      return weeklyHours(providerId);
    },
    async listOverrides(providerId, page, window) {
      const k = keyset(page);
      const rows = await tx.dateOverride.findMany({
        where: { tenantId, providerId, ...dateWindowWhere(window), ...k.where },
        orderBy: k.orderBy,
        take: k.take,
      });
      return toPage(rows, page.limit, toOverride);
    },
    async getOverride(providerId, id) {
      const o = await tx.dateOverride.findFirst({ where: { tenantId, providerId, id } });
      return o ? toOverride(o) : null;
    },
    async overlappingOverrides(providerId, startDate, endDate, exceptId) {
      const rows = await tx.dateOverride.findMany({
        where: {
          tenantId,
          providerId,
          ...dateWindowWhere({ from: startDate, to: endDate }),
          ...(exceptId ? { NOT: { id: exceptId } } : {}),
        },
        orderBy: { startDate: 'asc' },
      });
      return rows.map(toOverride);
    },
    async createOverride(providerId, o) {
      return toOverride(
        await tx.dateOverride.create({ data: { tenantId, providerId, ...overrideColumns(o) } }),
      );
    },
    async updateOverride(providerId, id, o) {
      return toOverride(
        await tx.dateOverride.update({
          where: { id, tenantId, providerId },
          data: overrideColumns(o),
        }),
      );
    },
    async deleteOverride(providerId, id) {
      const { count } = await tx.dateOverride.deleteMany({ where: { tenantId, providerId, id } });
      return count > 0;
    },
  };
}
