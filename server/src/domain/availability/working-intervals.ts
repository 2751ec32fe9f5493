/**
 * Working hours: weekly rules and date overrides (wall clock, provider's zone) turned into
 * instant intervals per provider-day, and tenant blackouts turned into instant ranges.
 */
import {
  epochDayWallToInstant,
  localDateToEpochDay,
  wallTimeToMinutes,
  zoneOffsets,
  type ZoneOffsetCache,
} from '../time';
import { normalizeRanges, type RangeList } from './ranges';
import type { Blackout, DateOverride, WeeklyRule } from './types';

/** One provider's hours, parsed once per query. Minute pairs; an end past 1440 is next day. */
export interface CompiledSchedule {
  /** Index 1..7 (ISO weekday) -> flat [startMinute, endMinute, ...]. Index 0 unused. */
  weekly: number[][];
  /** Covered epoch days (inclusive) -> flat minute pairs (empty = day off). */
  overrides: { first: number; last: number; intervals: number[] }[];
}

/**
 * Minute pair of a wall-clock interval. End <= start means the interval crosses midnight and
 * ends on the next day ('22:00'-'02:00' = 22:00 to 02:00 next day, '09:00'-'09:00' = 24 h).
 */
export function wallIntervalToMinutes(startTime: string, endTime: string): [number, number] {
  const start = wallTimeToMinutes(startTime);
  if (start >= 1440) throw new RangeError(`Interval cannot start at ${startTime}`);
  let end = wallTimeToMinutes(endTime);
  if (end <= start) end += 1440;
  return [start, end];
}

export function compileSchedules(
  rules: readonly WeeklyRule[],
  overrides: readonly DateOverride[],
  serviceId: string,
  providerIds: ReadonlySet<string>,
): Map<string, CompiledSchedule> {
  const out = new Map<string, CompiledSchedule>();
  const get = (providerId: string): CompiledSchedule => {
    let s = out.get(providerId);
    if (!s) {
      s = { weekly: [[], [], [], [], [], [], [], []], overrides: [] };
      out.set(providerId, s);
    }
    return s;
  };
  for (const r of rules) {
    if (!providerIds.has(r.providerId)) continue;
    if (r.serviceIds !== null && !r.serviceIds.includes(serviceId)) continue;
    const day = get(r.providerId).weekly[r.weekday];
    if (!day)
      throw new RangeError(`Invalid weekday ${String(r.weekday)} (expected 1..7, Monday = 1)`);
    const [s, e] = wallIntervalToMinutes(r.startTime, r.endTime);
    day.push(s, e);
  }
  for (const o of overrides) {
    if (!providerIds.has(o.providerId)) continue;
    const first = localDateToEpochDay(o.startDate);
    const last = localDateToEpochDay(o.endDate);
    if (last < first)
      throw new RangeError(`Override ends (${o.endDate}) before it starts (${o.startDate})`);
    const intervals: number[] = [];
    for (const iv of o.intervals) {
      const [s, e] = wallIntervalToMinutes(iv.startTime, iv.endTime);
      intervals.push(s, e);
    }
    get(o.providerId).overrides.push({ first, last, intervals });
  }
  return out;
}

/**
 * Wall-clock minute pairs that start on local day `epochDay`: the union of the overrides covering
 * that day if any, otherwise the weekly rules of its weekday.
 */
export function wallIntervalsForDay(
  s: CompiledSchedule,
  epochDay: number,
  weekday: number,
): number[] {
  let overridden: number[] | null = null;
  for (const o of s.overrides) {
    if (epochDay < o.first || epochDay > o.last) continue;
    if (overridden === null) overridden = o.intervals;
    else overridden = overridden.concat(o.intervals);
  }
  return overridden ?? s.weekly[weekday] ?? [];
}

/**
 * Working intervals of one provider-day as instants, merged (sorted, disjoint). Each boundary is
 * converted once, so DST only moves boundaries (a non-existent 02:30 start becomes 03:30) and the
 * time between them is real elapsed time. Merging happens after conversion because intervals that
 * are apart on the wall clock can touch in absolute time (00:00-02:00 and 03:00-05:00 on a
 * spring-forward night).
 */
export function workingInstantsForDay(
  z: ZoneOffsetCache,
  epochDay: number,
  wallPairs: readonly number[],
): RangeList {
  if (wallPairs.length === 2) {
    // The usual single interval: nothing to merge.
    const s = epochDayWallToInstant(z, epochDay, wallPairs[0]!);
    const e = epochDayWallToInstant(z, epochDay, wallPairs[1]!);
    return e > s ? [s, e] : [];
  }
  const flat = new Array<number>(wallPairs.length);
  for (let i = 0; i < wallPairs.length; i += 2) {
    flat[i] = epochDayWallToInstant(z, epochDay, wallPairs[i]!);
    flat[i + 1] = epochDayWallToInstant(z, epochDay, wallPairs[i + 1]!);
  }
  return normalizeRanges(flat);
}

/** Tenant blackouts as merged instant ranges [startDate 00:00, endDate + 1 00:00) in the tenant zone. */
export function blackoutRanges(blackouts: readonly Blackout[], tenantTimeZone: string): RangeList {
  if (blackouts.length === 0) return [];
  const z = zoneOffsets(tenantTimeZone);
  const flat: number[] = [];
  for (const b of blackouts) {
    const first = localDateToEpochDay(b.startDate);
    const last = localDateToEpochDay(b.endDate);
    if (last < first)
      throw new RangeError(`Blackout ends (${b.endDate}) before it starts (${b.startDate})`);
    flat.push(epochDayWallToInstant(z, first, 0), epochDayWallToInstant(z, last + 1, 0));
  }
  return normalizeRanges(flat);
}
