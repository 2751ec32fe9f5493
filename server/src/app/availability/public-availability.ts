import { providerDetailOf, type AvailabilityQueryParams } from '@slotwise/contracts';
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
import type { LocationScope } from '../catalogue/locations';
import { atLocation } from './at-location';
import { engineInput } from './load-input';
import { SlotCache } from './slot-cache';

export interface AvailabilityResult {
  serviceId: string;
  timeZone: string;
  /** Whether each slot lists its providers' ids (else only their count): ADR 0021. */
  providerIds: boolean;
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

/** The engine's answer before presentation: what the presenter renders (to JSON bytes or objects). */
export interface RawAvailability {
  serviceId: string;
  timeZone: string;
  from: string;
  to: string;
  /** Whether each slot lists its providers' ids (else only their count): ADR 0021. */
  providerIds: boolean;
  slots: readonly Slot[];
}

/** Raw → the day-grouped objects (every date of the range, empty ones included). */
export function toAvailabilityResult(r: RawAvailability): AvailabilityResult {
  return {
    serviceId: r.serviceId,
    timeZone: r.timeZone,
    providerIds: r.providerIds,
    days: allDays(r.from, r.to, groupSlotsByLocalDate(r.slots, r.timeZone)),
  };
}

/**
 * Public slot search: what a customer of `slug` can book, seen in their zone.
 *
 * Hot path: many visitors ask for the same calendar, so answers are cached per process as the
 * response's bytes and validated by the tenant's data version (one cheap query when an entry is
 * there; a miss reads it with the snapshot) — see SlotCache for why a hit is never stale. Slugs never change owner, so the slug → tenant id step is
 * memoised; the full tenant (its zone) is read only when something has to be computed.
 */
export function availabilityService(deps: {
  /** One statement per read, no unit of work: this is the hot path. */
  snapshots: AvailabilitySnapshots;
  directory: Directory;
  clock: Clock;
  versions: AvailabilityVersions;
  cache?: SlotCache;
  /** Resolves the `locationId` filter (absent: every location id is unknown, 404). */
  locations?: LocationScope;
}) {
  const { snapshots, directory, clock, versions } = deps;
  const cache = deps.cache ?? new SlotCache();
  const tenantIds = new Map<string, string>();

  /**
   * The engine's answer, and whether (until when) it may be cached under `version`. `known`: the
   * tenant's version read before (for `knownId`), if it was.
   */
  async function compute(
    slugKey: string,
    q: AvailabilityQueryParams,
    knownId?: string,
    known?: string,
  ) {
    // With the tenant known by its slug (a slug never changes owner) and the viewer's zone given,
    // nothing of the tenant row is needed before the snapshot, which brings the business zone:
    // no query for it. An unknown slug or the business zone still needs the row.
    let tenantId = knownId;
    let timeZone = q.timezone;
    if (tenantId === undefined || timeZone === undefined) {
      const tenant = await tenantBySlug(directory, slugKey);
      if (tenant.id !== knownId) {
        if (tenantIds.size > 10_000) tenantIds.clear();
        tenantIds.set(slugKey, tenant.id);
      }
      tenantId = tenant.id;
      timeZone ??= tenant.timeZone;
    }
    const window = localDateRangeToInstants(q.from, q.to, timeZone);
    const loaded = await snapshots.load(tenantId, {
      serviceId: q.serviceId,
      providerId: q.providerId,
      fromUtc: new Date(window.start),
      toUtc: new Date(window.end),
    });
    if (!loaded) throw notFound('Service');
    // The version read with the snapshot is exactly the one this answer stands for; else the one
    // read before it (an entry then only goes unreachable sooner); else none: not cached.
    const version = loaded.version ?? (tenantId === knownId ? known : undefined);
    let snap = loaded.snapshot;
    if (!snap.service.active) throw notFound('Service');
    if (q.locationId) {
      const here = (await deps.locations?.providersAt(tenantId, q.locationId)) ?? null;
      if (!here) throw notFound('Location');
      snap = atLocation(snap, { locationId: q.locationId, providerIds: here });
    }
    if (q.providerId && snap.providers.length === 0) throw notFound('Provider');
    const now = clock.now().getTime();
    const slots = computeSlots({
      ...engineInput(snap, now),
      from: q.from,
      to: q.to,
      viewerTimeZone: timeZone,
      providerId: q.providerId,
    });
    const raw: RawAvailability = {
      serviceId: q.serviceId,
      timeZone,
      from: q.from,
      to: q.to,
      providerIds: providerDetailOf(q) === 'ids',
      slots,
    };
    // The business zone was read before the version; if it moved since, this answer is not
    // the one the version stands for.
    const cacheable =
      version !== undefined && (q.timezone !== undefined || snap.tenantTimeZone === timeZone);
    return {
      raw,
      tenantId,
      version: version ?? '',
      now,
      validUntil: cacheable ? stableUntil(snap, slots, window.end, now) : Number.NEGATIVE_INFINITY,
    };
  }

  return {
    /**
     * The answer as the response's bytes (`render` is the presenter's serialiser, the same
     * function on every call): served from the cache when valid, else computed and cached.
     */
    async publicSlotsBytes(
      slug: string,
      q: AvailabilityQueryParams,
      render: (r: RawAvailability) => Buffer,
    ): Promise<Buffer> {
      const slugKey = slug.toLowerCase();
      const key = `${q.serviceId}|${q.providerId ?? ''}|${q.from}|${q.to}|${q.timezone ?? ''}|${q.locationId ?? ''}|${providerDetailOf(q)}`;
      const knownId = tenantIds.get(slugKey);
      // Only an entry needs the version now (one query); a key with none goes straight to the
      // snapshot, which brings the version it was read at: one round trip per miss, not two.
      let version: string | undefined;
      if (knownId !== undefined && cache.has(`${knownId}|${key}`)) {
        version = await versions.current(knownId);
        const hit = cache.get(`${knownId}|${key}`, version, clock.now().getTime());
        if (hit) return hit;
      }
      const c = await compute(slugKey, q, knownId, version);
      const bytes = render(c.raw);
      cache.set(`${c.tenantId}|${key}`, c.version, c.now, c.validUntil, bytes);
      return bytes;
    },

    /** The same answer as objects, computed (not cached): for callers inside the process. */
    async publicSlots(slug: string, q: AvailabilityQueryParams): Promise<AvailabilityResult> {
      const c = await compute(slug.toLowerCase(), q);
      return toAvailabilityResult(c.raw);
    },
  };
}
export type AvailabilityService = ReturnType<typeof availabilityService>;
