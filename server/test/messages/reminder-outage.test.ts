import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, book, catalogue, ownerQuery, startBookingApp, type Owner } from '../bookings/fixtures';
import { postmarkStandIn } from '../support/postmark-standin';
import { signupOwner, type TestApp } from '../support/test-app';
import { drainOutbox, messagesOf } from './support';

/**
 * Reminders with BullMQ on a real Redis: the delayed jobs are lost (the queue is wiped, as by a
 * Redis outage or flush), the provider fails once, the job comes back late — the reminder still
 * goes out once, at its time, through the database sweep.
 */
const PREFIX = `{test-${randomUUID()}}`;
let app: TestApp;
let clock: ReturnType<typeof import('../bookings/fixtures').manualClock>;
let postmark: Awaited<ReturnType<typeof postmarkStandIn>>;
let owner: Owner;

beforeAll(async () => {
  postmark = await postmarkStandIn();
  ({ app, clock } = await startBookingApp({
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: PREFIX,
    POSTMARK_SERVER_TOKEN: 'pm-test',
    POSTMARK_API_BASE: postmark.url,
  }));
  owner = await signupOwner(app);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await postmark?.close();
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('reminders when jobs are lost and the provider fails', () => {
  it('sends each reminder exactly once, at its time', async () => {
    const { serviceId } = await catalogue(app, owner);
    const b = await book(app, owner, serviceId, at(2, '14:00'));
    await drainOutbox(app);
    const queue = new Queue('slotwise-events', {
      connection: { url: 'redis://127.0.0.1:6379' },
      prefix: PREFIX,
    });
    try {
      const delayed = (await queue.getDelayed()).filter((j) => j.name === 'reminder.send');
      expect(delayed).toHaveLength(2);
      // The outage: every queued job is gone.
      await queue.obliterate({ force: true });
      expect(await queue.getDelayed()).toHaveLength(0);
    } finally {
      await queue.close();
    }

    const reminders = async () =>
      (await messagesOf(app, owner.tenantId)).filter((m) => m.template === 'booking.reminder');
    // Before the due time the sweep sends nothing.
    clock.set(at(1, '13:59'));
    await app.system.jobs.reminders.sweepOnce();
    expect(await reminders()).toHaveLength(0);

    // Due, but Postmark answers 500 once: nothing sent, the row stays scheduled, the next sweep sends it.
    clock.set(at(1, '14:00'));
    postmark.failNext(1);
    await app.system.jobs.reminders.sweepOnce();
    expect((await reminders()).map((m) => m.status)).toEqual(['failed']);
    await app.system.jobs.reminders.sweepOnce();
    expect((await reminders()).map((m) => m.status)).toEqual(['sent']);

    // The lost job comes back late (Redis recovered): it finds the row sent and does nothing.
    const [row] = await ownerQuery<{ id: string }>(
      app,
      'SELECT id FROM reminders WHERE booking_id = $1 AND offset_minutes = 1440',
      [b.id],
    );
    await app.system.jobs.handlers['reminder.send']!({
      id: 'late',
      name: 'reminder.send',
      data: { tenantId: owner.tenantId, reminderId: row!.id },
      attempt: 1,
    });
    await app.system.jobs.reminders.sweepOnce();
    expect(await reminders()).toHaveLength(1);

    // The 2 h reminder, after the same outage, still goes out at 12:00.
    clock.set(at(2, '12:00'));
    await app.system.jobs.reminders.sweepOnce();
    const all = await reminders();
    expect(all.map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(new Set(all.map((m) => m.delivery_key)).size).toBe(2);
    const toCustomer = postmark.calls.filter((c) => c.Subject.startsWith('Reminder:'));
    expect(toCustomer).toHaveLength(3); // one refused with 500, two delivered
  }, 120_000);
});

describe('reminders when the business changes its settings', () => {
  it('a planned reminder whose offset was removed is skipped at send time; the others still go out', async () => {
    const { serviceId } = await catalogue(app, owner, { name: 'Massage' });
    const b = await book(app, owner, serviceId, at(4, '14:00'));
    await drainOutbox(app);
    const patch = await app.http
      .patch('/v1/admin/tenant')
      .set(owner.auth)
      .send({ settings: { reminderOffsetsMinutes: [120] } });
    expect(patch.status, patch.text).toBe(200);
    clock.set(at(3, '14:00'));
    await app.system.jobs.reminders.sweepOnce();
    const rows = () =>
      ownerQuery<{ offset_minutes: number; status: string; skip_reason: string | null }>(
        app,
        'SELECT offset_minutes, status, skip_reason FROM reminders WHERE booking_id = $1 ORDER BY offset_minutes',
        [b.id],
      );
    expect(await rows()).toEqual([
      { offset_minutes: 120, status: 'scheduled', skip_reason: null },
      { offset_minutes: 1440, status: 'skipped', skip_reason: 'offset_removed' },
    ]);
    clock.set(at(4, '12:00'));
    await app.system.jobs.reminders.sweepOnce();
    expect((await rows())[0]).toEqual({ offset_minutes: 120, status: 'sent', skip_reason: null });
    const mine = (await messagesOf(app, owner.tenantId)).filter(
      (m) => m.booking_id === b.id && m.template === 'booking.reminder',
    );
    expect(mine).toHaveLength(1);
  }, 60_000);
});
