/**
 * Sorted, disjoint half-open ranges packed flat as [s0, e0, s1, e1, ...] (epoch ms or minutes).
 * Flat number arrays keep the hot loops free of per-range objects.
 */
export type RangeList = number[];

/**
 * Union of [start, end) pairs given as flat [s0, e0, s1, e1, ...], merged where they overlap or
 * touch; empty pairs are dropped. Small inputs (a provider-day's few intervals) are sorted in
 * place by insertion; larger ones go through sortedUnion.
 */
export function normalizeRanges(flat: number[]): RangeList {
  const n = flat.length >> 1;
  if (n > 16) {
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const s = flat[2 * i]!;
      const e = flat[2 * i + 1]!;
      if (e > s) {
        starts[m] = s;
        ends[m] = e;
        m++;
      }
    }
    return sortedUnion(starts.subarray(0, m), ends.subarray(0, m));
  }
  // Insertion sort of pairs by start, then merge in a single pass.
  const a = flat.slice();
  for (let i = 1; i < n; i++) {
    const s = a[2 * i]!;
    const e = a[2 * i + 1]!;
    let j = i - 1;
    while (j >= 0 && a[2 * j]! > s) {
      a[2 * j + 2] = a[2 * j]!;
      a[2 * j + 3] = a[2 * j + 1]!;
      j--;
    }
    a[2 * j + 2] = s;
    a[2 * j + 3] = e;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = a[2 * i]!;
    const e = a[2 * i + 1]!;
    if (!(e > s)) continue;
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) {
      if (e > out[last]!) out[last] = e;
    } else {
      out.push(s, e);
    }
  }
  return out;
}

/**
 * Union of intervals [starts[i], ends[i]) (each non-empty) given as two separate arrays, which
 * it sorts in place. The union only depends on the multisets of starts and of ends (coverage at
 * t = #starts <= t - #ends <= t), so both can be sorted natively as typed arrays instead of
 * sorting pairs with a comparator.
 */
export function sortedUnion(starts: Float64Array, ends: Float64Array): RangeList {
  sortAscending(starts);
  sortAscending(ends);
  const n = starts.length;
  const out: number[] = [];
  let depth = 0;
  let open = 0;
  let i = 0;
  let j = 0;
  while (i < n) {
    if (starts[i]! <= ends[j]!) {
      if (depth === 0) open = starts[i]!;
      depth++;
      i++;
    } else {
      depth--;
      if (depth === 0) out.push(open, ends[j]!);
      j++;
    }
  }
  if (n > 0) out.push(open, ends[n - 1]!);
  return out;
}

/**
 * Sorts in place, in linear time for what the engine is mostly given: a provider's bookings
 * come from the snapshot in start order and do not overlap (so their ends are ordered too),
 * followed by a few busy intervals in any order. The longest sorted prefix is kept, only the
 * rest is sorted natively, and the two runs are merged.
 */
export function sortAscending(a: Float64Array): void {
  const n = a.length;
  let k = 1;
  while (k < n && a[k - 1]! <= a[k]!) k++;
  if (k >= n) return;
  const rest = a.subarray(k).sort();
  if (a[k - 1]! <= rest[0]!) return;
  const head = a.slice(0, k);
  let i = 0;
  let j = 0;
  let o = 0;
  // `rest` is a view of a's tail: writing at o never passes the next unread element of it.
  while (i < k && j < rest.length) a[o++] = head[i]! <= rest[j]! ? head[i++]! : rest[j++]!;
  while (i < k) a[o++] = head[i++]!;
}

/** Index (in pairs) of the first range whose end is > t; ranges.length / 2 when none. */
export function firstRangeEndingAfter(ranges: RangeList, t: number): number {
  let lo = 0;
  let hi = ranges.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[2 * mid + 1]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** True when [start, end) intersects any range. */
export function overlapsAny(ranges: RangeList, start: number, end: number): boolean {
  const i = firstRangeEndingAfter(ranges, start);
  return 2 * i < ranges.length && ranges[2 * i]! < end;
}

/**
 * Forward-only overlap test for a run of queries whose start never decreases: amortised O(1)
 * per query after an O(log n) reset.
 */
export class RangeCursor {
  private i = 0;
  constructor(private readonly ranges: RangeList) {}

  /** Positions the cursor for queries starting at or after `start`. */
  reset(start: number): void {
    this.i = firstRangeEndingAfter(this.ranges, start);
  }

  /** True when [start, end) intersects a range; `start` must not be less than the previous one. */
  overlaps(start: number, end: number): boolean {
    const r = this.ranges;
    let i = this.i;
    while (2 * i < r.length && r[2 * i + 1]! <= start) i++;
    this.i = i;
    return 2 * i < r.length && r[2 * i]! < end;
  }

  /** End of the first range ending after the last query's start, Infinity when none. */
  peekEnd(): number {
    return 2 * this.i < this.ranges.length ? this.ranges[2 * this.i + 1]! : Infinity;
  }

  /** End of the range the last `overlaps` call found (call only after it returned true). */
  foundEnd(): number {
    return this.ranges[2 * this.i + 1]!;
  }
}
