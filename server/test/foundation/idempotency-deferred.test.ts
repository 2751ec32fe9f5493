import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../bookings/fixtures';
import { poll } from '../support/child-process';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { expectError, ownerQuery, type Owner } from './helpers';

/**
 * The public booking claims its Idempotency-Key with its write (ADR 0008 §6): nothing is stored
 * for the key before the booking's transaction, so duplicates learn of each other at the write
 * (or when storing an answer that wrote nothing) and must still get the documented answers.
 */
let app: TestApp;
let owner: Owner;
let serviceId: string;
let path: string;
const HOLD = 80_881;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signupOwner(app);
  ({ serviceId } = await catalogue(app, owner));
  path = `/v1/public/tenants/${owner.slug}/bookings`;
}, 120_000);
afterAll(async () => app?.close());

let n = 0;
const newKey = () => `deferred-${Date.now()}-${++n}`;
/** Days ahead at an hour (UTC) inside the providers' hours, far from any notice limit. */
const slot = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
const body = (start: string, name = 'Deferred') => ({
  serviceId,
  start,
  customer: { name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.com` },
  timeZone: 'UTC',
});
const bookingsAt = (start: string) => ownerQuery<{ id: string }>(app, "SELECT id FROM bookings WHERE start_at = $1 AND status <> 'cancelled'", [start]);

describe('Idempotency-Key on the public booking (claim with the write)', () => {
  it('replays the 201, refuses another body with 422, and books once', async () => {
    const key = newKey();
    const b = body(slot(3, 9));
    const first = await app.http.post(path).set('Idempotency-Key', key).send(b);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await app.http.post(path).set('Idempotency-Key', key).send(b);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await app.http.post(path).set('Idempotency-Key', key).send(body(slot(3, 10)));
    expectError(other, 422, 'idempotency_key_reused');
    expect(await bookingsAt(b.start)).toHaveLength(1);
    expect(await bookingsAt(slot(3, 10))).toHaveLength(0);
    const [r] = await ownerQuery<{ response_status: number; locked_until: Date | null }>(
      app, 'SELECT response_status, locked_until FROM idempotency_records WHERE key = $1', [key]);
    expect(r).toEqual({ response_status: 201, locked_until: null });
  });

  it('stores and replays an answer that wrote nothing (409), keyed like any other', async () => {
    const start = slot(4, 9);
    await app.http.post(path).set('Idempotency-Key', newKey()).send(body(start, 'Taker')).expect(201);
    const key = newKey();
    const taken = await app.http.post(path).set('Idempotency-Key', key).send(body(start, 'Late'));
    expectError(taken, 409, 'slot_unavailable');
    const again = await app.http.post(path).set('Idempotency-Key', key).send(body(start, 'Late'));
    expectError(again, 409, 'slot_unavailable');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(taken.body);
  });

  it('20 concurrent duplicates: one booking, every one of them gets its 201', async () => {
    const key = newKey();
    const b = body(slot(5, 9), 'Burst');
    const all = await Promise.all(Array.from({ length: 20 }, () => app.http.post(path).set('Idempotency-Key', key).send(b)));
    const created = await bookingsAt(b.start);
    expect(created).toHaveLength(1);
    for (const r of all) {
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.id).toBe(created[0]!.id);
    }
    expect(all.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
  });

  it('a duplicate sent while the first holds its write uncommitted waits for it and replays it', async () => {
    const admin = new pg.Client({ connectionString: app.db.url });
    await admin.connect();
    try {
      await admin.query(`
        CREATE FUNCTION test_hold_deferred() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_xact_lock_shared(${HOLD}); RETURN NEW; END $$;
        CREATE TRIGGER test_hold_deferred AFTER INSERT ON bookings FOR EACH ROW EXECUTE FUNCTION test_hold_deferred();`);
      await admin.query('SELECT pg_advisory_lock($1)', [HOLD]);
      const key = newKey();
      const b = body(slot(6, 9), 'Held');
      const first = app.http.post(path).set('Idempotency-Key', key).send(b).then((r) => r);
      const waiting = () =>
        admin.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted", [HOLD]).then((r) => r.rows.length > 0);
      await poll(waiting);
      // (The trigger stays until the end: dropping it would wait for the held insert's transaction.)
      // The duplicate claims the key in its own write's transaction: it waits on the first one's row.
      const second = app.http.post(path).set('Idempotency-Key', key).send(b).then((r) => r);
      await poll(async () =>
        (await admin.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%idempotency_claim%'")).rows.length > 0);
      await admin.query('SELECT pg_advisory_unlock($1)', [HOLD]);
      const [one, two] = await Promise.all([first, second]);
      expect(one.status, JSON.stringify(one.body)).toBe(201);
      expect(two.status, JSON.stringify(two.body)).toBe(201);
      expect(two.headers['idempotent-replayed']).toBe('true');
      expect(two.body).toEqual(one.body);
      expect(await bookingsAt(b.start)).toHaveLength(1);
    } finally {
      await admin.query('SELECT pg_advisory_unlock_all()');
      await admin.query('DROP TRIGGER IF EXISTS test_hold_deferred ON bookings');
      await admin.end();
    }
  });
});
