import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, catalogue, startBookingApp, at } from '../bookings/fixtures';
import { loadConfig } from '../../src/config';
import { signupOwner, type TestApp } from '../support/test-app';
import { ownerQuery, waitFor } from './helpers';
import { addMember } from '../foundation/helpers';

/** Without GOOGLE_CLIENT_ID (the embedded default) the local calendar adapter plays Google. */
let app: TestApp;
beforeAll(async () => {
  ({ app } = await startBookingApp());
  await app.system.jobs.start();
});
afterAll(async () => app?.close());

describe('the local calendar adapter', () => {
  it(
    'connects without a consent screen, lists its one calendar and takes the bookings',
    { timeout: 60_000 },
    async () => {
      const owner = await signupOwner(app);
      const { serviceId, providerIds } = await catalogue(app, owner);
      const a = await app.http
        .post('/v1/admin/calendar/connections/authorize')
        .set(owner.auth)
        .send({ providerId: providerIds[0] });
      expect(a.status).toBe(200);
      const url = new URL(a.body.url);
      expect(`${url.origin}${url.pathname}`).toBe(
        'https://book.example.com/admin/calendars/callback',
      );
      const done = await app.http
        .post('/v1/admin/calendar/connections/complete')
        .set(owner.auth)
        .send({ code: url.searchParams.get('code'), state: url.searchParams.get('state') });
      expect(done.status, JSON.stringify(done.body)).toBe(201);
      expect(done.body).toMatchObject({
        accountEmail: 'local@slotwise.local',
        bookingCalendarId: 'local',
        busyCalendarIds: ['local'],
      });
      const cals = await app.http
        .get(`/v1/admin/calendar/connections/${done.body.id}/calendars`)
        .set(owner.auth);
      expect(cals.body.items).toEqual([
        {
          id: 'local',
          name: 'Local calendar (this process)',
          primary: true,
          writable: true,
          timeZone: 'UTC',
        },
      ]);
      const b = await book(app, owner, serviceId, at(1, '10:00'));
      await waitFor(
        'written locally',
        async () =>
          (
            await ownerQuery<{ written: boolean }>(
              app,
              'SELECT written FROM calendar_booking_events WHERE booking_id = $1',
              [b.id],
            )
          )[0]?.written,
      );
      await waitFor(
        'synced',
        async () =>
          (await app.http.get(`/v1/admin/calendar/connections/${done.body.id}`).set(owner.auth))
            .body.lastSyncedAt,
      );
      // API keys cannot call these routes (a human connects a calendar).
      const key = await app.http
        .post('/v1/admin/api-keys')
        .set(owner.auth)
        .send({ name: 'k', mode: 'test', scopes: ['read', 'write'] });
      expect(key.status, JSON.stringify(key.body)).toBe(201);
      const viaKey = await app.http
        .get('/v1/admin/calendar/connections')
        .set({ Authorization: `Bearer ${key.body.secret}` });
      expect(viaKey.status).toBe(403);
      // A grant sealed under another key (SECRETS_KEY rotated): the connection is marked broken, not a crash.
      await ownerQuery(
        app,
        "UPDATE calendar_connections SET refresh_token = 'v1.' || encode(gen_random_bytes(40), 'base64') WHERE id = $1",
        [done.body.id],
      ).catch(async () =>
        ownerQuery(
          app,
          "UPDATE calendar_connections SET refresh_token = 'v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE id = $1",
          [done.body.id],
        ),
      );
      await app.system.services.calendar.syncConnection(owner.tenantId, done.body.id);
      const broken = await app.http
        .get(`/v1/admin/calendar/connections/${done.body.id}`)
        .set(owner.auth);
      expect(broken.body).toMatchObject({
        status: 'broken',
        lastError: 'the stored grant cannot be opened with the current SECRETS_KEY',
      });
      const d = await app.http
        .delete(`/v1/admin/calendar/connections/${done.body.id}`)
        .set(owner.auth);
      expect(d.status).toBe(200);
      expect(
        await ownerQuery(app, 'SELECT id FROM calendar_connections WHERE id = $1', [done.body.id]),
      ).toEqual([]);
    },
  );

  it(
    'lets staff connect only the calendar of the provider linked to their login; viewers not at all',
    { timeout: 60_000 },
    async () => {
      const owner = await signupOwner(app);
      const { providerIds } = await catalogue(app, owner, { providers: 2 });
      const staff = await addMember(app, owner, 'staff');
      const viewer = await addMember(app, owner, 'viewer');
      await ownerQuery(app, 'UPDATE providers SET user_id = $1 WHERE id = $2', [
        staff.userId,
        providerIds[0],
      ]);
      const authorize = (auth: Record<string, string>, providerId: string) =>
        app.http.post('/v1/admin/calendar/connections/authorize').set(auth).send({ providerId });
      expect((await authorize(staff.auth, providerIds[0]!)).status).toBe(200);
      const other = await authorize(staff.auth, providerIds[1]!);
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('forbidden');
      expect((await authorize(viewer.auth, providerIds[0]!)).status).toBe(403);
      // The admin's state cannot be completed by the staff member (bound to the user who started it).
      const a = await authorize(owner.auth, providerIds[1]!);
      const u = new URL(a.body.url);
      const stolen = await app.http
        .post('/v1/admin/calendar/connections/complete')
        .set(staff.auth)
        .send({ code: u.searchParams.get('code'), state: u.searchParams.get('state') });
      expect(stolen.status).toBe(400);
      expect(stolen.body.error.code).toBe('calendar_auth_failed');
      expect(
        await ownerQuery(app, 'SELECT id FROM calendar_connections WHERE tenant_id = $1', [
          owner.tenantId,
        ]),
      ).toEqual([]);
    },
  );

  it('refuses a Google client id without its secret at start-up', () => {
    expect(() => loadConfig({ GOOGLE_CLIENT_ID: 'x' })).toThrow(
      /GOOGLE_CLIENT_ID \/ GOOGLE_CLIENT_SECRET/,
    );
  });
});
