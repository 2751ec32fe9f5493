/** What the cache stores: serialised bytes (a Buffer), counted by their length. */
export interface Sized {
  readonly byteLength: number;
}

interface Entry<V> {
  version: string;
  computedAt: number;
  /** Last instant (epoch ms, inclusive) at which the answer is still what the engine would say. */
  validUntil: number;
  value: V;
  bytes: number;
}

/** Map bookkeeping per entry (key string, entry object, map slot), counted on top of the value. */
const ENTRY_OVERHEAD = 200;

/**
 * Computed public availability, per process, as the response's serialised bytes. An entry is
 * served only while BOTH hold:
 * - the tenant's data version is the one it was computed at (AvailabilityVersions: any committed
 *   write that can change a slot, by any process or by hand, bumps it), and
 * - the clock is between the computation and the moment the answer changes by itself: the
 *   earliest slot falling inside the minimum notice. (Answers reaching past the booking horizon
 *   are never cached, since slots appear there as time passes.)
 * Bounded by BYTES (values, keys and bookkeeping), by entries and by age; least recently used
 * entries go first. Storing the bytes rather than objects is what makes the bound meaningful: a
 * 30-day answer is ~0.1 MB as JSON but several times that as objects.
 */
export class SlotCache<V extends Sized = Buffer> {
  private readonly entries = new Map<string, Entry<V>>();
  private total = 0;

  constructor(
    private readonly maxBytes = 32 * 1024 * 1024,
    private readonly maxAgeMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, version: string, now: number): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.version !== version || now > e.validUntil || now < e.computedAt) {
      this.drop(key, e);
      return undefined;
    }
    // Refresh its place in the LRU order.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Whether anything is held under `key`, valid or not (a miss with no entry needs no version). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, version: string, now: number, validUntil: number, value: V): void {
    const until = Math.min(validUntil, now + this.maxAgeMs);
    if (until < now) return;
    const bytes = value.byteLength + 2 * key.length + ENTRY_OVERHEAD;
    if (bytes > this.maxBytes / 4) return; // one answer never crowds out the rest
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { version, computedAt: now, validUntil: until, value, bytes });
    this.total += bytes;
    while (this.total > this.maxBytes || this.entries.size > this.maxEntries) {
      const [k, e] = this.entries.entries().next().value!;
      this.drop(k, e);
    }
  }

  private drop(key: string, e: Entry<V>): void {
    this.entries.delete(key);
    this.total -= e.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held (values, keys and bookkeeping estimate). */
  get bytes(): number {
    return this.total;
  }
}
