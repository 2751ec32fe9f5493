/**
 * Booking limits in the engine: which starts a provider may still take given its day and week
 * load. The same rules are the write's backstop (prisma/functions/bookings_enforce_limits.sql):
 * - a provider's limits count all its bookings (those it attends as a team's host too: the
 *   snapshot's loads include them), a service's only that service's bookings with the provider,
 *   both by the provider-local date of the start (weeks: ISO, Monday first);
 * - a candidate fits when load + 1 booking (+ its minutes) stays within every set limit;
 * - the minimum gap (the larger of the provider's and the service's) and the start offset (the
 *   sum) are applied where blockers and candidates are built (busy.ts, slots.ts).
 */
import {
  MINUTE_MS,
  instantToEpochDay,
  isoWeekdayOfEpochDay,
  localDateToEpochDay,
  type ZoneOffsetCache,
} from '../time';
import type { BookingLimits, DayLoad, ProviderInput, ServiceSettings } from './types';

const COUNT_KEYS = [
  'bookingsPerDay',
  'bookingsPerWeek',
  'minutesPerDay',
  'minutesPerWeek',
] as const;

export const hasCountLimit = (l: BookingLimits | undefined): boolean =>
  l !== undefined && COUNT_KEYS.some((k) => l[k] !== undefined);

export function gapMs(p: ProviderInput, svc: ServiceSettings): number {
  return Math.max(0, p.limits?.minGapMinutes ?? 0, svc.limits?.minGapMinutes ?? 0) * MINUTE_MS;
}

export function offsetMs(p: ProviderInput, svc: ServiceSettings): number {
  return ((p.limits?.startOffsetMinutes ?? 0) + (svc.limits?.startOffsetMinutes ?? 0)) * MINUTE_MS;
}

interface Load {
  n: number;
  min: number;
  sn: number;
  smin: number;
}

/**
 * A predicate on start instants for one provider, or null when no count limit applies: true
 * when one more booking of `durationMinutes` at that start stays within every limit.
 */
export function loadFilter(
  p: ProviderInput,
  svc: ServiceSettings,
  loads: readonly DayLoad[] | undefined,
  zone: ZoneOffsetCache,
  durationMinutes: number,
): ((start: number) => boolean) | null {
  const pl = p.limits;
  const sl = svc.limits;
  if (!hasCountLimit(pl) && !hasCountLimit(sl)) return null;
  const byDay = new Map<number, Load>();
  for (const l of loads ?? []) {
    if (l.providerId !== p.id) continue;
    byDay.set(localDateToEpochDay(l.date), {
      n: l.bookings,
      min: l.minutes,
      sn: l.serviceBookings,
      smin: l.serviceMinutes,
    });
  }
  const zero: Load = { n: 0, min: 0, sn: 0, smin: 0 };
  const fits = (x: Load, day: 'Day' | 'Week') =>
    x.n + 1 <= (pl?.[`bookingsPer${day}`] ?? Infinity) &&
    x.min + durationMinutes <= (pl?.[`minutesPer${day}`] ?? Infinity) &&
    x.sn + 1 <= (sl?.[`bookingsPer${day}`] ?? Infinity) &&
    x.smin + durationMinutes <= (sl?.[`minutesPer${day}`] ?? Infinity);
  const weekCache = new Map<number, Load>();
  const week = (monday: number): Load => {
    let w = weekCache.get(monday);
    if (!w) {
      w = { n: 0, min: 0, sn: 0, smin: 0 };
      for (let d = monday; d < monday + 7; d++) {
        const x = byDay.get(d);
        if (x) {
          w.n += x.n;
          w.min += x.min;
          w.sn += x.sn;
          w.smin += x.smin;
        }
      }
      weekCache.set(monday, w);
    }
    return w;
  };
  return (start) => {
    const day = instantToEpochDay(zone, start);
    return (
      fits(byDay.get(day) ?? zero, 'Day') && fits(week(day - isoWeekdayOfEpochDay(day) + 1), 'Week')
    );
  };
}
