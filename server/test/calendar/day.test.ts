import { calendar as googleCalendar } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book } from '../bookings/fixtures';
import { bookingEventId } from '../../src/domain/calendar';
import type { FakeGoogle } from '../support/fake-google/server';
import type { TestApp } from '../support/test-app';
import {
  at,
  connect,
  ownerQuery,
  setup,
  slotsOn,
  startCalendarApp,
  timed,
  waitFor,
  type Owner,
} from './helpers';

/**
 * A scripted day on the fake Google: external changes (added, moved, deleted, declined, on a
 * second calendar, one after the sync tokens expired, one whose push was lost) interleaved with
 * bookings made, moved and cancelled. At the end the busy time equals Google's own freeBusy (read
 * through the official client) minus our booking events, every booking is in the calendar as it
 * is, and more syncs and scheduler passes write nothing more (no loop).
 */
let app: TestApp;
let fake: FakeGoogle;
let clock: { now(): Date; set(iso: string): void };
let owner: Owner;
let serviceId = '';
let providerId = '';
const TEAM = 'team@group.calendar.google.com';

beforeAll(async () => {
  ({ app, fake, clock } = await startCalendarApp());
  ({ owner, serviceId, providerId } = await setup(app));
  await app.system.jobs.start();
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const busyIds = async () =>
  (
    await ownerQuery<{ external_id: string }>(
      app,
      'SELECT external_id FROM external_busy WHERE tenant_id = $1',
      [owner.tenantId],
    )
  ).map((r) => r.external_id);
const writes = () =>
  fake.requests.filter(
    (r) => r.method !== 'GET' && /\/events(\/[^/]+)?$/.test(r.path) && !r.path.endsWith('/watch'),
  ).length;

describe('a scripted day against the fake Google', () => {
  it(
    'reflects every external change and every booking, and settles without a loop',
    // Each wait below has its own named deadline; the test's only bounds their sum on a loaded
    // CI box (the whole suite runs beside it on two cores).
    { timeout: 300_000 },
    async () => {
      const acc = fake.account;
      const { connection } = await connect(app, fake, owner, providerId);
      const patch = await app.http
        .patch(`/v1/admin/calendar/connections/${connection.id}`)
        .set(owner.auth)
        .send({ busyCalendarIds: [acc, TEAM] });
      expect(patch.status, JSON.stringify(patch.body)).toBe(200);
      await waitFor('two channels', () => fake.channels.filter((c) => !c.stopped).length >= 2);

      const step = async (minutes: number) =>
        clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());
      const gone = (day: number, time: string) =>
        waitFor(
          `${time} on day ${day} taken`,
          async () => !(await slotsOn(app, owner, serviceId, day)).includes(at(day, time)),
        );
      const back = (day: number, time: string) =>
        waitFor(`${time} on day ${day} free`, async () =>
          (await slotsOn(app, owner, serviceId, day)).includes(at(day, time)),
        );

      await fake.upsertEvent(acc, timed('standup', at(1, '09:00'), at(1, '10:00')));
      await gone(1, '09:00');
      const b1 = await book(app, owner, serviceId, at(1, '11:00'));
      await step(10);
      await fake.upsertEvent(TEAM, timed('offsite', at(1, '13:00'), at(1, '15:00')));
      await gone(1, '13:00');
      await gone(1, '14:00');
      const b2 = await book(app, owner, serviceId, at(2, '10:00'));
      await fake.upsertEvent(acc, timed('standup', at(1, '09:00'), at(1, '09:30')));
      await fake.upsertEvent(acc, timed('dentist', at(2, '15:00'), at(2, '16:00')));
      await gone(2, '15:00');
      await step(10);
      expect(
        (
          await app.http
            .post(`/v1/admin/bookings/${b2.id}/reschedule`)
            .set(owner.auth)
            .send({ start: at(2, '12:00') })
        ).status,
      ).toBe(200);
      await fake.upsertEvent(acc, timed('dentist', at(2, '16:00'), at(2, '17:00')));
      await back(2, '15:00');
      await fake.upsertEvent(
        acc,
        timed('declined', at(3, '09:00'), at(3, '10:00'), {
          attendees: [{ email: acc, self: true, responseStatus: 'declined' }],
        }),
      );
      const b3 = await book(app, owner, serviceId, at(3, '11:00'));
      fake.expireSyncTokens();
      await fake.upsertEvent(acc, timed('lunch', at(3, '12:00'), at(3, '13:00')));
      await gone(3, '12:00');
      expect(
        (
          await app.http
            .post(`/v1/admin/bookings/${b1.id}/cancel`)
            .set(owner.auth)
            .send({ reason: 'ill' })
        ).status,
      ).toBe(200);
      await fake.removeEvent(TEAM, 'offsite');
      await back(1, '13:00');
      fake.dropPushes = true;
      await fake.upsertEvent(acc, timed('gym', at(3, '16:00'), at(3, '17:00')));
      fake.dropPushes = false;
      await step(16);
      await app.system.services.calendar.tick();
      await gone(3, '16:00');
      const b4 = await book(app, owner, serviceId, at(3, '14:00'));
      await fake.removeEvent(acc, 'standup');
      await back(1, '09:00');

      // Settled: every booking row clean.
      await waitFor('all bookings written', async () => {
        const [r] = await ownerQuery<{ dirty: number; rows: number; undispatched: number }>(
          app,
          `SELECT (SELECT count(*)::int FROM calendar_booking_events WHERE tenant_id = $1 AND dirty) AS dirty,
                (SELECT count(*)::int FROM calendar_booking_events WHERE tenant_id = $1) AS rows,
                (SELECT count(*)::int FROM outbox_events WHERE tenant_id = $1 AND dispatched_at IS NULL) AS undispatched`,
          [owner.tenantId],
        );
        return r!.dirty === 0 && r!.rows === 4 && r!.undispatched === 0;
      });

      // Busy time = Google's freeBusy (official client) minus our own booking events.
      const auth = new OAuth2Client({
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        endpoints: { oauth2TokenUrl: `${fake.oauthRoot}/token` },
      });
      auth.setCredentials({
        refresh_token: [...fake.refreshTokens].find((t) => !fake.revokedTokens.has(t))!,
      });
      const fb = await googleCalendar({
        version: 'v3',
        auth,
        rootUrl: fake.apiRoot,
      }).freebusy.query({
        requestBody: {
          timeMin: at(0, '00:00'),
          timeMax: at(7, '00:00'),
          items: [{ id: acc }, { id: TEAM }],
        },
      });
      const ours = new Set(
        [b1, b2, b3, b4].map(
          (b) =>
            `${new Date(fake.calendars.get(acc)!.events.get(bookingEventId(b.id))?.start.dateTime ?? 0).toISOString()}`,
        ),
      );
      const google = Object.values(fb.data.calendars!)
        .flatMap((c) => c.busy!)
        .filter((x) => !ours.has(new Date(x.start!).toISOString()))
        .map((x) => `${new Date(x.start!).toISOString()}/${new Date(x.end!).toISOString()}`)
        .sort();
      const stored = (
        await ownerQuery<{ s: Date; e: Date }>(
          app,
          'SELECT start_at AS s, end_at AS e FROM external_busy WHERE tenant_id = $1',
          [owner.tenantId],
        )
      )
        .map((r) => `${r.s.toISOString()}/${r.e.toISOString()}`)
        .sort();
      expect(stored).toEqual(google);
      expect(stored).toEqual([
        `${at(2, '16:00')}/${at(2, '17:00')}`,
        `${at(3, '12:00')}/${at(3, '13:00')}`,
        `${at(3, '16:00')}/${at(3, '17:00')}`,
      ]);

      // Every booking as it is now: b1 cancelled → deleted, b2 moved, b3 and b4 there.
      const ev = (id: string) => fake.calendars.get(acc)!.events.get(bookingEventId(id));
      expect(ev(b1.id)?.status).toBe('cancelled');
      expect(new Date(ev(b2.id)!.start.dateTime!).toISOString()).toBe(at(2, '12:00'));
      expect(ev(b3.id)?.status).toBe('confirmed');
      expect(ev(b4.id)?.status).toBe('confirmed');
      expect(ev(b2.id)?.status).toBe('confirmed');

      // No loop: more polls, syncs and scheduler passes write nothing to Google and change no busy time.
      const before = { writes: writes(), busy: (await busyIds()).sort() };
      for (let i = 0; i < 3; i++) {
        await step(16);
        await app.system.services.calendar.tick();
        const want = clock.now().toISOString();
        await waitFor('the poll', async () => {
          const r = await app.http
            .get(`/v1/admin/calendar/connections/${connection.id}`)
            .set(owner.auth);
          return r.body.lastSyncedAt === want;
        });
      }
      expect(writes()).toBe(before.writes);
      expect((await busyIds()).sort()).toEqual(before.busy);

      // Six and a half days on, the channels are within a day of expiring: the scheduler renews
      // them (new channels watched, the old ones stopped), and pushes on the new ones are honoured.
      const old = fake.channels.filter((c) => !c.stopped).map((c) => c.id);
      expect(old).toHaveLength(2);
      clock.set(new Date(clock.now().getTime() + 6.5 * 86_400_000).toISOString());
      // Each tick re-plans what is due (idempotent). A tick's job id carries its minute, so the
      // clock moves on a minute every few seconds of waiting: a renewal job that ended without
      // renewing (its retries spent on a loaded box) is planned again instead of deduplicated.
      let moved = Date.now();
      await waitFor(
        'renewed channels',
        async () => {
          if (Date.now() - moved > 5_000) {
            moved = Date.now();
            await step(1);
          }
          await app.system.services.calendar.tick();
          return fake.channels.filter((c) => !c.stopped && !old.includes(c.id)).length === 2;
        },
        120_000,
      );
      await waitFor('old channels stopped', () =>
        fake.channels.filter((c) => old.includes(c.id)).every((c) => c.stopped),
      );
      const renewed = await app.http
        .get(`/v1/admin/calendar/connections/${connection.id}`)
        .set(owner.auth);
      expect(new Date(renewed.body.nextRenewalAt).getTime()).toBeGreaterThan(clock.now().getTime());
      await fake.upsertEvent(acc, timed('later', at(14, '10:00'), at(14, '11:00')));
      await waitFor('pushed on the new channel', async () =>
        (await busyIds()).includes(`${acc} later`),
      );
    },
  );
});
