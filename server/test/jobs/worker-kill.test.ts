import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../bookings/fixtures';
import { ownerQuery } from '../foundation/helpers';
import { poll, spawnEntry, type Child } from '../support/child-process';
import { postmarkStandIn } from '../support/postmark-standin';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

/**
 * kill -9 of a real worker process (src/worker.ts on BullMQ + Redis) with jobs mid-flight: every
 * email reaches the provider exactly once (ADR 0008). Postmark's stand-in holds every call, so
 * when the worker dies all of its in-flight jobs are inside the provider call (none between the
 * claim and the call) and the rest are still queued. The second worker sends the queued ones and,
 * when BullMQ hands it the stalled ones again, finds their delivery keys recorded and sends nothing.
 */
const BOOKINGS = 10;
const PREFIX = `{test-${randomUUID()}}`;

let app: TestApp;
let postmark: Awaited<ReturnType<typeof postmarkStandIn>>;
const workers: Child[] = [];

beforeAll(async () => {
  app = await startTestApp();
  postmark = await postmarkStandIn();
}, 120_000);
afterAll(async () => {
  for (const w of workers) await w.kill9();
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await postmark?.close();
  await app?.close();
});

describe('worker killed mid-batch', () => {
  it('each booking email reaches the provider exactly once', async () => {
    const owner = await signupOwner(app);
    const { serviceId } = await catalogue(app, owner);
    // Business notices go to one desk address: two messages per booking, the customer's first.
    const desk = await app.http.patch('/v1/admin/tenant').set(owner.auth).send({ settings: { notificationEmail: 'desk@biz.example' } });
    expect(desk.status, desk.text).toBe(200);
    const day = new Date(Date.now() + 3 * 86_400_000);
    for (let i = 0; i < BOOKINGS; i++) {
      const start = new Date(day);
      start.setUTCHours(9 + (i % 8), 0, 0, 0);
      const r = await app.http
        .post(`/v1/public/tenants/${owner.slug}/bookings`)
        .send({ serviceId, start: new Date(start.getTime() + Math.floor(i / 8) * 86_400_000).toISOString(), customer: { name: `C${i}`, email: `c${i}@example.com` }, timeZone: 'UTC' });
      expect(r.status, r.text).toBe(201);
    }
    // One "booked" email to the customer (an instant confirmation's booking.confirmed sends none)
    // and one new-booking notice to the desk.
    const expected = BOOKINGS * 2;
    for (let i = 0; i < BOOKINGS; i++) postmark.hold(`c${i}@example.com`);

    const env = {
      DATABASE_URL: app.db.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: PREFIX,
      POSTMARK_SERVER_TOKEN: 'pm-test',
      POSTMARK_API_BASE: postmark.url,
      PUBLIC_URL: 'https://book.example.com',
    };
    const first = spawnEntry('src/worker.ts', env);
    workers.push(first);
    // Its eight concurrent jobs all wait inside the provider call; nothing else can start.
    await poll(async () => postmark.heldCount() === 8, 120_000);
    await first.kill9();
    expect(postmark.calls).toHaveLength(8);

    postmark.release(); // answers every call from now on
    const second = spawnEntry('src/worker.ts', env);
    workers.push(second);
    // The queued jobs go out at once; the stalled ones come back once BullMQ's lock expires (~30 s).
    const rows = await poll(async () => {
      const r = await ownerQuery<{ status: string; delivery_key: string }>(
        app,
        'SELECT status, delivery_key FROM email_messages WHERE tenant_id = $1',
        [owner.tenantId],
      );
      // Every row settled: a row still `sending` has its provider call in flight.
      const settled = r.filter((m) => m.status === 'needs_review').length === 8 && r.every((m) => m.status !== 'sending');
      return r.length === expected && settled ? r : null;
    }, 180_000);

    const perMessage = new Map<string, number>();
    for (const c of postmark.calls) perMessage.set(`${c.To} ${c.Subject}`, (perMessage.get(`${c.To} ${c.Subject}`) ?? 0) + 1);
    expect(perMessage.size).toBe(expected);
    expect([...perMessage.values()].every((k) => k === 1)).toBe(true);
    expect(rows.filter((m) => m.status === 'sent')).toHaveLength(expected - 8);
    expect(new Set(rows.map((m) => m.delivery_key)).size).toBe(expected);
  }, 400_000);
});
