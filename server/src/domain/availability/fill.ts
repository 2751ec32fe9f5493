/**
 * Gap-filling slot placement ('fill'): the fixed grid wastes the time left after a short booking,
 * a busy interval or the notice boundary, and starts on odd marks when hours begin off the hour.
 *
 * Candidates of one working interval [a, b] are
 * - the clock lattice: instants on multiples of the step from local midnight (09:00, 09:30, …)
 *   when the step divides an hour or is whole hours dividing a day, else `a + k × step` (today's
 *   grid); the lattice is fixed per interval (aligned with the zone's offset at `a`), so it is
 *   exact in absolute time and does not move with the query window or bookings;
 * - the first instant of every free stretch: the start of the interval or the notice boundary,
 *   the end of each blocking range (a booking or busy interval plus this service's buffer before,
 *   a blackout's end, a class session's end), rounded up to the whole minute (5 minutes when the
 *   interval and step are on 5-minute marks, so no grid start is skipped);
 * - for classes, the start of every existing session (joining it).
 * and a candidate is offered when it passes exactly the checks of the grid. Every free stretch
 * thus starts with a candidate followed by candidates at most one step apart, so it holds at
 * least as many starts as the grid; and every candidate lies in [a, b − duration].
 *
 * The walk visits only candidates: from a free start it moves to the nearer of the next lattice
 * instant and the next blocking range's end; from a blocked start straight to the end of what
 * blocks it (everything between is blocked too). The window [lo, hi) only filters what is
 * emitted, never places a start: the same instants come out whatever dates are asked for.
 */
import { MINUTE_MS, type ZoneOffsetCache } from '../time';
import { otherSessionEnd, type ClassSessions } from './busy';
import type { RangeCursor } from './ranges';

export interface FillContext {
  durationMs: number;
  stepMs: number;
  beforeMs: number;
  afterMs: number;
  capacity: number;
  /** now + minimum notice: the first free stretch of the day may start here. */
  noticeLo: number;
  /** Emit only starts in [lo, hi). */
  lo: number;
  hi: number;
  zone: ZoneOffsetCache;
  /** Start offset of the provider and service: the clock lattice moves with it (09:10, 09:40). */
  startOffsetMs: number;
  blackouts: RangeCursor | null;
  hard: RangeCursor;
  sessions: ClassSessions | null;
  /** For classes: session starts ascending, and session ends + buffer before ascending. */
  sessionStarts: readonly number[];
  sessionEnds: readonly number[];
}

const FIVE_MIN = 5 * MINUTE_MS;

/** Whether starts sit on clock marks of the step (00, 15, 30, 45 …) rather than after `a`. */
function clockAligned(stepMs: number): boolean {
  const m = stepMs / MINUTE_MS;
  return Number.isInteger(m) && (60 % m === 0 || (m % 60 === 0 && 1440 % m === 0));
}

const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

/** First index with value > t in an ascending array. */
function after(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends the free fill-mode starts of working interval [a, b] (ascending) to starts/seats. */
export function fillInterval(
  c: FillContext,
  a: number,
  b: number,
  starts: number[],
  seats: number[],
): void {
  const last = Math.min(b - c.durationMs, c.hi - 1);
  const unit = a % FIVE_MIN === 0 && c.stepMs % FIVE_MIN === 0 ? FIVE_MIN : MINUTE_MS;
  // Lattice phase: offset of the instants that are multiples of the step on the local clock.
  const phase = clockAligned(c.stepMs) ? c.startOffsetMs - c.zone.offsetAt(a) * MINUTE_MS : a;
  const nextLattice = (t: number) => phase + (Math.floor((t - phase) / c.stepMs) + 1) * c.stepMs;

  let s = ceilTo(Math.max(a, c.noticeLo), unit);
  if (s > last) return;
  c.hard.reset(s - c.beforeMs);
  c.blackouts?.reset(s);
  let si = after(c.sessionStarts, s - 1);
  let ei = after(c.sessionEnds, s);

  while (s <= last) {
    while (si < c.sessionStarts.length && c.sessionStarts[si]! <= s) si++;
    while (ei < c.sessionEnds.length && c.sessionEnds[ei]! <= s) ei++;
    const nextSession = si < c.sessionStarts.length ? c.sessionStarts[si]! : Infinity;
    const e = s + c.durationMs;
    const occStart = s - c.beforeMs;
    const occEnd = e + c.afterMs;

    let blockedTo = -1;
    if (c.blackouts !== null && c.blackouts.overlaps(s, e)) blockedTo = c.blackouts.foundEnd();
    else if (c.hard.overlaps(occStart, occEnd)) blockedTo = c.hard.foundEnd() + c.beforeMs;
    else if (c.sessions !== null) {
      const end = otherSessionEnd(c.sessions, s, occStart, occEnd);
      if (end !== null) blockedTo = end + c.beforeMs;
    }
    if (blockedTo >= 0) {
      // Everything before blockedTo is blocked too, except other sessions' own starts.
      s = Math.min(ceilTo(blockedTo, unit), nextSession);
      continue;
    }
    const left = c.capacity - (c.sessions?.seats.get(s) ?? 0);
    if (left > 0 && s >= c.lo) {
      starts.push(s);
      seats.push(left);
    }
    // Free (or a full session): next lattice instant, unless a blocking range ends sooner.
    let next = Math.min(nextLattice(s), nextSession);
    const hardEnd = c.hard.peekEnd();
    if (hardEnd + c.beforeMs > s) next = Math.min(next, ceilTo(hardEnd + c.beforeMs, unit));
    const blackoutEnd = c.blackouts?.peekEnd() ?? Infinity;
    if (blackoutEnd > s) next = Math.min(next, ceilTo(blackoutEnd, unit));
    if (ei < c.sessionEnds.length) next = Math.min(next, ceilTo(c.sessionEnds[ei]!, unit));
    s = next;
  }
}
