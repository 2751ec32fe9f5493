import type { Blackout } from '../../../generated/prisma/client';
import type { BlackoutRecord } from '../../../ports/records';
import type { BlackoutRepository } from '../../../ports/repositories';
import { dateColumnToLocal, localToDateColumn } from '../local-dates';
import { keyset, toPage } from '../pagination';
import type { Tx } from '../with-tenant';
import { dateWindowWhere } from './schedules';

function toBlackout(b: Blackout): BlackoutRecord {
  return {
    id: b.id,
    name: b.name,
    startDate: dateColumnToLocal(b.startDate),
    endDate: dateColumnToLocal(b.endDate),
    createdAt: b.createdAt,
  };
}

export function prismaBlackoutRepository(tx: Tx, tenantId: string): BlackoutRepository {
  return {
    async list(page, window) {
      const k = keyset(page);
      const rows = await tx.blackout.findMany({
        where: { tenantId, ...dateWindowWhere(window), ...k.where },
        orderBy: k.orderBy,
        take: k.take,
      });
      return toPage(rows, page.limit, toBlackout);
    },
    async create(b) {
      return toBlackout(
        await tx.blackout.create({
          data: {
            tenantId,
            name: b.name,
            startDate: localToDateColumn(b.startDate),
            endDate: localToDateColumn(b.endDate),
          },
        }),
      );
    },
    async delete(id) {
      const { count } = await tx.blackout.deleteMany({ where: { tenantId, id } });
      return count > 0;
    },
  };
}
