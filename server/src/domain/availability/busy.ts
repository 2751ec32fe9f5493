/**
 * What stops a provider from taking a slot: occupied ranges of existing bookings (booking plus
 * its own buffers), external busy intervals, and — for classes — sessions of the same service.
 */
import { MINUTE_MS } from '../time';
import { sortedUnion, type RangeList } from './ranges';
import type { BusyInterval, ExistingBooking, OccupiedRanges } from './types';

/** Same-service bookings of a class, aggregated per start instant. Sorted by occStart. */
export interface ClassSessions {
  starts: number[];
  occStarts: number[];
  occEnds: number[];
  seats: Map<number, number>; // start -> seats taken
  maxOccupiedMs: number; // longest occupied range, bounds the backward scan
}

export interface ProviderBlockers {
  /** Merged ranges that block any candidate whose occupied range touches them. */
  hard: RangeList;
  /** Only for capacity > 1: sessions of the queried service (block unless same start). */
  sessions: ClassSessions | null;
}

/** Occupied range of a booking: [start - bufferBefore, end + bufferAfter). */
export function occupiedRange(
  b: Pick<ExistingBooking, 'start' | 'end' | 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
): [number, number] {
  return [b.start - b.bufferBeforeMinutes * MINUTE_MS, b.end + b.bufferAfterMinutes * MINUTE_MS];
}

/**
 * Builds each provider's blockers (indexed like `providerIndex`), keeping only those that can
 * touch an occupied range inside [relevantFrom, relevantTo).
 */
export function buildBlockers(
  bookings: readonly ExistingBooking[],
  occupied: readonly OccupiedRanges[],
  busy: readonly BusyInterval[],
  providerIndex: ReadonlyMap<string, number>,
  serviceId: string,
  capacity: number,
  relevantFrom: number,
  relevantTo: number,
  /** Per provider (by index): minimum gap kept around each of its bookings, ms. */
  gaps?: readonly number[],
): ProviderBlockers[] {
  const n = providerIndex.size;
  const isClass = capacity > 1;
  // Two passes (count, then fill one shared buffer per provider slice) keep this at a handful of
  // allocations however many rows come in.
  const bookingProvider = new Int32Array(bookings.length).fill(-1);
  const busyProvider = new Int32Array(busy.length).fill(-1);
  const offsets = new Int32Array(n + 1);
  const sessionRows: ExistingBooking[][] | null = isClass
    ? Array.from({ length: n }, () => [])
    : null;
  for (let i = 0; i < bookings.length; i++) {
    const b = bookings[i]!;
    const pi = providerIndex.get(b.providerId);
    if (pi === undefined) continue;
    const g = gaps?.[pi] ?? 0;
    const s = b.start - b.bufferBeforeMinutes * MINUTE_MS - g;
    const e = b.end + b.bufferAfterMinutes * MINUTE_MS + g;
    if (e <= relevantFrom || s >= relevantTo || !(e > s)) continue;
    if (sessionRows !== null && b.serviceId === serviceId) {
      sessionRows[pi]!.push(b);
    } else {
      bookingProvider[i] = pi;
      offsets[pi + 1]!++;
    }
  }
  // Columns: one provider lookup per provider, not per booking; the accepted rows' providers kept.
  const rangeProvider = occupied.map((o) => new Int32Array(o.start.length).fill(-1));
  for (let c = 0; c < occupied.length; c++) {
    const o = occupied[c]!;
    const indexOf = o.providerIds.map((id) => providerIndex.get(id) ?? -1);
    const accepted = rangeProvider[c]!;
    for (let i = 0; i < o.start.length; i++) {
      const pi = indexOf[o.provider[i]!] ?? -1;
      if (pi < 0) continue;
      const g = gaps?.[pi] ?? 0;
      const s = o.base + o.start[i]! - g;
      const e = o.base + o.end[i]! + g;
      if (e <= relevantFrom || s >= relevantTo || !(e > s)) continue;
      accepted[i] = pi;
      offsets[pi + 1]!++;
    }
  }
  for (let i = 0; i < busy.length; i++) {
    const x = busy[i]!;
    const pi = providerIndex.get(x.providerId);
    if (pi === undefined) continue;
    if (x.end <= relevantFrom || x.start >= relevantTo || !(x.end > x.start)) continue;
    busyProvider[i] = pi;
    offsets[pi + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const total = offsets[n]!;
  const starts = new Float64Array(total);
  const ends = new Float64Array(total);
  const fill = offsets.slice(0, n);
  for (let i = 0; i < bookings.length; i++) {
    const pi = bookingProvider[i]!;
    if (pi < 0) continue;
    const b = bookings[i]!;
    const k = fill[pi]!++;
    const g = gaps?.[pi] ?? 0;
    starts[k] = b.start - b.bufferBeforeMinutes * MINUTE_MS - g;
    ends[k] = b.end + b.bufferAfterMinutes * MINUTE_MS + g;
  }
  for (let c = 0; c < occupied.length; c++) {
    const o = occupied[c]!;
    const accepted = rangeProvider[c]!;
    for (let i = 0; i < accepted.length; i++) {
      const pi = accepted[i]!;
      if (pi < 0) continue;
      const k = fill[pi]!++;
      const g = gaps?.[pi] ?? 0;
      starts[k] = o.base + o.start[i]! - g;
      ends[k] = o.base + o.end[i]! + g;
    }
  }
  for (let i = 0; i < busy.length; i++) {
    const pi = busyProvider[i]!;
    if (pi < 0) continue;
    const x = busy[i]!;
    const k = fill[pi]!++;
    starts[k] = x.start;
    ends[k] = x.end;
  }
  const out: ProviderBlockers[] = [];
  for (let i = 0; i < n; i++) {
    const a = offsets[i]!;
    const z = offsets[i + 1]!;
    const rows = sessionRows?.[i];
    out.push({
      hard: sortedUnion(starts.subarray(a, z), ends.subarray(a, z)),
      sessions: rows !== undefined && rows.length > 0 ? buildSessions(rows, gaps?.[i] ?? 0) : null,
    });
  }
  return out;
}

function buildSessions(rows: ExistingBooking[], gap: number): ClassSessions {
  const byStart = new Map<number, { occStart: number; occEnd: number; seats: number }>();
  for (const b of rows) {
    const [s0, e0] = occupiedRange(b);
    const s = s0 - gap;
    const e = e0 + gap;
    const cur = byStart.get(b.start);
    if (cur) {
      if (s < cur.occStart) cur.occStart = s;
      if (e > cur.occEnd) cur.occEnd = e;
      cur.seats += b.seats;
    } else {
      byStart.set(b.start, { occStart: s, occEnd: e, seats: b.seats });
    }
  }
  const entries = [...byStart.entries()].sort((a, b) => a[1].occStart - b[1].occStart);
  const sessions: ClassSessions = {
    starts: [],
    occStarts: [],
    occEnds: [],
    seats: new Map(),
    maxOccupiedMs: 0,
  };
  for (const [start, v] of entries) {
    sessions.starts.push(start);
    sessions.occStarts.push(v.occStart);
    sessions.occEnds.push(v.occEnd);
    sessions.seats.set(start, v.seats);
    if (v.occEnd - v.occStart > sessions.maxOccupiedMs)
      sessions.maxOccupiedMs = v.occEnd - v.occStart;
  }
  return sessions;
}

/**
 * True when a session with a start other than `start` overlaps [occStart, occEnd): a class
 * running at another time keeps the provider busy; joining the same session does not.
 */
export function otherSessionOverlaps(
  c: ClassSessions,
  start: number,
  occStart: number,
  occEnd: number,
): boolean {
  return otherSessionEnd(c, start, occStart, occEnd) !== null;
}

/** Occupied end of a session with another start overlapping [occStart, occEnd), or null. */
export function otherSessionEnd(
  c: ClassSessions,
  start: number,
  occStart: number,
  occEnd: number,
): number | null {
  // Sessions are sorted by occStart: walk back from the last one starting before occEnd while
  // it could still reach occStart.
  let lo = 0;
  let hi = c.occStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.occStarts[mid]! < occEnd) lo = mid + 1;
    else hi = mid;
  }
  const floor = occStart - c.maxOccupiedMs;
  for (let i = lo - 1; i >= 0 && c.occStarts[i]! >= floor; i--) {
    if (c.occEnds[i]! > occStart && c.starts[i] !== start) return c.occEnds[i]!;
  }
  return null;
}
