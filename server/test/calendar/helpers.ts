import { expect } from 'vitest';
import { at, catalogue, manualClock, NOW, ownerQuery } from '../bookings/fixtures';
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google/server';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

export { at, ownerQuery };
export type Owner = Awaited<ReturnType<typeof signupOwner>>;

export const waitFor = async <T>(
  what: string,
  fn: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  ms = 30_000,
): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The app wired to the fake Google (through the official client), on a manual clock. */
export async function startCalendarApp(extraEnv: Record<string, string> = {}) {
  const clock = manualClock(NOW);
  const fake = await startFakeGoogle({ now: () => clock.now().getTime() });
  const app = await startTestApp(
    {
      PUBLIC_URL: 'https://book.example.com',
      GOOGLE_CLIENT_ID: fake.clientId,
      GOOGLE_CLIENT_SECRET: fake.clientSecret,
      GOOGLE_API_ROOT: fake.apiRoot,
      GOOGLE_OAUTH_ROOT: fake.oauthRoot,
      ...extraEnv,
    },
    { clock },
  );
  fake.pushOrigin = app.baseUrl;
  return { app, fake, clock };
}

/** Connects the provider's Google account through the API and the fake consent screen. */
export async function connect(app: TestApp, fake: FakeGoogle, owner: Owner, providerId: string) {
  const a = await app.http
    .post('/v1/admin/calendar/connections/authorize')
    .set(owner.auth)
    .send({ providerId, vendor: 'google' });
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  const { code, state, params } = fake.consent(a.body.url);
  const done = await app.http
    .post('/v1/admin/calendar/connections/complete')
    .set(owner.auth)
    .send({ code, state });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  return {
    connection: done.body as {
      id: string;
      busyCalendarIds: string[];
      bookingCalendarId: string | null;
      status: string;
    },
    params,
    code,
    state,
  };
}

/** What the connection routes answer, as the sync tests read it. */
export interface ConnectionView {
  status: string;
  lastSyncedAt: string | null;
  lastError: string | null;
  nextRenewalAt: string | null;
  nextPollAt: string | null;
  calendars: {
    calendarId: string;
    lastFullSyncAt: string | null;
    channelExpiresAt: string | null;
  }[];
}

export async function getConnection(app: TestApp, owner: Owner, connectionId: string) {
  const r = await app.http.get(`/v1/admin/calendar/connections/${connectionId}`).set(owner.auth);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as ConnectionView;
}

/** The busy time stored from Google for a business, earliest first. */
export const busyRows = (app: TestApp, owner: Owner) =>
  ownerQuery<{ external_id: string; start_at: Date; end_at: Date }>(
    app,
    'SELECT external_id, start_at, end_at FROM external_busy WHERE tenant_id = $1 ORDER BY start_at',
    [owner.tenantId],
  );

/** Every events.list the fake Google answered (full and incremental syncs). */
export const listCalls = (fake: FakeGoogle) =>
  fake.requests.filter((r) => r.method === 'GET' && /\/events$/.test(r.path));

/**
 * The two-way sync suites' start: the app on the fake Google, a business with one service and
 * provider, the jobs running. The provider is not connected yet.
 */
export async function startSyncSuite() {
  const { app, fake, clock } = await startCalendarApp();
  const { owner, serviceId, providerId } = await setup(app);
  await app.system.jobs.start();
  return { app, fake, clock, owner, serviceId, providerId, calendar: fake.account };
}

export async function setup(app: TestApp) {
  const owner = await signupOwner(app);
  const { serviceId, providerIds } = await catalogue(app, owner);
  return { owner, serviceId, providerId: providerIds[0]! };
}

/** Start times (ISO) of the public availability of a day (offset from the test's Monday). */
export async function slotsOn(
  app: TestApp,
  owner: Owner,
  serviceId: string,
  day: number,
): Promise<string[]> {
  const date = at(day, '00:00').slice(0, 10);
  const r = await app.http
    .get(`/v1/public/tenants/${owner.slug}/availability`)
    .query({ serviceId, from: date, to: date, timezone: 'UTC' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.days[0]?.slots ?? []).map((s: { start: string }) => s.start);
}

export const timed = (
  id: string,
  start: string,
  end: string,
  extra: Record<string, unknown> = {},
) => ({
  id,
  summary: id,
  start: { dateTime: start },
  end: { dateTime: end },
  ...extra,
});
