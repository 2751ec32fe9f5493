import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MESSAGE_TOPICS } from '../../src/app/messages/notify';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import {
  baseEnv,
  bookingBody,
  business,
  call,
  dayFromNow,
  ensureServerBuilt,
  overlaps,
  ownerSql,
  slotStarts,
  startProcess,
  waitUntil,
  type Reply,
  type ServerProcess,
} from './processes';

// 3 API processes and 2 workers (server/dist, plain node) on one PostgreSQL and one Redis.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_PER_MINUTE = 30;
let db: TestDatabase;
let prefix: string;
let apis: ServerProcess[] = [];
let workers: ServerProcess[] = [];
const started: ServerProcess[] = [];
const base = (i: number) => apis[i % apis.length]!.baseUrl;

beforeAll(async () => {
  ensureServerBuilt();
  db = await createTestDatabase();
  prefix = `{mp-${randomBytes(4).toString('hex')}}`;
  const env = baseEnv({
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '8',
    REDIS_URL,
    REDIS_PREFIX: prefix,
    RATE_LIMITS_ENABLED: 'true',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    RATE_LIMIT_ADMIN_PER_MINUTE: String(ADMIN_PER_MINUTE),
    PUBLIC_URL: 'https://book.example.com',
  });
  // One secret for all: a token issued by one process is checked by another. Each process is
  // recorded as soon as it is up, so that one failing to start leaves none of the others behind.
  const up = (p: ServerProcess) => (started.push(p), p);
  [apis, workers] = await Promise.all([
    Promise.all(
      [0, 1, 2].map(() => startProcess('main', { ...env, RUN_WORKERS: 'false' }).then(up)),
    ),
    Promise.all([0, 1].map(() => startProcess('worker', env).then(up))),
  ]);
});

afterAll(async () => {
  const codes = await Promise.all(started.map((p) => p.stop()));
  await db?.drop();
  // Every process drained and exited cleanly on SIGTERM.
  expect(codes).toEqual(codes.map(() => 0));
});

/** n requests at once, request i to API process i mod 3. */
async function spread(
  n: number,
  req: (i: number) => {
    method?: string;
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
  },
) {
  const replies = await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const r = req(i);
      return call(base(i), r.method ?? 'POST', r.path, r.body, r.headers);
    }),
  );
  const status = (s: number) => replies.filter((r) => r.status === s);
  expect(replies.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
  return { replies, status };
}

describe('one truth across processes', () => {
  it('the worker process does not compose the HTTP app', () => {
    for (const w of workers) expect(w.output()).not.toMatch(/Listening|API\s+http/);
  });

  it('rate limits are shared: the admin limit holds for the sum of all processes', async () => {
    const b = await business(base(0)); // 3 admin calls of this owner already counted
    const replies: Reply[] = [];
    for (let i = 0; i < 45; i++)
      replies.push(await call(base(i), 'GET', '/v1/admin/services', undefined, b.auth));
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    // Per-process counters would have let all 45 through (15 per process < 30).
    expect(replies.filter((r) => r.status === 200)).toHaveLength(ADMIN_PER_MINUTE - 3);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(45 - (ADMIN_PER_MINUTE - 3));
    for (const [i, r] of replies.entries())
      if (i >= ADMIN_PER_MINUTE - 3) expect(r.body.error?.code).toBe('rate_limited');
  });

  it('an Idempotency-Key is honoured whichever process gets the retry', async () => {
    const b = await business(base(0));
    const body = bookingBody(b.serviceId, `${dayFromNow(3)}T10:00:00.000Z`);
    const key = `idem-${randomBytes(6).toString('hex')}`;
    const path = `/v1/public/tenants/${b.slug}/bookings`;
    const first = await call(base(0), 'POST', path, body, { 'Idempotency-Key': key });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retries = await spread(6, () => ({ path, body, headers: { 'Idempotency-Key': key } }));
    for (const r of retries.replies) {
      expect(r.status).toBe(201);
      expect(r.body.id).toBe(first.body.id);
      expect(r.headers.get('idempotent-replayed')).toBe('true');
    }
    // A fresh key sent to all three at once: one booking, every answer the same.
    const key2 = `idem-${randomBytes(6).toString('hex')}`;
    const body2 = bookingBody(b.serviceId, `${dayFromNow(3)}T12:00:00.000Z`);
    const together = await spread(3, () => ({
      path,
      body: body2,
      headers: { 'Idempotency-Key': key2 },
    }));
    expect(together.status(201)).toHaveLength(3);
    expect(new Set(together.replies.map((r) => r.body.id)).size).toBe(1);
    const rows = await ownerSql<{ n: number }>(
      db.url,
      'SELECT count(*)::int AS n FROM bookings WHERE tenant_id = $1',
      [b.tenantId],
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('the slot cache of every process sees a booking or a cancellation made through another one', async () => {
    const b = await business(base(0));
    const date = dayFromNow(4);
    // Warm the caches of processes 0 and 1 (twice: the second answer is a cache hit).
    for (const i of [0, 1, 0, 1])
      expect((await slotStarts(base(i), b.slug, b.serviceId, date)).length).toBeGreaterThan(10);
    const target = (await slotStarts(base(0), b.slug, b.serviceId, date))[5]!;
    const booked = await call(
      base(2),
      'POST',
      `/v1/public/tenants/${b.slug}/bookings`,
      bookingBody(b.serviceId, target),
    );
    expect(booked.status).toBe(201);
    for (const i of [0, 1])
      expect(await slotStarts(base(i), b.slug, b.serviceId, date)).not.toContain(target);
    const cancelled = await call(
      base(2),
      'POST',
      `/v1/public/bookings/${booked.body.manageToken}/cancel`,
      {},
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    for (const i of [0, 1])
      expect(await slotStarts(base(i), b.slug, b.serviceId, date)).toContain(target);
  });
});

describe('booking races spread over three API processes', () => {
  it('200 simultaneous bookings of one slot: exactly one 201, 199 × 409', async () => {
    const b = await business(base(0));
    const start = `${dayFromNow(5)}T10:00:00.000Z`;
    const { status } = await spread(200, () => ({
      path: `/v1/public/tenants/${b.slug}/bookings`,
      body: bookingBody(b.serviceId, start, { providerId: b.providerIds[0] }),
    }));
    expect(status(201)).toHaveLength(1);
    expect(status(409)).toHaveLength(199);
    for (const r of status(409)) expect(r.body.error?.code).toBe('slot_unavailable');
  });

  it('"any provider" with 3 providers and 12 simultaneous bookings: exactly 3, on distinct providers', async () => {
    const b = await business(base(1), { providers: 3 });
    const start = `${dayFromNow(5)}T11:00:00.000Z`;
    const { status } = await spread(12, () => ({
      path: `/v1/public/tenants/${b.slug}/bookings`,
      body: bookingBody(b.serviceId, start),
    }));
    expect(status(201)).toHaveLength(3);
    expect(new Set(status(201).map((r) => r.body.provider.id)).size).toBe(3);
    expect(status(409)).toHaveLength(9);
  });

  it('a class of capacity 5 with 30 simultaneous bookings sells exactly 5 seats', async () => {
    const b = await business(base(2), { capacity: 5, name: 'Class' });
    const start = `${dayFromNow(5)}T12:00:00.000Z`;
    const { status } = await spread(30, () => ({
      path: `/v1/public/tenants/${b.slug}/bookings`,
      body: bookingBody(b.serviceId, start),
    }));
    expect(status(201)).toHaveLength(5);
    expect(status(409)).toHaveLength(25);
  });

  it('10 bookings rescheduled into one free slot at once: exactly one moves', async () => {
    const b = await business(base(0));
    const day = dayFromNow(6);
    const ids: string[] = [];
    for (let h = 6; h < 16; h++) {
      const r = await call(
        base(h),
        'POST',
        `/v1/public/tenants/${b.slug}/bookings`,
        bookingBody(b.serviceId, `${day}T${String(h).padStart(2, '0')}:00:00.000Z`),
      );
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const { status } = await spread(10, (i) => ({
      path: `/v1/admin/bookings/${ids[i]}/reschedule`,
      body: { start: `${day}T17:00:00.000Z` },
      headers: b.auth,
    }));
    expect(status(200)).toHaveLength(1);
    expect(status(409)).toHaveLength(9);
  });

  it('no overlapping bookings and no overfull session anywhere', async () => {
    expect(await overlaps(db.url)).toEqual([]);
  });
});

describe('outbox with two worker processes', () => {
  it('handles every event exactly once: one email per booking event, none twice', async () => {
    const topics = [...MESSAGE_TOPICS];
    const events = async () =>
      ownerSql<{ topic: string; n: number; pending: number }>(
        db.url,
        `SELECT topic, count(*)::int AS n, count(*) FILTER (WHERE dispatched_at IS NULL)::int AS pending
           FROM outbox_events WHERE topic = ANY($1) GROUP BY topic ORDER BY topic`,
        [topics],
      );
    const emails = async () =>
      ownerSql<{ template: string; n: number }>(
        db.url,
        `SELECT template, count(*)::int AS n FROM email_messages WHERE template NOT LIKE 'business.%' GROUP BY template ORDER BY template`,
      );
    const queue = new Queue('slotwise-events', { connection: { url: REDIS_URL }, prefix });
    try {
      // Dispatched, and nothing left in the queue (waiting, delayed, active or being retried).
      await waitUntil(
        'the outbox and the queue to drain',
        async () => {
          const e = await events();
          if (e.some((r) => r.pending > 0)) return false;
          const c = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
          // Reminders wait as delayed jobs until they are due: only other delayed jobs (retries) count.
          const delayed = (await queue.getDelayed()).filter((j) => j.name !== 'reminder.send');
          return delayed.length === 0 && Object.values(c).every((n) => n === 0);
        },
        90_000,
      );
      const byTopic = await events();
      expect(byTopic.reduce((s, r) => s + r.n, 0)).toBeGreaterThan(20);
      const failed = await queue.getJobCounts('failed');
      expect(failed.failed).toBe(0);
      // One customer message per booking event: created → "booked" (instant confirmation, so its
      // booking.confirmed sends nothing), and one per cancellation and reschedule.
      const n = (topic: string) => byTopic.find((r) => r.topic === topic)?.n ?? 0;
      const expected = [
        { template: 'booking.booked', n: n('booking.created') },
        { template: 'booking.cancelled', n: n('booking.cancelled') },
        { template: 'booking.rescheduled', n: n('booking.rescheduled') },
      ].filter((r) => r.n > 0);
      expect(await emails()).toEqual(expected);
      const twice = await ownerSql(
        db.url,
        `SELECT "to", template, count(*) FROM email_messages WHERE template NOT LIKE 'business.%' GROUP BY 1, 2 HAVING count(*) > 1`,
      );
      expect(twice).toEqual([]);
      // Each event became exactly one completed job (the outbox row id is the job id).
      const done = (await queue.getJobs(['completed'], 0, 1000)).filter((j) => j.name !== 'reminder.send');
      expect(done.length).toBe(byTopic.reduce((s, r) => s + r.n, 0));
    } finally {
      await queue.close();
    }
  });
});
