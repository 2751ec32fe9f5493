import type { AvailabilityQueryParams } from '@slotwise/contracts';
import {
  computeSlots,
  groupSlotsByLocalDate,
  type Slot,
  type SlotDay,
} from '../../domain/availability';
import { DAY_MS, MINUTE_MS, addDays, localDateRangeToInstants } from '../../domain/time';
import type { Clock } from '../../ports/clock';
import type { AvailabilitySnapshot } from '../../ports/records';
import type {
  AvailabilitySnapshots,
  AvailabilityVersions,
  Directory,
} from '../../ports/repositories';
import { tenantBySlug } from '../catalogue/public-tenant';
import { notFound } from '../errors';
import { engineInput } from './load-input';
import { SlotCache } from './slot-cache';

export interface AvailabilityResult {
  serviceId: string;
  timeZone: string;
  /** Every date of the range in order, empty ones included. */
  days: SlotDay[];
}

/** Every date from `from` to `to`, with the engine's days slotted in. */
function allDays(from: string, to: string, found: SlotDay[]): SlotDay[] {
  const out: SlotDay[] = [];
  let k = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const hit = found[k];
    if (hit && hit.date === d) {
      out.push(hit);
      k++;
    } else {
      out.push({ date: d, slots: [] });
    }
  }
  return out;
}

/**
 * Until when (epoch ms, inclusive) the slots stay exactly what the engine returned if no data
 * changes: the earliest one drops out once it is within the minimum notice. -Infinity when the
 * window reaches past the booking horizon, where slots appear as time passes.
 */
function stableUntil(
  snap: AvailabilitySnapshot,
  slots: readonly Slot[],
  windowEnd: number,
  now: number,
): number {
  if (windowEnd - 1 > now + snap.service.maxAdvanceDays * DAY_MS) return Number.NEGATIVE_INFINITY;
  const first = slots[0];
  return first ? first.start - snap.service.minNoticeMinutes * MINUTE_MS : Number.POSITIVE_INFINITY;
}

/**
 * Public slot search: what a customer of `slug` can book, seen in their zone.
 *
 * Hot path: many visitors ask for the same calendar, so answers are cached per process and
 * validated by the tenant's data version (one cheap query) — see SlotCache for why a hit is
 * never stale. Slugs never change owner, so the slug → tenant id step is memoised; the full
 * tenant (its zone) is read only when something has to be computed.
 */
export function availabilityService(deps: {
  /** One statement per read, no unit of work: this is the hot path. */
  snapshots: AvailabilitySnapshots;
  directory: Directory;
  clock: Clock;
  versions: AvailabilityVersions;
  cache?: SlotCache;
}) {
  const { snapshots, directory, clock, versions } = deps;
  const cache = deps.cache ?? new SlotCache();
  const tenantIds = new Map<string, string>();

  return {
    async publicSlots(slug: string, q: AvailabilityQueryParams): Promise<AvailabilityResult> {
      const slugKey = slug.toLowerCase();
      const key = `${q.serviceId}|${q.providerId ?? ''}|${q.from}|${q.to}|${q.timezone ?? ''}`;
      const knownId = tenantIds.get(slugKey);
      // Read before the data: a write committed after this only makes a new entry unreachable.
      let version = knownId === undefined ? undefined : await versions.current(knownId);
      if (knownId !== undefined && version !== undefined) {
        const hit = cache.get(`${knownId}|${key}`, version, clock.now().getTime());
        if (hit) return hit;
      }

      const tenant = await tenantBySlug(directory, slugKey);
      if (tenant.id !== knownId || version === undefined) {
        if (tenantIds.size > 10_000) tenantIds.clear();
        tenantIds.set(slugKey, tenant.id);
        version = await versions.current(tenant.id);
      }
      const timeZone = q.timezone ?? tenant.timeZone;
      const window = localDateRangeToInstants(q.from, q.to, timeZone);
      const loaded = await snapshots.load(tenant.id, {
        serviceId: q.serviceId,
        providerId: q.providerId,
        fromUtc: new Date(window.start),
        toUtc: new Date(window.end),
      });
      if (!loaded) throw notFound('Service');
      const snap = loaded.snapshot;
      if (!snap.service.active) throw notFound('Service');
      if (q.providerId && snap.providers.length === 0) throw notFound('Provider');
      const now = clock.now().getTime();
      const slots = computeSlots({
        ...engineInput(snap, now),
        from: q.from,
        to: q.to,
        viewerTimeZone: timeZone,
        providerId: q.providerId,
      });
      const result = {
        serviceId: q.serviceId,
        timeZone,
        days: allDays(q.from, q.to, groupSlotsByLocalDate(slots, timeZone)),
      };
      // The business zone was read before the version; if it moved since, this answer is not
      // the one the version stands for.
      if (q.timezone !== undefined || snap.tenantTimeZone === timeZone) {
        cache.set(
          `${tenant.id}|${key}`,
          version,
          now,
          stableUntil(snap, slots, window.end, now),
          result,
        );
      }
      return result;
    },
  };
}
export type AvailabilityService = ReturnType<typeof availabilityService>;
