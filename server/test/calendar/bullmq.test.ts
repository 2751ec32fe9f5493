import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book } from '../bookings/fixtures';
import { bookingEventId } from '../../src/domain/calendar';
import type { FakeGoogle } from '../support/fake-google/server';
import type { TestApp } from '../support/test-app';
import { at, connect, setup, slotsOn, startCalendarApp, timed, waitFor } from './helpers';

/** The same jobs on BullMQ (REDIS_URL set): a push-driven sync and a booking write go through Redis. */
const PREFIX = `{cal-${randomUUID()}}`;
let app: TestApp;
let fake: FakeGoogle;

beforeAll(async () => {
  ({ app, fake } = await startCalendarApp({
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: PREFIX,
  }));
  await app.system.jobs.start();
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('calendar jobs on BullMQ', () => {
  it('syncs on push and writes bookings through the Redis queue', { timeout: 90_000 }, async () => {
    const { owner, serviceId, providerId } = await setup(app);
    await connect(app, fake, owner, providerId);
    await waitFor('the first sync', () => fake.channels.some((c) => !c.stopped));
    await fake.upsertEvent(fake.account, timed('meeting', at(1, '10:00'), at(1, '11:00')));
    await waitFor(
      'the slot taken',
      async () => !(await slotsOn(app, owner, serviceId, 1)).includes(at(1, '10:00')),
      60_000,
    );
    const b = await book(app, owner, serviceId, at(1, '12:00'));
    await waitFor(
      'the event written',
      () =>
        fake.calendars.get(fake.account)!.events.get(bookingEventId(b.id))?.status === 'confirmed',
      60_000,
    );
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${PREFIX}:*`);
    redis.disconnect();
    expect(keys.length).toBeGreaterThan(0);
  });
});
