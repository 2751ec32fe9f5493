import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAvailabilityVersions } from '../../src/adapters/postgres/availability-versions';
import { SlotCache } from '../../src/app/availability';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import {
  insertBooking,
  localTimes,
  manualClock,
  type AvailabilityDto,
} from './availability-fixtures';
import { createProvider, createService, everyDay, putHours } from './catalogue-fixtures';

const clock = manualClock('2026-06-01T06:00:00Z');
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, { clock });
});
afterAll(async () => app?.close());

async function availability(slug: string, query: Record<string, string>) {
  const res = await app.http.get(`/v1/public/tenants/${slug}/availability`).query(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as AvailabilityDto;
}

/** SQL as the database owner; `silently` skips triggers (session_replication_role = replica). */
async function ownerSql(sql: string, params: unknown[] = [], silently = false) {
  const c = new pg.Client({ connectionString: app.db.url });
  await c.connect();
  try {
    if (silently) await c.query('SET session_replication_role = replica');
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

async function setup() {
  const owner = await signupOwner(app);
  const provider = await createProvider(app, owner);
  await putHours(app, owner, provider.id, everyDay('09:00', '12:00'));
  const service = await createService(app, owner, {
    durationMinutes: 60,
    providerIds: [provider.id],
  });
  return {
    owner,
    provider,
    service,
    q: { serviceId: service.id, from: '2026-06-10', to: '2026-06-10' },
  };
}

describe('availability version', () => {
  it('grows with every committed change, from the API or straight SQL, and leaves no tenant behind on the connection', async () => {
    const { owner, provider, service } = await setup();
    const versions = pgAvailabilityVersions(app.system.db.pool);
    const current = async () => Number(await versions.current(owner.tenantId));
    const v0 = await current();
    expect(v0).toBeGreaterThan(0); // the setup wrote providers, hours and a service
    await app.http
      .post('/v1/admin/blackouts')
      .set(owner.auth)
      .send({ name: 'x', startDate: '2026-07-01', endDate: '2026-07-01' });
    const v1 = await current();
    expect(v1).toBe(v0 + 1); // one transaction, one bump, however many rows
    await putHours(app, owner, provider.id, everyDay('09:00', '13:00')); // 7 deleted + 7 inserted rows
    const v2 = await current();
    expect(v2).toBe(v1 + 1);
    await insertBooking(app, owner.tenantId, {
      serviceId: service.id,
      providerId: provider.id,
      start: '2026-06-10T08:00:00Z',
      end: '2026-06-10T09:00:00Z',
    });
    expect(await current()).toBeGreaterThan(v2);
    const v3 = await current();
    await ownerSql(`UPDATE bookings SET status = 'cancelled' WHERE tenant_id = $1`, [
      owner.tenantId,
    ]);
    expect(await current()).toBeGreaterThan(v3);
    const v4 = await current();
    await app.http.patch('/v1/admin/tenant').set(owner.auth).send({ brandColor: '#000000' }); // not the zone
    expect(await current()).toBe(v4);
    await app.http.patch('/v1/admin/tenant').set(owner.auth).send({ timeZone: 'Asia/Tokyo' });
    expect(await current()).toBeGreaterThan(v4);
    // Another tenant's counter is separate; the pooled connections keep no tenant set.
    const other = await signupOwner(app);
    expect(await versions.current(other.tenantId)).toBe('0');
    const leaked = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.system.db.pool.query<{ t: string | null }>(
          `SELECT NULLIF(current_setting('app.tenant_id', true), '') AS t`,
        ),
      ),
    );
    expect(leaked.map((r) => r.rows[0]!.t)).toEqual(Array(20).fill(null));
    await expect(versions.current("x'; DROP TABLE bookings; --")).rejects.toThrow(RangeError);
  });
});

describe('cached availability', () => {
  it('serves repeated queries from the cache and recomputes after any committed change', async () => {
    const { owner, provider, q } = await setup();
    clock.set('2026-06-01T06:00:00Z');
    expect(localTimes(await availability(owner.slug, q))).toEqual({
      '2026-06-10': ['09:00', '10:00', '11:00'],
    });
    // A change that skips the triggers is invisible to the version: the cached answer comes back.
    await ownerSql(`UPDATE providers SET active = false WHERE id = $1`, [provider.id], true);
    expect(localTimes(await availability(owner.slug, q))).toEqual({
      '2026-06-10': ['09:00', '10:00', '11:00'],
    });
    // Any normal write bumps the version, and the next answer sees the real state.
    await ownerSql(`UPDATE providers SET bio = 'hello' WHERE id = $1`, [provider.id]);
    expect(localTimes(await availability(owner.slug, q))).toEqual({ '2026-06-10': [] });
  });

  it('reflects a booking committed by anyone right away', async () => {
    const { owner, provider, service, q } = await setup();
    clock.set('2026-06-01T06:00:00Z');
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual([
      '09:00',
      '10:00',
      '11:00',
    ]);
    await insertBooking(app, owner.tenantId, {
      serviceId: service.id,
      providerId: provider.id,
      start: '2026-06-10T09:00:00Z',
      end: '2026-06-10T10:00:00Z',
    });
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual(['09:00', '11:00']);
  });

  it('drops an answer once its first slot falls inside the minimum notice, and never serves one computed in the future', async () => {
    const { owner, service, q } = await setup();
    await app.http
      .patch(`/v1/admin/services/${service.id}`)
      .set(owner.auth)
      .send({ minNoticeMinutes: 60 });
    clock.set('2026-06-10T06:00:00Z');
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual([
      '09:00',
      '10:00',
      '11:00',
    ]);
    clock.set('2026-06-10T07:00:00Z'); // 09:00 London = 08:00Z is exactly 60 min away: still bookable
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual([
      '09:00',
      '10:00',
      '11:00',
    ]);
    clock.set('2026-06-10T07:00:01Z');
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual(['10:00', '11:00']);
    clock.set('2026-06-10T06:00:00Z'); // back in time: the later answer must not be reused
    expect(localTimes(await availability(owner.slug, q))['2026-06-10']).toEqual([
      '09:00',
      '10:00',
      '11:00',
    ]);
  });

  it('keys answers by everything in the query', async () => {
    const { owner, q } = await setup();
    clock.set('2026-06-01T06:00:00Z');
    const london = await availability(owner.slug, q);
    const tokyo = await availability(owner.slug, { ...q, timezone: 'Asia/Tokyo' });
    expect(london.timeZone).toBe('Europe/London');
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    expect(localTimes(tokyo)).toEqual({ '2026-06-10': ['17:00', '18:00', '19:00'] });
    expect(localTimes(await availability(owner.slug, { ...q, to: '2026-06-11' }))).toEqual({
      '2026-06-10': ['09:00', '10:00', '11:00'],
      '2026-06-11': ['09:00', '10:00', '11:00'],
    });
    // The provider detail too (ADR 0021): counts, then ids, then counts again, each as asked.
    const slots = async (extra: Record<string, string>) =>
      (await availability(owner.slug, { ...q, ...extra })).days[0]!.slots[0]!;
    expect((await slots({})).providerIds).toBeUndefined();
    expect((await slots({ providers: 'ids' })).providerIds).toHaveLength(1);
    expect((await slots({ providers: 'count' })).providerIds).toBeUndefined();
    expect((await slots({})).providerCount).toBe(1);
  });
  it('follows a change of the business zone when the visitor gives none', async () => {
    const { owner, q } = await setup();
    clock.set('2026-06-01T06:00:00Z');
    expect((await availability(owner.slug, q)).timeZone).toBe('Europe/London');
    const patched = await app.http
      .patch('/v1/admin/tenant')
      .set(owner.auth)
      .send({ timeZone: 'Asia/Tokyo' });
    expect(patched.status).toBe(200);
    const tokyo = await availability(owner.slug, q);
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    expect(localTimes(tokyo)).toEqual({ '2026-06-10': ['17:00', '18:00', '19:00'] });
  });
});

describe('SlotCache', () => {
  const result = (n: number, size = 10) => Buffer.from(`s${n}`.padEnd(size, '.'));
  const tag = (b: Buffer | undefined) => b?.toString().replace(/\.+$/, '');
  it('evicts the least recently used entry and honours version, validity and age', () => {
    const cache = new SlotCache(1_000_000, 1000, 2);
    cache.set('a', '1', 100, Infinity, result(1));
    cache.set('b', '1', 100, Infinity, result(2));
    expect(tag(cache.get('a', '1', 100))).toBe('s1'); // a is now the most recent
    cache.set('c', '1', 100, Infinity, result(3));
    expect(cache.get('b', '1', 100)).toBeUndefined();
    expect(tag(cache.get('a', '1', 100))).toBe('s1');
    expect(cache.get('a', '2', 100)).toBeUndefined(); // another version drops it
    expect(cache.get('a', '1', 100)).toBeUndefined();
    cache.set('d', '1', 100, 500, result(4));
    expect(tag(cache.get('d', '1', 500))).toBe('s4');
    expect(cache.get('d', '1', 501)).toBeUndefined();
    cache.set('e', '1', 100, Infinity, result(5));
    expect(tag(cache.get('e', '1', 1100))).toBe('s5');
    expect(cache.get('e', '1', 1101)).toBeUndefined(); // max age
    cache.set('f', '1', 100, Number.NEGATIVE_INFINITY, result(6)); // not cacheable
    expect(cache.get('f', '1', 100)).toBeUndefined();
  });

  it('is bounded by bytes, whatever the number of entries', () => {
    const cache = new SlotCache(100_000, 60_000);
    for (let i = 0; i < 1_000; i++) cache.set(`k${i}`, '1', 0, Infinity, result(i, 5_000));
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    expect(cache.size).toBe(Math.floor(100_000 / (5_000 + 2 * 'k999'.length + 200)));
    expect(tag(cache.get('k999', '1', 0))).toBe('s999'); // the newest stay
    expect(cache.get('k0', '1', 0)).toBeUndefined();
    // One answer bigger than a quarter of the budget is not cached at all.
    cache.set('huge', '1', 0, Infinity, result(0, 30_000));
    expect(cache.get('huge', '1', 0)).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
  });
});
