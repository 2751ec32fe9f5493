/**
 * The slot engine: which start instants can be booked, and by which providers.
 *
 * Decisions (modelled on Cal.com / Acuity; the tests pin each one down):
 * - Grid. Candidate starts are `intervalStart + k * slotInterval` for each merged working interval
 *   of a provider-day, stepping in ABSOLUTE time (epoch ms), kept while start + duration <= end.
 *   Bookings, busy time, blackouts and the notice period filter candidates; they never re-anchor
 *   the grid, so the same instants are offered whatever else is booked.
 * - Placement 'fill' (service.slotPlacement, fill.ts): candidates are a clock lattice plus the
 *   first instant after every blocker and the notice boundary, checked exactly like grid starts.
 * - Limits (limits.ts): the minimum gap widens each booking's blocking range, the start offset
 *   moves each interval's first candidate, day/week counts drop starts over a limit.
 * - DST. A provider-day's wall-clock boundaries are converted to instants once (see ../time.ts:
 *   a non-existent time moves forward by the gap, 02:30 -> 03:30; an ambiguous time takes its
 *   first occurrence). Stepping in absolute time then means a slot never sits at a non-existent
 *   wall time and no instant appears twice; the cost is that after a transition the grid can sit
 *   off the usual wall-clock marks (Lord Howe's 30-min shift turns 01:00, 02:00 into 01:30,
 *   02:30), and on a fall-back night the repeated hour is offered twice, once per offset
 *   (01:00-04:00 and 01:00-05:00 in New York), because it is real working time.
 * - Days. An interval belongs to the local day it starts on ('22:00'-'02:00' on Friday runs into
 *   Saturday; a Saturday override does not cut it). A slot must fit inside one provider-day's
 *   merged interval: back-to-back intervals of consecutive days are not joined, which keeps the
 *   grid independent of the query window. If two days' intervals overlap, a provider offers each
 *   instant once.
 * - Overrides replace the weekly rules of each covered date; several overrides covering one date
 *   are unioned (an empty one alone = day off).
 * - Blackouts remove whole tenant-zone days [00:00, next 00:00) from the appointment itself;
 *   buffers may reach into a blackout, as they may reach outside working hours.
 * - Conflicts compare occupied ranges: [start - bufferBefore, end + bufferAfter) of the candidate
 *   (this service's buffers) against each booking's (its own stored buffers) and against external
 *   busy intervals. Touching ranges do not conflict.
 * - Classes (capacity > 1): bookings of the same service starting at the same instant are seats
 *   in that session; any other overlapping booking, including a session of the same service at
 *   another start, blocks the provider. A full session is hidden for that provider.
 *   Appointments (capacity 1): every overlapping booking blocks; seatsLeft is 1 per provider.
 * - Notice and horizon: now + minNotice <= start <= now + maxAdvanceDays * 24 h, both inclusive,
 *   in absolute time (pass Infinity for "no horizon").
 * - Window: starts in [from 00:00, (to + 1) 00:00) of the viewer's zone; a slot belongs to the
 *   date it starts on even if it ends the next day.
 * - Malformed input (unknown zone, bad date or wall time, non-positive duration or interval)
 *   throws RangeError: the HTTP layer validates first with ../time.ts, so this is a bug guard.
 */
import {
  DAY_MS,
  MINUTE_MS,
  epochDayToLocalDate,
  epochDayWallToInstant,
  instantToEpochDay,
  isoWeekdayOfEpochDay,
  localDateToEpochDay,
  zoneOffsets,
} from '../time';
import { buildBlockers, otherSessionOverlaps, type ClassSessions } from './busy';
import { fillInterval, type FillContext } from './fill';
import { gapMs, loadFilter, offsetMs } from './limits';
import { orderProviders } from './provider-order';
import { RangeCursor } from './ranges';
import { computeTeamSlots, isTeamQuery } from './team';
import type { AvailabilityQuery, ProviderInput, Slot } from './types';
import {
  blackoutRanges,
  compileSchedules,
  wallIntervalsForDay,
  workingInstantsForDay,
} from './working-intervals';

/** One provider's free starts (ascending, unique) and seats left at each. */
interface ProviderFree {
  starts: number[];
  seats: number[];
}

function positiveMinutes(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a positive number of minutes`);
  return value * MINUTE_MS;
}

/**
 * Bookable slots of `q.service`, sorted by start, one entry per distinct start instant. A service
 * with several participants or resources is the intersection of one-provider answers (team.ts).
 */
export function computeSlots(q: AvailabilityQuery): Slot[] {
  return isTeamQuery(q) ? computeTeamSlots(q, computeProviderSlots) : computeProviderSlots(q);
}

function computeProviderSlots(q: AvailabilityQuery): Slot[] {
  const svc = q.service;
  const durationMs = positiveMinutes(svc.durationMinutes, 'durationMinutes');
  const stepMs = positiveMinutes(
    svc.slotIntervalMinutes ?? svc.durationMinutes,
    'slotIntervalMinutes',
  );
  const beforeMs = Math.max(0, svc.bufferBeforeMinutes) * MINUTE_MS;
  const afterMs = Math.max(0, svc.bufferAfterMinutes) * MINUTE_MS;
  const capacity = Math.max(1, Math.floor(svc.capacity));

  const viewer = zoneOffsets(q.viewerTimeZone);
  const fromDay = localDateToEpochDay(q.from);
  const toDay = localDateToEpochDay(q.to);
  const tenantZone = zoneOffsets(q.tenantTimeZone); // validates even when there are no blackouts
  if (toDay < fromDay) return [];

  const windowStart = epochDayWallToInstant(viewer, fromDay, 0);
  const windowEnd = epochDayWallToInstant(viewer, toDay + 1, 0);
  const lo = Math.max(windowStart, q.now + svc.minNoticeMinutes * MINUTE_MS);
  // Exclusive upper bound on starts; the horizon itself is inclusive.
  const hi = Math.min(windowEnd, q.now + svc.maxAdvanceDays * DAY_MS + 1);
  if (!(lo < hi)) return [];

  const providers = orderProviders(
    q.providerId === undefined ? q.providers : q.providers.filter((p) => p.id === q.providerId),
  );
  if (providers.length === 0) return [];
  const providerIndex = new Map<string, number>();
  providers.forEach((p, i) => providerIndex.set(p.id, i));

  const schedules = compileSchedules(q.rules, q.overrides, svc.id, new Set(providerIndex.keys()));
  const blackouts = blackoutRanges(q.blackouts, tenantZone.zone);
  const blockers = buildBlockers(
    q.bookings,
    q.occupied ?? [],
    q.busy,
    providerIndex,
    svc.id,
    capacity,
    // A blocker ending up to 5 minutes before a start still places it in 'fill' mode (fill.ts);
    // the snapshot loads the same margin.
    lo - beforeMs - FILL_MARGIN_MS,
    hi + durationMs + afterMs,
    providers.map((p) => gapMs(p, svc)),
  );
  const fill = svc.slotPlacement === 'fill';

  const free: ProviderFree[] = [];
  const blackoutCursor = new RangeCursor(blackouts);

  for (let pi = 0; pi < providers.length; pi++) {
    const provider = providers[pi]!;
    const mine: ProviderFree = { starts: [], seats: [] };
    free.push(mine);
    let ordered = true;
    const z = zoneOffsets(provider.timeZone);
    const schedule = schedules.get(provider.id);
    if (!schedule) continue;
    const { hard, sessions } = blockers[pi]!;
    const hardCursor = new RangeCursor(hard);
    const shift = offsetMs(provider, svc);
    const fillCtx: FillContext | null = fill
      ? {
          durationMs,
          stepMs,
          beforeMs,
          afterMs,
          capacity,
          noticeLo: q.now + svc.minNoticeMinutes * MINUTE_MS,
          lo,
          hi,
          zone: z,
          startOffsetMs: shift,
          blackouts: blackouts.length > 0 ? blackoutCursor : null,
          hard: hardCursor,
          sessions,
          ...sessionBounds(sessions, beforeMs),
        }
      : null;
    // Provider-local days whose intervals can hold a start in [lo, hi): an interval starts on its
    // day and ends before the end of the next one.
    const firstDay = instantToEpochDay(z, lo) - 1;
    const lastDay = instantToEpochDay(z, hi - 1);

    for (let day = firstDay; day <= lastDay; day++) {
      const wall = wallIntervalsForDay(schedule, day, isoWeekdayOfEpochDay(day));
      if (wall.length === 0) continue;
      const intervals = workingInstantsForDay(z, day, wall);

      for (let k = 0; k < intervals.length; k += 2) {
        const a = intervals[k]! + shift;
        const b = intervals[k + 1]!;
        if (fillCtx !== null) {
          const n = mine.starts.length;
          fillInterval(fillCtx, a, b, mine.starts, mine.seats);
          if (n > 0 && mine.starts.length > n && mine.starts[n]! <= mine.starts[n - 1]!)
            ordered = false;
          continue;
        }
        let s = a < lo ? a + Math.ceil((lo - a) / stepMs) * stepMs : a;
        if (s >= hi || s + durationMs > b) continue;
        blackoutCursor.reset(s);
        hardCursor.reset(s - beforeMs);

        for (; s < hi && s + durationMs <= b; s += stepMs) {
          const e = s + durationMs;
          if (blackouts.length > 0 && blackoutCursor.overlaps(s, e)) continue;
          const occStart = s - beforeMs;
          const occEnd = e + afterMs;
          if (hardCursor.overlaps(occStart, occEnd)) continue;
          let seats = capacity;
          if (sessions !== null) {
            if (otherSessionOverlaps(sessions, s, occStart, occEnd)) continue;
            seats -= sessions.seats.get(s) ?? 0;
            if (seats <= 0) continue;
          }
          const n = mine.starts.length;
          if (n > 0 && s <= mine.starts[n - 1]!) ordered = false;
          mine.starts.push(s);
          mine.seats.push(seats);
        }
      }
    }
    // Only overlapping intervals of consecutive days (cross-midnight hours) break the order.
    if (!ordered) sortUnique(mine);
    const fits = loadFilter(provider, svc, q.loads, z, svc.durationMinutes);
    if (fits !== null) keepWhere(mine, fits);
  }

  return unionByStart(providers, free, durationMs);
}

/** How far before the window 'fill' mode needs blockers (their ends place starts). */
export const FILL_MARGIN_MS = 5 * MINUTE_MS;

/** Class sessions' starts and blocking ends (occupied end + this service's buffer), ascending. */
function sessionBounds(
  c: ClassSessions | null,
  beforeMs: number,
): { sessionStarts: number[]; sessionEnds: number[] } {
  if (c === null) return { sessionStarts: [], sessionEnds: [] };
  return {
    sessionStarts: [...c.starts].sort((x, y) => x - y),
    sessionEnds: c.occEnds.map((e) => e + beforeMs).sort((x, y) => x - y),
  };
}

function keepWhere(f: ProviderFree, keep: (start: number) => boolean): void {
  let n = 0;
  for (let i = 0; i < f.starts.length; i++) {
    if (!keep(f.starts[i]!)) continue;
    f.starts[n] = f.starts[i]!;
    f.seats[n] = f.seats[i]!;
    n++;
  }
  f.starts.length = n;
  f.seats.length = n;
}

function sortUnique(f: ProviderFree): void {
  const order = f.starts.map((_, i) => i).sort((a, b) => f.starts[a]! - f.starts[b]!);
  const starts: number[] = [];
  const seats: number[] = [];
  for (const i of order) {
    const s = f.starts[i]!;
    if (starts.length > 0 && starts[starts.length - 1] === s) continue; // same instant, same seats
    starts.push(s);
    seats.push(f.seats[i]!);
  }
  f.starts = starts;
  f.seats = seats;
}

/**
 * Merges the providers' sorted lists into one slot per distinct start. Scanning providers in
 * order for each start yields providerIds already in provider order, with no map or sort.
 */
function unionByStart(
  providers: readonly ProviderInput[],
  free: readonly ProviderFree[],
  durationMs: number,
): Slot[] {
  const p = free.length;
  const heads = new Int32Array(p);
  const out: Slot[] = [];
  for (;;) {
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < p; i++) {
      const f = free[i]!;
      const h = heads[i]!;
      if (h < f.starts.length && f.starts[h]! < min) min = f.starts[h]!;
    }
    if (min === Number.POSITIVE_INFINITY) return out;
    const providerIds: string[] = [];
    let seatsLeft = 0;
    for (let i = 0; i < p; i++) {
      const f = free[i]!;
      const h = heads[i]!;
      if (h < f.starts.length && f.starts[h] === min) {
        providerIds.push(providers[i]!.id);
        seatsLeft += f.seats[h]!;
        heads[i] = h + 1;
      }
    }
    out.push({ start: min, end: min + durationMs, providerIds, seatsLeft });
  }
}

/**
 * The slot starting exactly at `start`, or null when it is not bookable — for re-checking a
 * requested slot when a booking is created. Same inputs as computeSlots minus the window.
 */
export function findSlot(
  q: Omit<AvailabilityQuery, 'from' | 'to' | 'viewerTimeZone'>,
  start: number,
): Slot | null {
  const utcDate = epochDayToLocalDate(Math.floor(start / DAY_MS));
  const slots = computeSlots({ ...q, viewerTimeZone: 'UTC', from: utcDate, to: utcDate });
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (slots[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  const hit = slots[lo];
  return hit !== undefined && hit.start === start ? hit : null;
}
