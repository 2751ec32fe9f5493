import { randomUUID } from 'node:crypto';
import { contract } from '@slotwise/contracts';
import express from 'express';
import { Redis } from 'ioredis';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { flexibleLoginFailures } from '../../src/adapters/rate-limit-flexible/rate-limiters';
import { LOGIN_THROTTLE_WINDOW_SECONDS, loginThrottle } from '../../src/http/rate-limit';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { createApiKey, expectError, PASSWORD, type Owner } from './helpers';

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

describe('login throttling per account', () => {
  // Per-IP limits off, as in the load tests: the per-account throttle is a defence against
  // password guessing, not a capacity limit, and stays on. Every attempt comes from a new address.
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMITS_ENABLED: 'false', LOGIN_FAILURES_PER_ACCOUNT: '5' });
  });
  afterAll(async () => app?.close());
  let n = 0;
  const login = (email: string, password: string) =>
    app.http.post('/v1/auth/login').set(from(`10.0.${++n >> 8}.${n & 255}`)).send({ email, password });
  const fail = async (email: string, times: number) => {
    for (let i = 0; i < times; i++) expectError(await login(email, 'wrong password here'), 401, 'invalid_credentials');
  };

  it('answers 429 with Retry-After after 5 failures on one account, whatever the address, and only for that account', async () => {
    const victim = await signupOwner(app);
    const bystander = await signupOwner(app);
    await fail(victim.email, 5);
    const limited = await login(victim.email, PASSWORD);
    expectError(limited, 429, 'rate_limited');
    const retry = Number(limited.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(limited.body.error.details.retryAfterSeconds).toBe(retry);
    // The throttled account is refused before its password is checked; others log in as usual.
    expect((await login(bystander.email, PASSWORD)).status).toBe(200);
  });

  it('counts an email however it is spelled', async () => {
    const owner = await signupOwner(app);
    const spellings = [owner.email, owner.email.toUpperCase(), `  ${owner.email}`, owner.email.replace(/^./, (c) => c.toUpperCase())];
    for (let i = 0; i < 5; i++) expectError(await login(spellings[i % spellings.length]!, 'wrong password here'), 401, 'invalid_credentials');
    expectError(await login(owner.email, PASSWORD), 429, 'rate_limited');
  });

  it('answers an unknown email exactly like a known one, so the limit reveals no accounts', async () => {
    const owner = await signupOwner(app);
    const ghost = `ghost-${randomUUID()}@example.com`;
    const shape = (r: supertest.Response) => ({ status: r.status, code: r.body.error.code, message: r.body.error.message.replace(/\d+ s/, 'N s'), retry: r.headers['retry-after'] !== undefined });
    const known: ReturnType<typeof shape>[] = [];
    const unknown: ReturnType<typeof shape>[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(shape(await login(owner.email, 'wrong password here')));
      unknown.push(shape(await login(ghost, 'wrong password here')));
    }
    expect(unknown).toEqual(known);
    expect(known.map((k) => k.status)).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('clears the count on a successful login', async () => {
    const owner = await signupOwner(app);
    await fail(owner.email, 4);
    expect((await login(owner.email, PASSWORD)).status).toBe(200);
    await fail(owner.email, 4);
    expect((await login(owner.email, PASSWORD)).status).toBe(200);
  });

  it('lets the account in again once the 15-minute window is over (no lockout beyond it)', async () => {
    const owner = await signupOwner(app);
    await fail(owner.email, 5);
    expectError(await login(owner.email, PASSWORD), 429, 'rate_limited');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 14 * 60_000);
      expectError(await login(owner.email, PASSWORD), 429, 'rate_limited');
      vi.setSystemTime(Date.now() + 61_000);
      expect((await login(owner.email, PASSWORD)).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds under a burst of parallel guesses: never more than 5 passwords checked', async () => {
    const owner = await signupOwner(app);
    const results = await Promise.all(Array.from({ length: 12 }, () => login(owner.email, 'wrong password here')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe('login throttling with Redis', () => {
  // Two API processes sharing one Redis: the count is per account across both.
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  afterAll(() => redis.quit().catch(() => undefined));

  const processApp = () => {
    const a = express();
    a.use(express.json());
    a.use((req, _res, next) => {
      (req as express.Request & { tsRestRoute?: unknown }).tsRestRoute = contract.auth.login;
      next();
    });
    a.use(loginThrottle(flexibleLoginFailures({ failuresPerAccount: 3, windowSeconds: LOGIN_THROTTLE_WINDOW_SECONDS, redis })));
    a.post('/v1/auth/login', (req, res) => {
      if (req.body.password === 'right') res.status(200).json({ ok: true });
      else res.status(401).json({ error: { code: 'invalid_credentials', message: 'Email or password is incorrect' } });
    });
    return supertest(a);
  };

  it('shares the count between processes and clears it on success', async () => {
    await redis.connect();
    const [a, b] = [processApp(), processApp()];
    const email = `redis-${randomUUID()}@example.com`;
    expect((await a.post('/v1/auth/login').send({ email, password: 'wrong' })).status).toBe(401);
    expect((await b.post('/v1/auth/login').send({ email, password: 'wrong' })).status).toBe(401);
    expect((await a.post('/v1/auth/login').send({ email, password: 'right' })).status).toBe(200);
    for (const p of [a, b, a]) expect((await p.post('/v1/auth/login').send({ email, password: 'wrong' })).status).toBe(401);
    const limited = await b.post('/v1/auth/login').send({ email: email.toUpperCase(), password: 'right' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(800);
  });
});
