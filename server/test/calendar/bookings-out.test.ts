import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, bookingEventId } from '../../src/domain/calendar';
import type { FakeGoogle } from '../support/fake-google/server';
import type { TestApp } from '../support/test-app';
import {
  at,
  busyRows as busyRowsOf,
  connect,
  getConnection as getConnectionOf,
  listCalls as listCallsOf,
  ownerQuery,
  slotsOn,
  startSyncSuite,
  timed,
  waitFor,
  type Owner,
} from './helpers';
import { book } from '../bookings/fixtures';

let app: TestApp;
let fake: FakeGoogle;
let clock: { now(): Date; set(iso: string): void };
let owner: Owner;
let serviceId = '';
let providerId = '';
let connectionId = '';
let calendar = '';

const getConnection = () => getConnectionOf(app, owner, connectionId);
const busyRows = () => busyRowsOf(app, owner);
const listCalls = () => listCallsOf(fake);
const fakeEvent = (id: string) => fake.calendars.get(calendar)!.events.get(id);

beforeAll(async () => {
  ({ app, fake, clock, owner, serviceId, providerId, calendar } = await startSyncSuite());
  // Busy time the later checks rely on, then the connect and its first sync.
  await fake.upsertEvent(calendar, timed('dentist', at(1, '10:00'), at(1, '11:00')));
  connectionId = (await connect(app, fake, owner, providerId)).connection.id;
  await waitFor('the first sync', async () => (await getConnection()).lastSyncedAt);
  await waitFor(
    'the slot taken',
    async () => !(await slotsOn(app, owner, serviceId, 1)).includes(at(1, '10:00')),
  );
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

describe('Google Calendar sync, bookings out and failures, through the official client', () => {
  it(
    'bookings out: created, rescheduled and cancelled bookings create, move and delete one event, never read back as busy',
    { timeout: 60_000 },
    async () => {
      const insertsBefore = fake.requests.filter(
        (r) => r.method === 'POST' && /\/events$/.test(r.path),
      ).length;
      const b = await book(app, owner, serviceId, at(4, '10:00'));
      const id = bookingEventId(b.id);
      await waitFor('the event in Google', () => fakeEvent(id)?.status === 'confirmed');
      const e = fakeEvent(id)!;
      expect(new Date(e.start.dateTime!).toISOString()).toBe(at(4, '10:00'));
      expect(e.extendedProperties?.private?.slotwiseBookingId).toBe(b.id);
      expect(e.attendees ?? []).toEqual([]);
      // Google pushed our own insert back: the sync ran, and our event is not busy time.
      await waitFor(
        'our own change synced back',
        async () =>
          listCalls().some((r) => r.query.get('syncToken')) && (await getConnection()).lastSyncedAt,
      );

      const moved = await app.http
        .post(`/v1/admin/bookings/${b.id}/reschedule`)
        .set(owner.auth)
        .send({ start: at(4, '13:00') });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      await waitFor(
        'the event moved',
        () =>
          fakeEvent(id)?.start.dateTime &&
          new Date(fakeEvent(id)!.start.dateTime!).toISOString() === at(4, '13:00'),
      );
      const cancelled = await app.http
        .post(`/v1/admin/bookings/${b.id}/cancel`)
        .set(owner.auth)
        .send({ reason: 'Changed plans' });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      await waitFor('the event deleted', () => fakeEvent(id)?.status === 'cancelled');
      await waitFor(
        'the row clean',
        async () =>
          (
            await ownerQuery<{ dirty: boolean }>(
              app,
              'SELECT dirty FROM calendar_booking_events WHERE booking_id = $1',
              [b.id],
            )
          )[0]?.dirty === false,
      );

      // One insert for one booking (the move was a patch), and the freed slots are offered again.
      const inserts = fake.requests
        .filter((r) => r.method === 'POST' && /\/events$/.test(r.path))
        .slice(insertsBefore);
      expect(inserts.map((r) => (r.body as { id: string }).id)).toEqual([id]);
      expect((await busyRows()).some((r) => r.external_id.includes(id))).toBe(false);
      const day4 = await slotsOn(app, owner, serviceId, 4);
      expect(day4).toContain(at(4, '10:00'));
      expect(day4).toContain(at(4, '13:00'));
    },
  );

  it(
    'customers become attendees when the business wants it (no second invite from Google)',
    { timeout: 60_000 },
    async () => {
      const p = await app.http
        .patch(`/v1/admin/calendar/connections/${connectionId}`)
        .set(owner.auth)
        .send({ inviteCustomers: true });
      expect(p.status, JSON.stringify(p.body)).toBe(200);
      const b = await book(app, owner, serviceId, at(5, '11:00'));
      await waitFor('the event', () => fakeEvent(bookingEventId(b.id)));
      expect(fakeEvent(bookingEventId(b.id))!.attendees?.map((a) => a.email)).toHaveLength(1);
      const insert = fake.requests.find(
        (r) => r.method === 'POST' && (r.body as { id?: string })?.id === bookingEventId(b.id),
      )!;
      expect(insert.query.get('sendUpdates')).toBe('none');
      // Picking an unknown calendar, or a read-only one for bookings, is a 422 and changes nothing.
      const bad = await app.http
        .patch(`/v1/admin/calendar/connections/${connectionId}`)
        .set(owner.auth)
        .send({ bookingCalendarId: 'team@group.calendar.google.com' });
      expect(bad.status).toBe(422);
      const unknown = await app.http
        .patch(`/v1/admin/calendar/connections/${connectionId}`)
        .set(owner.auth)
        .send({ busyCalendarIds: ['nope@example.com'] });
      expect(unknown.status).toBe(422);
      const cals = await app.http
        .get(`/v1/admin/calendar/connections/${connectionId}/calendars`)
        .set(owner.auth);
      expect(
        cals.body.items.map((c: { id: string; writable: boolean }) => [c.id, c.writable]),
      ).toEqual([
        [calendar, true],
        ['team@group.calendar.google.com', false],
      ]);
    },
  );

  it(
    'rate limits (403 rateLimitExceeded, then 429) are retried with our own backoff; nothing is duplicated',
    { timeout: 60_000 },
    async () => {
      fake.failNext(
        /^POST \/calendar\/v3\/calendars\/[^/]+\/events$/,
        { status: 403, reason: 'rateLimitExceeded' },
        1,
      );
      fake.failNext(
        /^POST \/calendar\/v3\/calendars\/[^/]+\/events$/,
        { status: 429, reason: 'rateLimitExceeded' },
        1,
      );
      const b = await book(app, owner, serviceId, at(5, '14:00'));
      const id = bookingEventId(b.id);
      await waitFor('the event after backoff', () => fakeEvent(id)?.status === 'confirmed');
      const tries = fake.requests.filter(
        (r) => r.method === 'POST' && (r.body as { id?: string })?.id === id,
      );
      expect(tries).toHaveLength(3);
      // Our backoff waited between tries: at least half the base delay, then half of twice that.
      expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(BACKOFF_BASE_MS / 2);
      expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
      expect([...fake.calendars.get(calendar)!.events.keys()].filter((k) => k === id)).toHaveLength(
        1,
      );
    },
  );

  it(
    'Google down: the write is queued and retried until Google is back',
    { timeout: 60_000 },
    async () => {
      fake.down = true;
      const b = await book(app, owner, serviceId, at(5, '15:00'));
      await waitFor(
        'the failure recorded',
        async () =>
          (
            await ownerQuery<{ last_error: string | null }>(
              app,
              'SELECT last_error FROM calendar_booking_events WHERE booking_id = $1',
              [b.id],
            )
          )[0]?.last_error,
      );
      fake.down = false;
      await waitFor(
        'the event once Google is back',
        () => fakeEvent(bookingEventId(b.id))?.status === 'confirmed',
        30_000,
      );
    },
  );

  it(
    'a revoked grant marks the connection broken, emails the business once, and booking goes on with the last busy data',
    { timeout: 60_000 },
    async () => {
      fake.revokeAll();
      await fake.upsertEvent(calendar, timed('unseen', at(6, '10:00'), at(6, '11:00')));
      await waitFor('broken', async () => (await getConnection()).status === 'broken');
      const c = await getConnection();
      expect(c.lastError).toBeTruthy();
      expect(c.nextPollAt).toBeNull();
      const mails = await ownerQuery<{ to: string; subject: string }>(
        app,
        'SELECT "to", subject FROM email_messages WHERE tenant_id = $1 AND template = \'calendar.connection_broken\'',
        [owner.tenantId],
      );
      expect(mails).toEqual([{ to: owner.email, subject: 'Calendar sync stopped for Provider 1' }]);
      // Last known busy time still applies; new bookings still work.
      expect(await slotsOn(app, owner, serviceId, 1)).not.toContain(at(1, '10:00'));
      const b = await book(app, owner, serviceId, at(6, '14:00'));
      await waitFor(
        'the write parked',
        async () =>
          (
            await ownerQuery<{ last_error: string | null }>(
              app,
              'SELECT last_error FROM calendar_booking_events WHERE booking_id = $1',
              [b.id],
            )
          )[0]?.last_error === 'calendar connection broken',
      );
      // A second failure does not email again.
      await app.system.services.calendar.syncConnection(owner.tenantId, connectionId);
      expect(
        await ownerQuery(
          app,
          "SELECT id FROM email_messages WHERE template = 'calendar.connection_broken' AND tenant_id = $1",
          [owner.tenantId],
        ),
      ).toHaveLength(1);

      // Reconnecting clears "broken"; the parked booking is written by the scheduler's next pass.
      await connect(app, fake, owner, providerId);
      expect((await getConnection()).status).toBe('active');
      clock.set(at(0, '08:40'));
      await app.system.services.calendar.tick();
      await waitFor(
        'the parked booking written',
        () => fakeEvent(bookingEventId(b.id))?.status === 'confirmed',
      );
    },
  );

  it(
    'disconnect revokes the grant at Google and deletes the connection, its busy time and sync state',
    { timeout: 60_000 },
    async () => {
      const [row] = await ownerQuery<{ refresh_token: string }>(
        app,
        'SELECT refresh_token FROM calendar_connections WHERE id = $1',
        [connectionId],
      );
      const live = [...fake.refreshTokens].filter((t) => !fake.revokedTokens.has(t));
      expect(live).toHaveLength(1);
      // Scan every text column of every table: no OAuth token and no channel token in clear.
      const dump = await ownerQuery<{ t: string }>(
        app,
        `SELECT string_agg(x::text, ' ') AS t FROM (
      SELECT row_to_json(c)::text AS x FROM calendar_connections c UNION ALL SELECT row_to_json(s)::text FROM calendar_sync_states s
      UNION ALL SELECT row_to_json(e)::text FROM email_messages e UNION ALL SELECT row_to_json(o)::text FROM outbox_events o) q`,
      );
      for (const secret of [...fake.refreshTokens, ...fake.channels.map((c) => c.token)])
        expect(dump[0]!.t).not.toContain(secret);
      expect(row!.refresh_token).not.toContain(live[0]!);

      const d = await app.http
        .delete(`/v1/admin/calendar/connections/${connectionId}`)
        .set(owner.auth);
      expect(d.status, JSON.stringify(d.body)).toBe(200);
      expect(d.body).toEqual({ revoked: true });
      expect(fake.revokedTokens.has(live[0]!)).toBe(true);
      expect(fake.channels.filter((c) => !c.stopped && c.calendarId === calendar)).toEqual([]);
      expect(await busyRows()).toEqual([]);
      expect(
        await ownerQuery(app, 'SELECT 1 FROM calendar_sync_states WHERE tenant_id = $1', [
          owner.tenantId,
        ]),
      ).toEqual([]);
      expect(await slotsOn(app, owner, serviceId, 1)).toContain(at(1, '10:00'));
      expect(
        (await app.http.get(`/v1/admin/calendar/connections/${connectionId}`).set(owner.auth))
          .status,
      ).toBe(404);
    },
  );
});
