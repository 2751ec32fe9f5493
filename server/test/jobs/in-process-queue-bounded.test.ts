import { describe, expect, it } from 'vitest';
import { inProcessQueue } from '../../src/adapters/queue-local/in-process-queue';

/** Waits (polling, no fixed sleep) until `cond` holds. */
async function until(cond: () => boolean) {
  for (let i = 0; i < 2_000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  expect(cond()).toBe(true);
}

describe('in-process queue: deduplication stays bounded', () => {
  it('keeps at most 10,000 finished ids, forgets them after an hour, and still dedupes pending ones', async () => {
    let now = 0;
    const q = inProcessQueue({ now: () => now });
    let ran = 0;
    await q.work({ noop: async () => void ran++ });
    for (let i = 0; i < 25_000; i++) await q.enqueue('noop', {}, { jobId: `j${i}` });
    await until(() => ran === 25_000);
    expect(q.trackedIds).toBeLessThanOrEqual(10_000);

    // A recently finished id is still deduplicated …
    await q.enqueue('noop', {}, { jobId: 'j24999' });
    await new Promise((r) => setImmediate(r));
    expect(ran).toBe(25_000);
    // … and an hour later it is forgotten: the set does not keep every id ever seen.
    now += 60 * 60_000 + 1;
    await q.enqueue('noop', {}, { jobId: 'fresh' });
    await until(() => ran === 25_001);
    expect(q.trackedIds).toBe(1);

    // Pending ids dedupe as before.
    const delayed = inProcessQueue({ now: () => now });
    let runs = 0;
    await delayed.work({ noop: async () => void runs++ });
    await delayed.enqueue('noop', {}, { jobId: 'same', delayMs: 0 });
    await delayed.enqueue('noop', {}, { jobId: 'same', delayMs: 0 });
    await until(() => runs === 1);
    await delayed.enqueue('noop', {}, { jobId: 'same' });
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(1);
    await Promise.all([q.close(), delayed.close()]);
  });
});
