import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { countRows, expectError, ownerQuery, type Owner } from './helpers';

let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

let n = 0;
const newKey = () => `idem-${Date.now()}-${++n}`;

describe('Idempotency-Key', () => {
  it('replays the first response (status and body) with Idempotent-Replayed: true, running the work once', async () => {
    const key = newKey();
    const first = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', key).send({ name: 'once' });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', key).send({ name: 'once' });
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    // Byte for byte, key order included.
    expect(second.text).toBe(first.text);
    const rows = await ownerQuery(app, 'SELECT id FROM api_keys WHERE tenant_id = $1 AND name = $2', [owner.tenantId, 'once']);
    expect(rows).toHaveLength(1);
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const key = newKey();
    await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', key).send({ name: 'ordered', mode: 'test' }).expect(201);
    const again = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', key).send({ mode: 'test', name: 'ordered' });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses the same key with a different body: 422 idempotency_key_reused', async () => {
    const key = newKey();
    await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', key).send({ name: 'first' }).expect(201);
    const res = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', key).send({ name: 'second' });
    expectError(res, 422, 'idempotency_key_reused');
    const other = await app.http.patch('/v1/admin/tenant').set(owner.auth).set('Idempotency-Key', key).send({ name: 'first' });
    expectError(other, 422, 'idempotency_key_reused');
    expect(await ownerQuery(app, 'SELECT id FROM api_keys WHERE name = $1', ['second'])).toHaveLength(0);
  });

  it('executes 50 concurrent duplicates exactly once and gives all of them the same 201', async () => {
    const key = newKey();
    const body = JSON.stringify({ name: 'concurrent' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${app.baseUrl}/v1/admin/api-keys`, {
          method: 'POST',
          headers: { ...owner.auth, 'content-type': 'application/json', 'idempotency-key': key },
          body,
        }).then(async (r) => ({ status: r.status, replayed: r.headers.get('idempotent-replayed'), body: await r.text() })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter((r) => r.replayed === null)).toHaveLength(1);
    const rows = await ownerQuery(app, 'SELECT id FROM api_keys WHERE tenant_id = $1 AND name = $2', [owner.tenantId, 'concurrent']);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(responses[0]!.body).apiKey.id).toBe((rows[0] as { id: string }).id);
  });

  it('scopes keys per caller: another tenant reusing a key gets its own execution', async () => {
    const key = newKey();
    const other = await signupOwner(app);
    const mine = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', key).send({ name: 'scoped' });
    const theirs = await app.http.post('/v1/admin/api-keys').set(other.auth).set('Idempotency-Key', key).send({ name: 'scoped' });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.apiKey.id).not.toBe(mine.body.apiKey.id);
    expect(theirs.body.secret).not.toBe(mine.body.secret);
    expect(await ownerQuery(app, 'SELECT tenant_id FROM api_keys WHERE id = $1', [theirs.body.apiKey.id])).toEqual([{ tenant_id: other.tenantId }]);
  });

  it('replays a 4xx first response too', async () => {
    const key = newKey();
    const body = { email: owner.email, name: 'Me again', role: 'viewer' };
    const first = await app.http.post('/v1/admin/members').set(owner.auth).set('Idempotency-Key', key).send(body);
    expectError(first, 409, 'conflict');
    const second = await app.http.post('/v1/admin/members').set(owner.auth).set('Idempotency-Key', key).send(body);
    expectError(second, 409, 'conflict');
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);

    const invalidKey = newKey();
    const bad = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', invalidKey).send({ name: '' });
    expectError(bad, 422, 'validation_failed');
    const badAgain = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', invalidKey).send({ name: '' });
    expect(badAgain.headers['idempotent-replayed']).toBe('true');
    expect(badAgain.body).toEqual(bad.body);
  });

  it('works on unauthenticated routes (scoped by IP) and never lets a replay skip authentication', async () => {
    const key = newKey();
    const signup = { email: `idem-${Date.now()}@example.com`, password: 'correct horse battery', name: 'I', businessName: 'Idem Biz', timeZone: 'UTC' };
    const first = await app.http.post('/v1/auth/signup').set('Idempotency-Key', key).send(signup);
    expect(first.status).toBe(201);
    const second = await app.http.post('/v1/auth/signup').set('Idempotency-Key', key).send(signup);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.tenant.id).toBe(first.body.tenant.id);
    expect(await ownerQuery(app, 'SELECT id FROM users WHERE email = $1', [signup.email])).toHaveLength(1);

    const session = { Authorization: `Bearer ${first.body.tokens.accessToken}` };
    const out = await app.http.post('/v1/auth/logout').set(session).set('Idempotency-Key', key);
    expect(out.status).toBe(204);
    const outAgain = await app.http.post('/v1/auth/logout').set(session).set('Idempotency-Key', key);
    // The session has ended: authentication runs before any replay, so no stored 204 comes back.
    expectError(outAgain, 401, 'unauthenticated');
  });

  it('rejects a malformed key with 400 and runs nothing', async () => {
    const before = await countRows(app, 'api_keys');
    const records = await countRows(app, 'idempotency_records');
    for (const bad of ['', 'x'.repeat(256), 'has space', 'tab\there', 'ünïcode']) {
      const res = await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', bad).send({ name: 'bad key' });
      expectError(res, 400, 'bad_request');
    }
    expect(await countRows(app, 'api_keys')).toBe(before);
    expect(await countRows(app, 'idempotency_records')).toBe(records);
  });

  it('stores records for 24 hours', async () => {
    const key = newKey();
    await app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', key).send({ name: 'ttl' }).expect(201);
    const [r] = await ownerQuery<{ hours: number; status: number }>(
      app,
      'SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours, response_status AS status FROM idempotency_records WHERE key = $1',
      [key],
    );
    expect(r).toEqual({ hours: 24, status: 201 });
  });
});
