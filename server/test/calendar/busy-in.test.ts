import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../support/fake-google/server';
import { signupOwner, type TestApp } from '../support/test-app';
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
beforeAll(async () => {
  ({ app, fake, clock, owner, serviceId, providerId, calendar } = await startSyncSuite());
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

describe('Google Calendar two-way sync against the fake Google, through the official client', () => {
  it(
    'connects by OAuth (offline, incremental scopes, sealed state) and stores the grant sealed',
    { timeout: 60_000 },
    async () => {
      // A meeting already in Google before the connect: the initial sync must see it.
      await fake.upsertEvent(calendar, timed('existing1', at(1, '09:00'), at(1, '10:00')));
      const { connection, params } = await connect(app, fake, owner, providerId);
      connectionId = connection.id;
      expect(params.get('access_type')).toBe('offline');
      expect(params.get('include_granted_scopes')).toBe('true');
      expect(params.get('scope')).toContain('https://www.googleapis.com/auth/calendar.events');
      expect(params.get('redirect_uri')).toBe('https://book.example.com/admin/calendars/callback');
      expect(connection).toMatchObject({
        status: 'active',
        busyCalendarIds: [calendar],
        bookingCalendarId: calendar,
      });

      const [row] = await ownerQuery<{ refresh_token: string; access_token: string | null }>(
        app,
        'SELECT refresh_token, access_token FROM calendar_connections WHERE id = $1',
        [connectionId],
      );
      expect(row!.refresh_token).toMatch(/^v1\./);
      expect(row!.access_token).toBeNull();
      for (const t of fake.refreshTokens) expect(row!.refresh_token).not.toContain(t.slice(6));
    },
  );

  it('refuses a forged, foreign or replayed OAuth state with 400 calendar_auth_failed, changing nothing', async () => {
    const a = await app.http
      .post('/v1/admin/calendar/connections/authorize')
      .set(owner.auth)
      .send({ providerId });
    const { code, state } = fake.consent(a.body.url);
    const forged = await app.http
      .post('/v1/admin/calendar/connections/complete')
      .set(owner.auth)
      .send({ code, state: `${state.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('calendar_auth_failed');
    const other = await signupOwner(app);
    const foreign = await app.http
      .post('/v1/admin/calendar/connections/complete')
      .set(other.auth)
      .send({ code, state });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('calendar_auth_failed');
    // The code is single-use at Google: a replay is refused by Google and surfaces as the same 400.
    expect(
      (
        await app.http
          .post('/v1/admin/calendar/connections/complete')
          .set(owner.auth)
          .send({ code, state })
      ).status,
    ).toBe(201);
    const replay = await app.http
      .post('/v1/admin/calendar/connections/complete')
      .set(owner.auth)
      .send({ code, state });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('calendar_auth_failed');
    const conns = await ownerQuery(
      app,
      'SELECT id FROM calendar_connections WHERE tenant_id = $1',
      [owner.tenantId],
    );
    expect(conns).toHaveLength(1);
    expect(
      await ownerQuery(app, 'SELECT id FROM calendar_connections WHERE tenant_id = $1', [
        other.tenantId,
      ]),
    ).toHaveLength(0);
    expect(
      (
        await app.http
          .post('/v1/admin/calendar/connections/authorize')
          .set(owner.auth)
          .send({ providerId: '00000000-0000-4000-8000-000000000000' })
      ).status,
    ).toBe(404);
  });

  it(
    'initial sync: existing events become busy time, a push channel is opened and answered',
    { timeout: 60_000 },
    async () => {
      await waitFor('the initial sync', async () => (await getConnection()).lastSyncedAt);
      await waitFor('existing busy', async () =>
        (await busyRows()).some((r) => r.external_id === `${calendar} existing1`),
      );
      expect(await slotsOn(app, owner, serviceId, 1)).not.toContain(at(1, '09:00'));
      const ch = fake.channels.find((c) => c.calendarId === calendar && !c.stopped)!;
      expect(ch.address).toBe('https://book.example.com/v1/webhooks/calendar/google');
      const c = await getConnection();
      expect(new Date(c.calendars[0]!.channelExpiresAt!).getTime()).toBe(ch.expiration);
      expect(c.nextRenewalAt).not.toBeNull();
      // A push with a wrong token (or for an unknown channel) is refused and queues nothing.
      const bad = await app.http.post('/v1/webhooks/calendar/google').set({
        'X-Goog-Channel-ID': ch.id,
        'X-Goog-Channel-Token': `${owner.tenantId}.forged`,
        'X-Goog-Resource-State': 'exists',
      });
      expect(bad.status).toBe(404);
      const none = await app.http
        .post('/v1/webhooks/calendar/google')
        .set({ 'X-Goog-Channel-ID': 'nope', 'X-Goog-Channel-Token': 'garbage' });
      expect(none.status).toBe(404);
    },
  );

  it(
    'a push then an incremental sync (syncToken): a busy event added in Google removes the slot',
    { timeout: 60_000 },
    async () => {
      expect(await slotsOn(app, owner, serviceId, 1)).toContain(at(1, '10:00'));
      const before = listCalls().length;
      await fake.upsertEvent(calendar, timed('dentist', at(1, '10:00'), at(1, '11:00')));
      await waitFor(
        'the slot to disappear',
        async () => !(await slotsOn(app, owner, serviceId, 1)).includes(at(1, '10:00')),
      );
      const incremental = listCalls().slice(before);
      expect(incremental.length).toBeGreaterThan(0);
      expect(incremental.every((r) => r.query.get('syncToken'))).toBe(true);

      // Google's semantics: "free" (transparent) events and declined invitations do not block,
      // an opaque all-day event blocks the whole day, a transparent one does not.
      await fake.upsertEvent(
        calendar,
        timed('free', at(1, '12:00'), at(1, '13:00'), { transparency: 'transparent' }),
      );
      await fake.upsertEvent(
        calendar,
        timed('declined', at(1, '13:00'), at(1, '14:00'), {
          attendees: [{ email: calendar, self: true, responseStatus: 'declined' }],
        }),
      );
      await fake.upsertEvent(calendar, {
        id: 'holiday',
        start: { date: at(2, '00:00').slice(0, 10) },
        end: { date: at(3, '00:00').slice(0, 10) },
        transparency: 'opaque',
      });
      await fake.upsertEvent(calendar, {
        id: 'birthday',
        start: { date: at(3, '00:00').slice(0, 10) },
        end: { date: at(4, '00:00').slice(0, 10) },
        transparency: 'transparent',
      });
      await fake.upsertEvent(calendar, timed('sentinel', at(1, '16:00'), at(1, '17:00')));
      await waitFor(
        'the sentinel',
        async () => !(await slotsOn(app, owner, serviceId, 1)).includes(at(1, '16:00')),
      );
      const day1 = await slotsOn(app, owner, serviceId, 1);
      expect(day1).toContain(at(1, '12:00'));
      expect(day1).toContain(at(1, '13:00'));
      // The holiday is a whole day in the calendar's zone (Europe/London = UTC in January).
      expect(await slotsOn(app, owner, serviceId, 2)).toEqual([]);
      expect((await slotsOn(app, owner, serviceId, 3)).length).toBe(8);
      // Moved and deleted in Google: the busy time follows.
      await fake.removeEvent(calendar, 'sentinel');
      await waitFor('the sentinel slot back', async () =>
        (await slotsOn(app, owner, serviceId, 1)).includes(at(1, '16:00')),
      );
    },
  );

  it(
    '410 fullSyncRequired: a full resync replaces the busy time',
    { timeout: 60_000 },
    async () => {
      const fullBefore = (await getConnection()).calendars[0]!.lastFullSyncAt;
      fake.expireSyncTokens();
      clock.set(at(0, '08:01'));
      await fake.upsertEvent(calendar, timed('after410', at(1, '14:00'), at(1, '15:00')));
      await waitFor(
        'the 14:00 slot to go',
        async () => !(await slotsOn(app, owner, serviceId, 1)).includes(at(1, '14:00')),
      );
      expect(fake.requests.some((r) => r.query.get('syncToken')?.startsWith('st.0.'))).toBe(true);
      const c = await getConnection();
      expect(c.calendars[0]!.lastFullSyncAt).not.toBe(fullBefore);
      // Nothing lost or doubled by the resync.
      const rows = await busyRows();
      expect(new Set(rows.map((r) => r.external_id)).size).toBe(rows.length);
      expect(rows.map((r) => r.external_id.split(' ')[1]).sort()).toEqual([
        'after410',
        'dentist',
        'existing1',
        'holiday',
      ]);
    },
  );

  it('a missed push is caught by the 15-minute polling fallback', { timeout: 60_000 }, async () => {
    fake.dropPushes = true;
    await fake.upsertEvent(calendar, timed('missed', at(1, '15:00'), at(1, '16:00')));
    // Not due yet: the scheduler queues nothing and the slot is still offered.
    expect((await app.system.services.calendar.tick()).syncs).toBe(0);
    expect(await slotsOn(app, owner, serviceId, 1)).toContain(at(1, '15:00'));
    clock.set(at(0, '08:17'));
    expect((await app.system.services.calendar.tick()).syncs).toBe(1);
    await waitFor(
      'the poll to catch it',
      async () => !(await slotsOn(app, owner, serviceId, 1)).includes(at(1, '15:00')),
    );
    fake.dropPushes = false;
  });

  it(
    'a refused push channel (Google wants public https) leaves polling in charge, shown on the connection',
    { timeout: 60_000 },
    async () => {
      const prov = await app.http
        .post('/v1/admin/providers')
        .set(owner.auth)
        .send({ name: 'Sam', timeZone: 'UTC' });
      expect(prov.status).toBe(201);
      fake.failNext(
        /^POST \/calendar\/v3\/calendars\/[^/]+\/events\/watch$/,
        { status: 400, reason: 'invalid' },
        1,
      );
      const { connection } = await connect(app, fake, owner, prov.body.id);
      const get = async () =>
        (await app.http.get(`/v1/admin/calendar/connections/${connection.id}`).set(owner.auth))
          .body;
      await waitFor('synced without push', async () => (await get()).lastSyncedAt);
      const c = await get();
      expect(c.status).toBe('active');
      expect(c.lastError).toMatch(/^push channel refused/);
      // Not retried on every scheduler pass: nothing is due for this connection now.
      const due = await app.system.services.calendar.tick();
      expect(due.syncs).toBe(0);
    },
  );
});
