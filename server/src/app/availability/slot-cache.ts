import type { AvailabilityResult } from './public-availability';

interface Entry {
  version: string;
  computedAt: number;
  /** Last instant (epoch ms, inclusive) at which the answer is still what the engine would say. */
  validUntil: number;
  result: AvailabilityResult;
}

/**
 * Computed public availability, per process. An entry is served only while BOTH hold:
 * - the tenant's data version is the one it was computed at (AvailabilityVersions: any committed
 *   write that can change a slot, by any process or by hand, bumps it), and
 * - the clock is between the computation and the moment the answer changes by itself: the
 *   earliest slot falling inside the minimum notice. (Answers reaching past the booking horizon
 *   are never cached, since slots appear there as time passes.)
 * Bounded in entries and age; least recently used entries go first.
 */
export class SlotCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 500,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(key: string, version: string, now: number): AvailabilityResult | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.version !== version || now > e.validUntil || now < e.computedAt) {
      this.entries.delete(key);
      return undefined;
    }
    // Refresh its place in the LRU order.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.result;
  }

  set(
    key: string,
    version: string,
    now: number,
    validUntil: number,
    result: AvailabilityResult,
  ): void {
    const until = Math.min(validUntil, now + this.maxAgeMs);
    if (until < now) return;
    this.entries.delete(key);
    this.entries.set(key, { version, computedAt: now, validUntil: until, result });
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
