import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bullmqQueue } from '../../src/adapters/queue-bullmq/bullmq-queue';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import type { Job } from '../../src/ports/job-queue';
import { signupOwner, startTestApp } from '../support/test-app';
import { waitUntil } from './processes';
import { startRedisCluster, type RedisCluster } from './redis-cluster';

// The queue on a real 3-node Redis Cluster started by this file with the machine's redis-server.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let cluster: RedisCluster;
beforeAll(async () => {
  cluster = await startRedisCluster();
});
afterAll(async () => cluster?.stop());

const tag = () => `{sw-${randomBytes(4).toString('hex')}}`;

describe('BullMQ on a Redis Cluster', () => {
  it('needs the hash-tagged prefix: the default one fails with CROSSSLOT, and the adapter refuses an untagged one', async () => {
    const connection = new Cluster([{ host: '127.0.0.1', port: cluster.ports[0]! }], {
      redisOptions: { maxRetriesPerRequest: null },
    });
    const plain = new Queue('slotwise-events', {
      connection,
      prefix: `bull-${randomBytes(3).toString('hex')}`,
    });
    try {
      await expect(plain.add('ping', {}, { jobId: 'x' })).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await plain.close();
      connection.disconnect();
    }
    expect(() => bullmqQueue({ url: cluster.url, cluster: true, prefix: 'slotwise' })).toThrow(
      /hash tag/,
    );
  });

  it('runs a job once even when the same id is enqueued twice, and retries a failing handler', async () => {
    const q = bullmqQueue({ url: cluster.url, cluster: true, prefix: tag() });
    const got: Job[] = [];
    let failures = 0;
    await q.work({
      ping: async (job) => void got.push(job),
      flaky: async (job) => {
        if (job.attempt === 1) {
          failures += 1;
          throw new Error('first attempt fails');
        }
        got.push(job);
      },
    });
    await q.enqueue('ping', { n: 1 }, { jobId: 'same' });
    await q.enqueue('ping', { n: 1 }, { jobId: 'same' });
    await q.enqueue('flaky', { n: 2 }, { jobId: 'flaky-1' });
    await waitUntil('both jobs', () => got.length >= 2, 30_000);
    await q.close();
    expect(got.map((j) => [j.name, j.attempt]).sort()).toEqual([
      ['flaky', 2],
      ['ping', 1],
    ]);
    expect(failures).toBe(1);
  });

  it('spreads queues with different hash tags over the nodes', async () => {
    const queues = Array.from({ length: 12 }, () =>
      bullmqQueue({ url: cluster.url, cluster: true, prefix: tag() }),
    );
    for (const [i, q] of queues.entries()) await q.enqueue('ping', {}, { jobId: `j${i}` });
    await Promise.all(queues.map((q) => q.close()));
    const client = new Cluster([{ host: '127.0.0.1', port: cluster.ports[0]! }]);
    try {
      await client.ping(); // connects and learns the slot map
      const perNode = await Promise.all(client.nodes('master').map((n) => n.dbsize()));
      expect(perNode.filter((n) => n > 0).length).toBeGreaterThan(1);
    } finally {
      client.disconnect();
    }
  });
});

describe('the whole system on a Redis Cluster', () => {
  it('outbox → queue → email exactly once, shared rate limits and a ready health check', async () => {
    const prefix = tag();
    const app = await startTestApp({
      REDIS_URL: cluster.url,
      REDIS_CLUSTER: 'true',
      REDIS_PREFIX: prefix,
      RATE_LIMITS_ENABLED: 'true',
      RATE_LIMIT_AUTH_PER_MINUTE: '3',
    });
    try {
      const ready = await app.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks.redis.status).toBe('ok');

      const owner = await signupOwner(app);
      const service = await app.http
        .post('/v1/admin/services')
        .set(owner.auth)
        .send({ name: 'Cut', durationMinutes: 30, priceCents: 1000, currency: 'EUR' });
      expect(service.status).toBe(201);
      const provider = await app.http
        .post('/v1/admin/providers')
        .set(owner.auth)
        .send({ name: 'Pat', timeZone: 'UTC', serviceIds: [service.body.id] });
      expect(provider.status).toBe(201);
      const intervals = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        startTime: '00:00',
        endTime: '23:59',
      }));
      expect(
        (
          await app.http
            .put(`/v1/admin/providers/${provider.body.id}/hours`)
            .set(owner.auth)
            .send({ intervals })
        ).status,
      ).toBe(200);
      const start = `${new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)}T10:00:00.000Z`;
      const booked = await app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).send({
        serviceId: service.body.id,
        start,
        customer: { name: 'Ada', email: 'ada@example.com' },
        timeZone: 'UTC',
      });
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);

      await app.system.jobs.start();
      const emails = () =>
        withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.emailMessage.findMany());
      const topics = (await app.system.db.prisma.outboxEvent.findMany({ select: { topic: true } }))
        .map((e) => e.topic)
        .sort();
      expect(topics).toContain('booking.created');
      // One customer email per booking (ADR 0011): created → "booked"; an instant confirmation's
      // booking.confirmed event sends nothing more.
      const expectedTemplates = topics
        .filter((t) => t === 'booking.created')
        .map(() => 'booking.booked');
      await waitUntil(
        'one email per booking',
        async () =>
          (await emails()).filter((m) => !m.template.startsWith('business.')).length >=
          expectedTemplates.length,
        30_000,
      );
      // Nothing left in the queue, and still exactly one email.
      const connection = new Cluster([{ host: '127.0.0.1', port: cluster.ports[0]! }], {
        redisOptions: { maxRetriesPerRequest: null },
      });
      const queue = new Queue('slotwise-events', { connection, prefix });
      try {
        await waitUntil('the queue to drain', async () => {
          const c = await queue.getJobCounts('waiting', 'active');
          // Reminders wait as delayed jobs until they are due: only other delayed jobs (retries) count.
          const delayed = (await queue.getDelayed()).filter((j) => j.name !== 'reminder.send');
          return delayed.length === 0 && Object.values(c).every((n) => n === 0);
        });
        // One job per outbox event, each completed once.
        expect((await queue.getJobCounts('completed')).completed).toBe(topics.length);
      } finally {
        await queue.close();
        connection.disconnect();
      }
      expect(await app.system.jobs.dispatcher.dispatchOnce()).toBe(0);
      // The desk's notices (business.*) go to the business; the customer's are counted here.
      const sent = (await emails()).filter((m) => !m.template.startsWith('business.'));
      expect(sent.map((m) => m.template).sort()).toEqual(expectedTemplates);
      expect(new Set(sent.map((m) => m.to))).toEqual(new Set(['ada@example.com']));

      // Rate-limit counters live in the cluster too.
      const ip = { 'X-Forwarded-For': '198.51.100.77' };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (
            await app.http
              .post('/v1/auth/login')
              .set(ip)
              .send({ email: owner.email, password: 'wrong password' })
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await app.close();
    }
  });
});
