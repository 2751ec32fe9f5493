import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../bookings/fixtures';
import { poll } from '../support/child-process';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { ownerQuery, PASSWORD } from './helpers';

let app: TestApp;
beforeAll(async () => {
  // Loopback webhook URLs: an endpoint is registered below, nothing is delivered to it.
  app = await startTestApp({ PUBLIC_URL: 'https://book.example.com', WEBHOOKS_ALLOW_LOOPBACK: 'true' });
});
afterAll(async () => app?.close());

const inThreeDays = (hour: number) => {
  const d = new Date(Date.now() + 3 * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/** Every column of every row of every table, as text (the owner bypasses row-level security). */
async function everythingStored(): Promise<Map<string, string>> {
  const tables = await ownerQuery<{ name: string }>(
    app,
    "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  const dump = new Map<string, string>();
  for (const { name } of tables) {
    const rows = await ownerQuery<{ row: string }>(app, `SELECT t::text AS row FROM ${name} t`);
    dump.set(name, rows.map((r) => r.row).join('\n'));
  }
  return dump;
}

describe('secrets at rest', () => {
  it('after signup, login, refresh, an API key, a webhook endpoint and its rotation, bookings (public and staff, with Idempotency-Key) and their emails, no table holds a secret', async () => {
    const secrets: Record<string, string> = {};
    const owner = await signupOwner(app);
    secrets.signupAccess = owner.token;
    secrets.signupRefresh = owner.refreshToken;

    const login = await app.http
      .post('/v1/auth/login')
      .set('Idempotency-Key', 'login-1')
      .send({ email: owner.email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    secrets.loginAccess = login.body.tokens.accessToken;
    secrets.loginRefresh = login.body.tokens.refreshToken;

    const refreshed = await app.http
      .post('/v1/auth/refresh')
      .set('Idempotency-Key', 'refresh-1')
      .send({ refreshToken: secrets.loginRefresh });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
    secrets.refreshedAccess = refreshed.body.accessToken;
    secrets.refreshedRefresh = refreshed.body.refreshToken;

    const key = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', 'key-1').send({ name: 'integration' });
    expect(key.status).toBe(201);
    expect(key.headers['cache-control']).toBe('no-store');
    secrets.apiKey = key.body.secret;
    // The sealed replay still gives the caller its secret back, byte for byte.
    const keyAgain = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', 'key-1').send({ name: 'integration' });
    expect(keyAgain.headers['idempotent-replayed']).toBe('true');
    expect(keyAgain.headers['cache-control']).toBe('no-store');
    expect(keyAgain.text).toBe(key.text);

    // Webhook signing secrets: sealed with the keyed secrets (ADR 0008), the keyed replay included.
    const endpointBody = { url: 'http://127.0.0.1:9/hooks', events: ['customer.erased'] };
    const endpoint = await app.http.post('/v1/admin/webhooks/endpoints').set(owner.auth).set('Idempotency-Key', 'hook-1').send(endpointBody);
    expect(endpoint.status, endpoint.text).toBe(201);
    expect(endpoint.headers['cache-control']).toBe('no-store');
    secrets.webhookSecret = endpoint.body.secret.replace(/^whsec_/, '');
    const endpointAgain = await app.http.post('/v1/admin/webhooks/endpoints').set(owner.auth).set('Idempotency-Key', 'hook-1').send(endpointBody);
    expect(endpointAgain.headers['idempotent-replayed']).toBe('true');
    expect(endpointAgain.text).toBe(endpoint.text);
    const rotated = await app.http
      .post(`/v1/admin/webhooks/endpoints/${endpoint.body.endpoint.id}/rotate-secret`)
      .set(owner.auth)
      .send({ overlapSeconds: 3600 });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.headers['cache-control']).toBe('no-store');
    // The previous secret keeps signing during the overlap: stored too, and sealed too.
    secrets.webhookRotatedSecret = rotated.body.secret.replace(/^whsec_/, '');

    const { serviceId } = await catalogue(app, owner);
    const booking = await app.http
      .post(`/v1/public/tenants/${owner.slug}/bookings`)
      .set('Idempotency-Key', 'book-1')
      .send({ serviceId, start: inThreeDays(10), customer: { name: 'Ada', email: 'ada@example.com' }, timeZone: 'UTC' });
    expect(booking.status, booking.text).toBe(201);
    expect(booking.headers['cache-control']).toBe('no-store');
    secrets.publicManage = booking.body.manageToken;
    const staffBooking = await app.http
      .post('/v1/admin/bookings')
      .set(owner.auth)
      .set('Idempotency-Key', 'book-2')
      .send({ serviceId, start: inThreeDays(12), customer: { name: 'Grace', email: 'grace@example.com' }, timeZone: 'UTC' });
    expect(staffBooking.status, staffBooking.text).toBe(201);
    secrets.staffManage = staffBooking.body.manageToken;
    const replayed = await app.http
      .post(`/v1/public/tenants/${owner.slug}/bookings`)
      .set('Idempotency-Key', 'book-1')
      .send({ serviceId, start: inThreeDays(10), customer: { name: 'Ada', email: 'ada@example.com' }, timeZone: 'UTC' });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.manageToken).toBe(secrets.publicManage);

    // The confirmation emails go out (with the link) and land in the message log.
    await app.system.jobs.start();
    const emails = await poll(async () => {
      const rows = await ownerQuery<{ text_body: string }>(app, "SELECT text_body FROM email_messages WHERE template = 'booking.booked'");
      return rows.length === 2 ? rows : null;
    });
    for (const e of emails) expect(e.text_body).toContain('https://book.example.com/manage/[redacted]');

    for (const [name, value] of Object.entries(secrets)) expect(value, name).toMatch(/.{20,}/);
    const stored = await everythingStored();
    const found: string[] = [];
    for (const [table, text] of stored) {
      for (const [name, value] of Object.entries(secrets)) if (text.includes(value)) found.push(`${name} in ${table}`);
    }
    expect(found).toEqual([]);
    // The scan did see the rows that used to hold them.
    expect(stored.get('idempotency_records')).toContain('book-1');
    expect(stored.get('outbox_events')).toContain('manageLinkBase');
    expect(stored.get('webhook_endpoints')).toContain('127.0.0.1:9/hooks');
  });
});
