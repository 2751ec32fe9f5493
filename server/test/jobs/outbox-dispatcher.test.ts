import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { outboxDispatcher } from '../../src/jobs/outbox-dispatcher';
import type { JobQueue } from '../../src/ports/job-queue';
import type { OutboxEvent, OutboxFeed } from '../../src/ports/outbox';

/** The outbox as a list in memory, with the port's claim semantics (claimed rows are hidden). */
function memoryFeed(events: OutboxEvent[]) {
  const claimed = new Set<string>();
  const dispatched = new Set<string>();
  const failures = new Map<string, string>();
  const feed: OutboxFeed = {
    async claim(limit) {
      const free = events
        .filter((e) => !claimed.has(e.id) && !dispatched.has(e.id))
        .slice(0, limit);
      for (const e of free) claimed.add(e.id);
      return free;
    },
    async markDispatched(id) {
      dispatched.add(id);
      failures.delete(id);
    },
    async markFailed(id, error) {
      failures.set(id, error);
    },
  };
  /** What a later claim would see once the claim window passes (the adapter's 30 s). */
  const expireClaims = () => claimed.clear();
  return { feed, dispatched, failures, expireClaims };
}

function memoryQueue(opts: { failFirst?: number } = {}) {
  const jobs: { name: string; data: Record<string, unknown>; jobId: string }[] = [];
  let failures = opts.failFirst ?? 0;
  const queue: JobQueue = {
    async enqueue(name, data, { jobId }) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('redis is down');
      }
      if (!jobs.some((j) => j.jobId === jobId)) jobs.push({ name, data, jobId });
    },
    async work() {},
    async close() {},
  };
  return { queue, jobs };
}

const event = (n: number): OutboxEvent => ({
  id: String(n),
  tenantId: 't1',
  topic: 'booking.created',
  payload: { bookingId: `b${n}` },
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
});
const silent = pino({ level: 'silent' });

describe('outbox dispatcher (in-memory ports)', () => {
  it('enqueues each event once with a deterministic id and the event envelope, then marks it', async () => {
    const out = memoryFeed([event(1), event(2)]);
    const q = memoryQueue();
    const d = outboxDispatcher({ feed: out.feed, queue: q.queue, logger: silent, batchSize: 10 });
    expect(await d.dispatchOnce()).toBe(2);
    expect(await d.dispatchOnce()).toBe(0);
    expect(q.jobs).toEqual([
      {
        name: 'booking.created',
        jobId: 'outbox-1',
        data: {
          bookingId: 'b1',
          tenantId: 't1',
          eventId: 'evt_1',
          occurredAt: '2026-01-01T00:00:01.000Z',
        },
      },
      {
        name: 'booking.created',
        jobId: 'outbox-2',
        data: {
          bookingId: 'b2',
          tenantId: 't1',
          eventId: 'evt_2',
          occurredAt: '2026-01-01T00:00:02.000Z',
        },
      },
    ]);
    expect([...out.dispatched]).toEqual(['1', '2']);
  });

  it('leaves an event it could not enqueue for a later claim, and loses nothing', async () => {
    const out = memoryFeed([event(1), event(2)]);
    const q = memoryQueue({ failFirst: 1 });
    const d = outboxDispatcher({ feed: out.feed, queue: q.queue, logger: silent });
    await d.dispatchOnce();
    expect(out.failures.get('1')).toBe('redis is down');
    expect([...out.dispatched]).toEqual(['2']);
    // Hidden until its claim expires, then dispatched like any other.
    expect(await d.dispatchOnce()).toBe(0);
    out.expireClaims();
    expect(await d.dispatchOnce()).toBe(1);
    expect(q.jobs.map((j) => j.jobId).sort()).toEqual(['outbox-1', 'outbox-2']);
    expect(out.failures.size).toBe(0);
  });

  it('claims at most a batch per pass', async () => {
    const out = memoryFeed(Array.from({ length: 5 }, (_, i) => event(i + 1)));
    const q = memoryQueue();
    const d = outboxDispatcher({ feed: out.feed, queue: q.queue, logger: silent, batchSize: 2 });
    expect([
      await d.dispatchOnce(),
      await d.dispatchOnce(),
      await d.dispatchOnce(),
      await d.dispatchOnce(),
    ]).toEqual([2, 2, 1, 0]);
  });
});
