import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingEventId } from '../../src/domain/calendar';
import { BOOKING_LEASE_MS } from '../../src/app/calendar/bookings-out';
import { catalogue, manualClock } from '../bookings/fixtures';
import { spawnEntry, type Child } from '../support/child-process';
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google/server';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { connect, ownerQuery, waitFor } from './helpers';

/**
 * kill -9 of a worker process in the middle of writing a booking to Google: the insert is on the
 * wire (the fake holds it unanswered) when the worker dies, and its in-process queue dies with it.
 * The booking's calendar row stays dirty in the database; once its lease has run out the
 * scheduler of another worker queues it again and the event is written, exactly once.
 */
const clock = manualClock(new Date().toISOString());
let app: TestApp;
let fake: FakeGoogle;
let child: Child | undefined;

beforeAll(async () => {
  fake = await startFakeGoogle();
  app = await startTestApp(
    {
      GOOGLE_CLIENT_ID: fake.clientId,
      GOOGLE_CLIENT_SECRET: fake.clientSecret,
      GOOGLE_API_ROOT: fake.apiRoot,
      GOOGLE_OAUTH_ROOT: fake.oauthRoot,
    },
    { clock },
  );
  fake.pushOrigin = app.baseUrl;
});
afterAll(async () => {
  await child?.kill9();
  await app?.close();
  await fake?.close();
});

describe('a worker killed with SIGKILL mid-write to Google', () => {
  it('loses no booking event and writes it once', { timeout: 120_000 }, async () => {
    const owner = await signupOwner(app);
    const { serviceId, providerIds } = await catalogue(app, owner);
    await connect(app, fake, owner, providerIds[0]!);
    fake.hangNext(/^POST \/calendar\/v3\/calendars\/[^/]+\/events$/);
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(10, 0, 0, 0);
    const r = await app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).send({
      serviceId,
      start: start.toISOString(),
      customer: { name: 'Kim', email: 'kim@example.com' },
      timeZone: 'UTC',
    });
    expect(r.status, r.text).toBe(201);
    const id = bookingEventId(r.body.id);

    // The child worker dispatches the outbox and starts the insert; Google "hangs"; kill -9.
    child = spawnEntry('test/webhooks/worker-child.ts', {
      DATABASE_URL: app.db.url,
      REDIS_URL: '',
      GOOGLE_CLIENT_ID: fake.clientId,
      GOOGLE_CLIENT_SECRET: fake.clientSecret,
      GOOGLE_API_ROOT: fake.apiRoot,
      GOOGLE_OAUTH_ROOT: fake.oauthRoot,
    });
    await waitFor(
      'the insert in flight',
      () =>
        fake.requests.some((q) => q.method === 'POST' && (q.body as { id?: string })?.id === id),
      60_000,
    );
    await child.kill9();
    const [row] = await ownerQuery<{ dirty: boolean; locked_until: Date }>(
      app,
      'SELECT dirty, locked_until FROM calendar_booking_events WHERE booking_id = $1',
      [r.body.id],
    );
    expect(row!.dirty).toBe(true);
    expect(fake.calendars.get(fake.account)!.events.has(id)).toBe(false);
    const outbox = await ownerQuery<{ n: number }>(
      app,
      'SELECT count(*)::int AS n FROM outbox_events WHERE tenant_id = $1 AND dispatched_at IS NULL',
      [owner.tenantId],
    );
    expect(outbox[0]!.n).toBe(0); // the job really was lost with the child's queue

    // Another worker: while the lease runs, the scheduler leaves the row alone ...
    await app.system.jobs.start();
    expect((await app.system.services.calendar.tick()).writes).toBe(0);
    // ... after it, it queues the write again and the event is written once.
    clock.set(new Date(row!.locked_until.getTime() + BOOKING_LEASE_MS + 1_000).toISOString());
    expect((await app.system.services.calendar.tick()).writes).toBe(1);
    await waitFor(
      'the event written',
      () => fake.calendars.get(fake.account)!.events.get(id)?.status === 'confirmed',
    );
    await waitFor(
      'the row clean',
      async () =>
        (
          await ownerQuery<{ dirty: boolean }>(
            app,
            'SELECT dirty FROM calendar_booking_events WHERE booking_id = $1',
            [r.body.id],
          )
        )[0]?.dirty === false,
    );
    expect(
      [...fake.calendars.get(fake.account)!.events.keys()].filter((k) => k === id),
    ).toHaveLength(1);
  });
});
