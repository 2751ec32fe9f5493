import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrateDatabase } from '../../src/compose';
import { startPgReplicaPair, type PgReplicaPair } from '../support/pg-replica';
import { urlFor } from '../support/pg-admin';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import pg from 'pg';

// A primary and an asynchronous streaming replica started by this file (initdb, pg_basebackup -R),
// the app on DATABASE_URL = primary and DATABASE_REPLICA_URL = replica. Pausing the replica's
// replay makes its lag as long as the test wants, deterministically.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let pair: PgReplicaPair;
let app: TestApp;
let owner: Awaited<ReturnType<typeof signupOwner>>;
let serviceId: string;
const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  pair = await startPgReplicaPair({ synchronous: false });
  const primaryUrl = urlFor('slotwise', pair.primaryAdminUrl);
  const admin = new pg.Client({ connectionString: pair.primaryAdminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE slotwise');
  await admin.end();
  await migrateDatabase(primaryUrl);
  await pair.caughtUp();
  app = await startTestApp(
    {},
    {
      database: {
        name: 'slotwise',
        url: primaryUrl,
        replicaUrl: pair.replicaUrlFor(primaryUrl),
        drop: async () => undefined,
      },
    },
  );
  owner = await signupOwner(app, { timeZone: 'UTC' });
  const provider = await app.http
    .post('/v1/admin/providers')
    .set(owner.auth)
    .send({ name: 'Pat', timeZone: 'UTC' });
  const intervals = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    startTime: '09:00',
    endTime: '17:00',
  }));
  await app.http
    .put(`/v1/admin/providers/${provider.body.id}/hours`)
    .set(owner.auth)
    .send({ intervals });
  const service = await app.http
    .post('/v1/admin/services')
    .set(owner.auth)
    .send({
      name: 'Cut',
      durationMinutes: 60,
      priceCents: 1000,
      currency: 'EUR',
      providerIds: [provider.body.id],
    });
  expect(service.status).toBe(201);
  serviceId = service.body.id;
  await pair.caughtUp();
});

afterAll(async () => {
  await pair?.resumeReplay().catch(() => undefined);
  await app?.close();
  await pair?.stop();
});

const slots = async () => {
  const r = await app.http
    .get(`/v1/public/tenants/${owner.slug}/availability`)
    .query({ serviceId, from: date, to: date });
  expect(r.status).toBe(200);
  return (r.body.days[0].slots as { start: string }[]).map((s) => s.start);
};
const book = (start: string, email = `c${Math.random().toString(36).slice(2)}@example.com`) =>
  app.http
    .post(`/v1/public/tenants/${owner.slug}/bookings`)
    .send({ serviceId, start, customer: { name: 'Cee', email }, timeZone: 'UTC' });
const at = (h: number) => `${date}T${String(h).padStart(2, '0')}:00:00.000Z`;
/** Polls until the replica-served answer matches what the primary knows. */
const eventually = async (check: () => Promise<boolean>) => {
  const end = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('the replica never caught up');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('availability and booking with a read replica', () => {
  it('serves availability and takes bookings', async () => {
    expect(await slots()).toContain(at(10));
    const r = await book(at(10));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await pair.caughtUp();
    expect(await slots()).not.toContain(at(10));
  });

  it('a lagging replica shows a taken slot as free, but booking it is still refused (the primary decides)', async () => {
    await pair.caughtUp();
    expect(await slots()).toContain(at(11)); // cached at the replica's current version
    await pair.pauseReplay();
    try {
      expect((await book(at(11))).status).toBe(201);
      // Read from the replica: the lag is visible (this is how we know reads go there)...
      expect(await slots()).toContain(at(11));
      // ...but the booking write re-checks on the primary.
      const again = await book(at(11));
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('slot_unavailable');
    } finally {
      await pair.resumeReplay();
    }
    // The cached answer was keyed by the replica's version, which replay moves on: no stale hit.
    await eventually(async () => !(await slots()).includes(at(11)));
  });

  it('a lagging replica shows a freed slot as taken, and booking it succeeds', async () => {
    const first = await book(at(13));
    expect(first.status).toBe(201);
    await pair.caughtUp();
    expect(await slots()).not.toContain(at(13));
    await pair.pauseReplay();
    try {
      const cancel = await app.http
        .post(`/v1/public/bookings/${first.body.manageToken}/cancel`)
        .send({});
      expect(cancel.status).toBe(200);
      expect(await slots()).not.toContain(at(13)); // lag: still shown taken
      expect((await book(at(13))).status).toBe(201); // the primary sees it free
    } finally {
      await pair.resumeReplay();
    }
    await pair.caughtUp();
    expect(await slots()).not.toContain(at(13));
  });

  it('reports and the customer list read from the replica; the booking just made is read back from the primary', async () => {
    await pair.caughtUp();
    const summary = async () => {
      const r = await app.http
        .get('/v1/admin/reports/summary')
        .set(owner.auth)
        .query({ from: date, to: date });
      expect(r.status).toBe(200);
      return r.body.bookings.total as number;
    };
    const before = await summary();
    await pair.pauseReplay();
    let id: string;
    try {
      const r = await book(at(15), 'late@example.com');
      expect(r.status).toBe(201);
      id = r.body.id;
      // A read that must see the write just committed: the booking itself, from the primary.
      const own = await app.http.get(`/v1/admin/bookings/${id}`).set(owner.auth);
      expect(own.status).toBe(200);
      // Lag-tolerant lists: not there yet.
      const list = await app.http
        .get('/v1/admin/customers')
        .set(owner.auth)
        .query({ search: 'late@example.com' });
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
      expect(await summary()).toBe(before);
    } finally {
      await pair.resumeReplay();
    }
    await eventually(async () => {
      const list = await app.http
        .get('/v1/admin/customers')
        .set(owner.auth)
        .query({ search: 'late@example.com' });
      return list.body.items?.length === 1;
    });
    expect(await summary()).toBe(before + 1);
  });
});
