import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { at, bookingBody, catalogue } from '../bookings/fixtures';
import { poll } from '../support/child-process';
import { expectError } from '../foundation/helpers';
import { ownerQuery, paidService, startPaymentsApp, type PayEnv } from './fixtures';

// A duplicate of a keyed public booking whose first attempt outlives the 15 s a duplicate waits
// (ADR 0008 §6). Both cases wait those 15 s in real time: the wait, the claim's lock_timeout and
// the Prisma transaction's timeout are fixed, and the race is in how they end together.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

let e: PayEnv;
let admin: pg.Client;
let path: string;
beforeAll(async () => {
  e = await startPaymentsApp();
  admin = new pg.Client({ connectionString: e.app.db.url });
  await admin.connect();
  path = `/v1/public/tenants/${e.owner.slug}/bookings`;
});
afterAll(async () => {
  await admin?.end();
  await e?.app.close();
  await e?.fake.close();
});

/** The test's own session lock: a trigger waiting on it holds a request's statement in place. */
const GATE = 80_917;
const ONE_CLAIM = 80_918;
const gateWaiter = async () =>
  (
    await admin.query(
      "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted",
      [GATE],
    )
  ).rows.length > 0;
const rowsAt = (start: string) =>
  ownerQuery<{ id: string; intent_id: string | null }>(
    e.app,
    "SELECT b.id, p.intent_id FROM bookings b LEFT JOIN booking_payments p ON p.booking_id = b.id WHERE b.start_at = $1 AND b.status <> 'cancelled'",
    [start],
  );

/** Sends the booking with the key, as a promise of its response (not a lazy supertest chain). */
const sender = (key: string, body: object) => () =>
  e.app.http
    .post(path)
    .set('Idempotency-Key', key)
    .send(body)
    .then((r) => r);

describe('a keyed booking whose first attempt runs past the duplicate’s wait', () => {
  it('deposit (claim in the Prisma transaction): the duplicate whose claim is granted after its transaction expired answers 409 idempotency_in_progress; one booking, one payment', async () => {
    const serviceId = await paidService(e, { mode: 'percent_deposit', depositValue: 20 });
    const key = 'held-deposit';
    const body = bookingBody(serviceId, at(2, '10:00'));
    const send = sender(key, body);
    // The duplicate's transaction opens first but its claim arrives after the first attempt's
    // (two simultaneous sends, stretched by the gate): it is granted only when the first attempt's
    // transaction times out, later than its own transaction's 15 s.
    await admin.query(`
      CREATE FUNCTION test_late_claim() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v text;
      BEGIN
        IF NEW.key = '${key}' AND pg_try_advisory_xact_lock(${ONE_CLAIM}) THEN
          v := current_setting('lock_timeout');
          PERFORM set_config('lock_timeout', '0', true);
          PERFORM pg_advisory_xact_lock_shared(${GATE});
          PERFORM set_config('lock_timeout', v, true);
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_late_claim BEFORE INSERT ON idempotency_records FOR EACH ROW EXECUTE FUNCTION test_late_claim();`);
    await admin.query('SELECT pg_advisory_lock($1)', [GATE]);
    const vendor = e.fake.holdNext('/v1/payment_intents');
    try {
      const duplicate = send();
      await poll(gateWaiter);
      // The first attempt claims, books and stalls in the vendor call, its transaction open.
      const first = send();
      await vendor.arrived;
      await admin.query('SELECT pg_advisory_unlock($1)', [GATE]);
      const dup = await duplicate;
      expect(dup.status, JSON.stringify(dup.body)).toBeLessThan(500);
      expectError(dup, 409, 'idempotency_in_progress');
      vendor.release();
      // Its transaction timed out during the vendor call: nothing of it committed either.
      expectError(await first, 409, 'idempotency_in_progress');
    } finally {
      vendor.release();
      await admin.query('SELECT pg_advisory_unlock_all()');
      await admin.query('DROP TRIGGER IF EXISTS test_late_claim ON idempotency_records');
    }
    expect(await rowsAt(body.start)).toHaveLength(0);
    const retry = await send();
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body.status).toBe('pending_payment');
    expect(retry.body.payment).toMatchObject({ amountDue: 1000 });
    const replay = await send();
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(retry.body);
    const rows = await rowsAt(body.start);
    expect(rows).toEqual([{ id: retry.body.id, intent_id: expect.any(String) }]);
  });

  it('plain (claim in the pg transaction): a first attempt whose write stays open past 15 s gets its duplicate a 409 idempotency_in_progress once its 15 s are up; released, it books once and a retry replays it', async () => {
    const { serviceId } = await catalogue(e.app, e.owner, { name: 'Plain' });
    const key = 'held-plain';
    const body = bookingBody(serviceId, at(3, '10:00'));
    const send = sender(key, body);
    await admin.query(`
      CREATE FUNCTION test_hold_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(${GATE}); RETURN NEW; END $$;
      CREATE TRIGGER test_hold_write AFTER INSERT ON bookings FOR EACH ROW EXECUTE FUNCTION test_hold_write();`);
    await admin.query('SELECT pg_advisory_lock($1)', [GATE]);
    try {
      // The first attempt's write (its deferred claim with it) stays uncommitted at the gate.
      const first = send();
      await poll(gateWaiter);
      // The duplicate's claim waits on that row (what is left of its 15 s), then the lookup after
      // the refused claim finds it still uncommitted: its time is up, it must not wait on.
      const sent = Date.now();
      const dup = await send();
      const waited = Date.now() - sent;
      expect(dup.status, JSON.stringify(dup.body)).toBeLessThan(500);
      expectError(dup, 409, 'idempotency_in_progress');
      // The promised bound, not a race: it waited its 15 s (the first never answered meanwhile)
      // and then answered by itself, the first still held (before, it waited for the first to
      // end, which only the test ends: the test ran out of time). The upper bound leaves a loaded
      // CI box its slack.
      expect(waited).toBeGreaterThanOrEqual(14_000);
      expect(waited).toBeLessThan(40_000);
      expect(await gateWaiter()).toBe(true);
      await admin.query('SELECT pg_advisory_unlock($1)', [GATE]);
      const one = await first;
      expect(one.status, JSON.stringify(one.body)).toBe(201);
      const again = await send();
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(one.body);
      expect((await rowsAt(body.start)).map((r) => r.id)).toEqual([one.body.id]);
    } finally {
      await admin.query('SELECT pg_advisory_unlock_all()');
      await admin.query('DROP TRIGGER IF EXISTS test_hold_write ON bookings');
    }
  });
});
