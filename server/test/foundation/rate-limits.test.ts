import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { createApiKey, expectError, type Owner } from './helpers';

let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  app = await startTestApp({
    RATE_LIMITS_ENABLED: 'true',
    RATE_LIMIT_AUTH_PER_MINUTE: '3',
    RATE_LIMIT_ADMIN_PER_MINUTE: '5',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '4',
  });
  // Signing up spends the auth budget of 127.0.0.1; the tests below use their own addresses.
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

// The app trusts X-Forwarded-For from loopback (a reverse proxy on the same host), which lets
// each test play a different client address.
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

describe('rate limits', () => {
  it('limits auth routes per IP with 429, Retry-After and the error shape', async () => {
    const ip = from('198.51.100.7');
    for (let i = 0; i < 3; i++) {
      const res = await app.http.post('/v1/auth/login').set(ip).send({ email: owner.email, password: 'wrong password' });
      expectError(res, 401, 'invalid_credentials');
      expect(res.headers['ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await app.http.post('/v1/auth/login').set(ip).send({ email: owner.email, password: 'correct horse battery' });
    expectError(limited, 429, 'rate_limited');
    const retry = Number(limited.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(limited.body.error.details.retryAfterSeconds).toBe(retry);
    // The budget is shared by every auth route of that address...
    expectError(await app.http.post('/v1/auth/refresh').set(ip).send({ refreshToken: owner.refreshToken }), 429, 'rate_limited');
    // ...and only that address.
    expect((await app.http.post('/v1/auth/login').set(from('198.51.100.8')).send({ email: owner.email, password: 'correct horse battery' })).status).toBe(200);
  });

  it('limits public routes per IP', async () => {
    const ip = from('198.51.100.20');
    for (let i = 0; i < 4; i++) expect((await app.http.get(`/v1/public/tenants/${owner.slug}`).set(ip)).status).toBe(200);
    expectError(await app.http.get(`/v1/public/tenants/${owner.slug}`).set(ip), 429, 'rate_limited');
    expect((await app.http.get(`/v1/public/tenants/${owner.slug}`).set(from('198.51.100.21'))).status).toBe(200);
  });

  it('limits admin routes per API key, whatever the address', async () => {
    const key = await createApiKey(app, owner, { name: 'busy' });
    const other = await createApiKey(app, owner, { name: 'quiet' });
    for (let i = 0; i < 5; i++) {
      expect((await app.http.get('/v1/admin/tenant').set(key.auth).set(from(`203.0.113.${i + 1}`))).status).toBe(200);
    }
    const limited = await app.http.get('/v1/admin/members').set(key.auth).set(from('203.0.113.99'));
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await app.http.get('/v1/admin/tenant').set(other.auth)).status).toBe(200);
    // A session of the same tenant has its own budget.
    expect((await app.http.get('/v1/admin/tenant').set(owner.auth)).status).toBe(200);
  });

  it('never limits health checks', async () => {
    for (let i = 0; i < 10; i++) expect((await app.http.get('/health/live').set(from('198.51.100.50'))).status).toBe(200);
  });
});
