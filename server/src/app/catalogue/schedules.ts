import {
  dateOverrideIssues,
  type CreateBlackout,
  type CreateDateOverride,
  type PutWeeklyHours,
  type UpdateDateOverride,
} from '@slotwise/contracts';
import type { DateOverrideRecord, PageRequest } from '../../ports/records';
import type { DateWindow, TenantRepositories, UnitOfWork } from '../../ports/repositories';
import { AppError, notFound, validationFailed } from '../errors';
import type { Principal } from '../principal';

async function providerOrThrow(r: TenantRepositories, providerId: string) {
  const provider = await r.providers.get(providerId);
  if (!provider) throw notFound('Provider');
  return provider;
}

type OverrideFields = Pick<DateOverrideRecord, 'startDate' | 'endDate' | 'intervals' | 'reason'>;

/**
 * One override per provider-date: the engine would union overlapping ones, which silently turns
 * "day off" plus "short hours" into the short hours; refusing keeps each date's meaning obvious.
 */
async function assertNoOverlap(
  r: TenantRepositories,
  providerId: string,
  o: OverrideFields,
  exceptId?: string,
) {
  const clash = await r.schedules.overlappingOverrides(
    providerId,
    o.startDate,
    o.endDate,
    exceptId,
  );
  if (clash.length > 0) {
    const first = clash[0]!;
    throw new AppError(
      'conflict',
      `Overlaps the override of ${first.startDate}–${first.endDate}; change or delete that one instead`,
      {
        overrideIds: clash.map((c) => c.id),
      },
    );
  }
}

/** Weekly hours, date overrides and business-wide blackouts. */
export function scheduleService(deps: { uow: UnitOfWork }) {
  const { uow } = deps;
  return {
    getHours: (p: Principal, providerId: string) =>
      uow.run(p.tenantId, async (r) => {
        const provider = await providerOrThrow(r, providerId);
        return {
          providerId,
          timeZone: provider.timeZone,
          intervals: await r.schedules.weeklyHours(providerId),
        };
      }),

    /** Replaces the whole week in one transaction: readers see the old week or the new one. */
    putHours: (p: Principal, providerId: string, body: PutWeeklyHours) =>
      uow.run(p.tenantId, async (r) => {
        const provider = await providerOrThrow(r, providerId);
        const wanted = [...new Set(body.intervals.flatMap((i) => i.serviceIds ?? []))];
        const known = new Set(await r.services.existing(wanted));
        const issues = body.intervals.flatMap((iv, i) =>
          (iv.serviceIds ?? []).flatMap((id, k) =>
            known.has(id)
              ? []
              : [{ path: `body.intervals.${i}.serviceIds.${k}`, message: `Unknown service ${id}` }],
          ),
        );
        if (issues.length > 0) throw validationFailed(issues, 'Unknown service ids');
        const intervals = await r.schedules.replaceWeeklyHours(
          providerId,
          body.intervals.map((i) => ({
            weekday: i.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7,
            startTime: i.startTime,
            endTime: i.endTime,
            serviceIds: i.serviceIds ?? null,
          })),
        );
        return { providerId, timeZone: provider.timeZone, intervals };
      }),

    listOverrides: (p: Principal, providerId: string, page: PageRequest, window: DateWindow) =>
      uow.run(p.tenantId, async (r) => {
        await providerOrThrow(r, providerId);
        return r.schedules.listOverrides(providerId, page, window);
      }),

    // Serializable: two overlapping overrides created at once must not both pass the check.
    createOverride: (p: Principal, providerId: string, body: CreateDateOverride) =>
      uow.run(
        p.tenantId,
        async (r) => {
          await providerOrThrow(r, providerId);
          await assertNoOverlap(r, providerId, body);
          return r.schedules.createOverride(providerId, body);
        },
        { isolationLevel: 'Serializable' },
      ),

    updateOverride: (
      p: Principal,
      providerId: string,
      overrideId: string,
      body: UpdateDateOverride,
    ) =>
      uow.run(
        p.tenantId,
        async (r) => {
          await providerOrThrow(r, providerId);
          const current = await r.schedules.getOverride(providerId, overrideId);
          if (!current) throw notFound('Date override');
          const merged: OverrideFields = {
            startDate: body.startDate ?? current.startDate,
            endDate: body.endDate ?? current.endDate,
            intervals: body.intervals ?? current.intervals,
            reason: body.reason ?? current.reason,
          };
          const issues = dateOverrideIssues(merged);
          if (issues.length > 0)
            throw validationFailed(
              issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
            );
          await assertNoOverlap(r, providerId, merged, overrideId);
          return r.schedules.updateOverride(providerId, overrideId, merged);
        },
        { isolationLevel: 'Serializable' },
      ),

    deleteOverride: (p: Principal, providerId: string, overrideId: string) =>
      uow.run(p.tenantId, async (r) => {
        await providerOrThrow(r, providerId);
        if (!(await r.schedules.deleteOverride(providerId, overrideId)))
          throw notFound('Date override');
      }),

    listBlackouts: (p: Principal, page: PageRequest, window: DateWindow) =>
      uow.run(p.tenantId, (r) => r.blackouts.list(page, window)),

    createBlackout: (p: Principal, body: CreateBlackout) =>
      uow.run(p.tenantId, (r) => r.blackouts.create(body)),

    deleteBlackout: (p: Principal, id: string) =>
      uow.run(p.tenantId, async (r) => {
        if (!(await r.blackouts.delete(id))) throw notFound('Blackout');
      }),
  };
}
export type ScheduleService = ReturnType<typeof scheduleService>;
