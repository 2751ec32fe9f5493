import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../bookings/fixtures';
import { poll, spawnServer } from '../support/child-process';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { ownerQuery, type Owner } from './helpers';

/**
 * kill -9 of a real server process in the middle of an idempotent request (ADR 0008). The test
 * holds the request with a trigger waiting on an advisory lock the test owns — for a service at
 * the statement that stores its response (after the effect's statements, before its commit); for
 * a booking right after its row is written, since the booking's response and COMMIT reach the
 * database as one message — kills the process there, and retries the same key on a fresh
 * process. Under the old design (response stored after the effect committed) the same hold left
 * a committed booking behind and the retry got 409 slot_unavailable / created a second service.
 */
const HOLD = 80_880;

let app: TestApp;
let owner: Owner;
let serviceId: string;
let admin: pg.Client;

beforeAll(async () => {
  // Set-up through an in-process app; the processes under test share its database.
  app = await startTestApp();
  owner = await signupOwner(app);
  ({ serviceId } = await catalogue(app, owner));
  admin = new pg.Client({ connectionString: app.db.url });
  await admin.connect();
  await admin.query(`
    CREATE FUNCTION test_hold_completion() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_advisory_xact_lock_shared(${HOLD}); RETURN NEW; END $$;
    CREATE TRIGGER test_hold_completion BEFORE UPDATE ON idempotency_records FOR EACH ROW
      WHEN (OLD.response_status IS NULL AND NEW.response_status IS NOT NULL)
      EXECUTE FUNCTION test_hold_completion();`);
}, 120_000);
afterAll(async () => {
  await admin?.end();
  await app?.close();
});

/** Three days ahead at 10:00 UTC, inside the providers' hours, far from any notice limit. */
const slot = (hour: number) => {
  const d = new Date(Date.now() + 3 * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

const post = (baseUrl: string, path: string, key: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...headers },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, replayed: r.headers.get('idempotent-replayed'), text: await r.text() }));

/** Sends the request and returns once its process waits on the held response statement. */
async function sendHeld(baseUrl: string, path: string, key: string, body: unknown, headers: Record<string, string> = {}) {
  await admin.query('SELECT pg_advisory_lock($1)', [HOLD]);
  const inFlight = post(baseUrl, path, key, body, headers).catch((err: unknown) => err);
  await poll(async () => {
    const { rows } = await admin.query(
      "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted",
      [HOLD],
    );
    return rows.length > 0;
  });
  return { inFlight };
}

const release = () => admin.query('SELECT pg_advisory_unlock($1)', [HOLD]);

describe('Idempotency-Key across a kill -9 between the effect and the reply', () => {
  it('a booking and a service: the retry on a fresh process gets a clean first result, one effect per key', async () => {
    const bookingBody = {
      serviceId,
      start: slot(10),
      customer: { name: 'Crash Test', email: 'crash@example.com' },
      timeZone: 'UTC',
    };
    const bookingPath = `/v1/public/tenants/${owner.slug}/bookings`;

    // 1. Booking (the pool write of ADR 0006): killed with its row written, its transaction open
    // and its response not yet stored (the database finishes the write, then finds the client gone).
    await admin.query(`
      CREATE TRIGGER test_hold_booking AFTER INSERT ON bookings FOR EACH ROW EXECUTE FUNCTION test_hold_completion();`);
    let server = await spawnServer(app.db.url);
    const lost = (await sendHeld(server.baseUrl, bookingPath, 'crash-booking', bookingBody)).inFlight;
    await server.kill9();
    expect(await lost).toBeInstanceOf(Error); // the client never got an answer
    await release();
    await admin.query('DROP TRIGGER test_hold_booking ON bookings');

    server = await spawnServer(app.db.url);
    const retry = await post(server.baseUrl, bookingPath, 'crash-booking', bookingBody);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.replayed).toBeNull(); // the first attempt left nothing: this one ran
    const created = JSON.parse(retry.text) as { id: string; manageToken: string };
    const bookings = await ownerQuery<{ id: string }>(app, 'SELECT id FROM bookings WHERE start_at = $1', [bookingBody.start]);
    expect(bookings.map((b) => b.id)).toEqual([created.id]);
    const manage = await fetch(`${server.baseUrl}/v1/public/bookings/${created.manageToken}`);
    expect(manage.status).toBe(200);
    const again = await post(server.baseUrl, bookingPath, 'crash-booking', bookingBody);
    expect(again.replayed).toBe('true');
    expect(again.text).toBe(retry.text);

    // 1b. Killed while the database holds the booking's response and COMMIT (one message): the
    // database finishes both, so the retry replays the one booking.
    const sentBody = { ...bookingBody, start: slot(11), customer: { name: 'Sent', email: 'sent@example.com' } };
    const sent = (await sendHeld(server.baseUrl, bookingPath, 'crash-sent', sentBody)).inFlight;
    await server.kill9();
    expect(await sent).toBeInstanceOf(Error);
    await release();
    server = await spawnServer(app.db.url);
    const sentRetry = await post(server.baseUrl, bookingPath, 'crash-sent', sentBody);
    expect(sentRetry.status, sentRetry.text).toBe(201);
    expect(sentRetry.replayed).toBe('true');
    const sentRows = await ownerQuery<{ id: string }>(app, 'SELECT id FROM bookings WHERE start_at = $1', [sentBody.start]);
    expect(sentRows.map((b) => b.id)).toEqual([(JSON.parse(sentRetry.text) as { id: string }).id]);

    // 2. A service (a unit of work): killed while its response waits to be stored; nothing commits.
    const serviceBody = { name: 'Crash-safe service', durationMinutes: 30, priceCents: 0, currency: 'USD' };
    const lostService = (await sendHeld(server.baseUrl, '/v1/admin/services', 'crash-service', serviceBody, owner.auth)).inFlight;
    await server.kill9();
    expect(await lostService).toBeInstanceOf(Error);
    await release();

    server = await spawnServer(app.db.url);
    const serviceRetry = await post(server.baseUrl, '/v1/admin/services', 'crash-service', serviceBody, owner.auth);
    expect(serviceRetry.status, serviceRetry.text).toBe(201);
    const services = await ownerQuery<{ id: string }>(app, 'SELECT id FROM services WHERE name = $1', [serviceBody.name]);
    expect(services.map((s) => s.id)).toEqual([(JSON.parse(serviceRetry.text) as { id: string }).id]);

    // 3. Killed after the commit, before the client read the reply: the retry replays it.
    const lateBody = { ...bookingBody, start: slot(12), customer: { name: 'Late', email: 'late@example.com' } };
    const inFlight = post(server.baseUrl, bookingPath, 'crash-late', lateBody).catch(() => null);
    await poll(async () => (await ownerQuery(app, "SELECT 1 FROM idempotency_records WHERE key = 'crash-late' AND response_status IS NOT NULL")).length > 0);
    await server.kill9();
    await inFlight;
    server = await spawnServer(app.db.url);
    const replay = await post(server.baseUrl, bookingPath, 'crash-late', lateBody);
    expect(replay.status).toBe(201);
    expect(replay.replayed).toBe('true');
    const late = await ownerQuery<{ id: string }>(app, 'SELECT id FROM bookings WHERE start_at = $1', [lateBody.start]);
    expect(late.map((b) => b.id)).toEqual([(JSON.parse(replay.text) as { id: string }).id]);
    await server.kill9();
  }, 300_000);
});

describe('owner fencing', () => {
  it('an attempt whose key was taken over meanwhile commits nothing; the next attempt runs once', async () => {
    // Hold the request inside its effect (the service insert), before its response is stored.
    await admin.query(`
      CREATE FUNCTION test_hold_effect() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(${HOLD}); RETURN NEW; END $$;
      CREATE TRIGGER test_hold_effect BEFORE INSERT ON services FOR EACH ROW
        WHEN (NEW.name = 'Fenced service') EXECUTE FUNCTION test_hold_effect();`);
    const body = { name: 'Fenced service', durationMinutes: 30, priceCents: 0, currency: 'USD' };
    const { inFlight } = await sendHeld(app.baseUrl, '/v1/admin/services', 'fenced', body, owner.auth);
    // Another attempt took the key over (as after a lost lease): the row now has another owner.
    await admin.query("UPDATE idempotency_records SET owner = gen_random_uuid(), locked_until = now() - interval '1 second' WHERE key = 'fenced'");
    await release();
    const first = (await inFlight) as { status: number; text: string };
    expect(first.status).toBe(409);
    expect(JSON.parse(first.text).error.code).toBe('idempotency_in_progress');
    expect(await ownerQuery(app, 'SELECT id FROM services WHERE name = $1', [body.name])).toHaveLength(0);

    const retry = await post(app.baseUrl, '/v1/admin/services', 'fenced', body, owner.auth);
    expect(retry.status, retry.text).toBe(201);
    expect(await ownerQuery(app, 'SELECT id FROM services WHERE name = $1', [body.name])).toHaveLength(1);
    await admin.query('DROP TRIGGER test_hold_effect ON services');
  });

  it('a sealed replay that the current key cannot open is refused with 422, never a 500', async () => {
    const key = await post(app.baseUrl, '/v1/admin/api-keys', 'sealed-1', { name: 'sealed' }, { ...owner.auth });
    expect(key.status).toBe(201);
    const [row] = await ownerQuery<{ response_body: unknown; response_sealed: string }>(app, "SELECT response_body, response_sealed FROM idempotency_records WHERE key = 'sealed-1'");
    expect(row!.response_body).toBeNull();
    expect(row!.response_sealed).toMatch(/^v1\./);
    // As if SECRETS_KEY had changed: the ciphertext no longer authenticates.
    await admin.query("UPDATE idempotency_records SET response_sealed = 'v1.' || translate(substr(response_sealed, 4), 'ABCabc', 'BCAbca') WHERE key = 'sealed-1'");
    const again = await post(app.baseUrl, '/v1/admin/api-keys', 'sealed-1', { name: 'sealed' }, { ...owner.auth });
    expect(again.status).toBe(422);
    expect(JSON.parse(again.text).error.code).toBe('idempotency_key_reused');
  });
});
