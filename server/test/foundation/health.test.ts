import SwaggerParser from '@apidevtools/swagger-parser';
import { contract } from '@slotwise/contracts';
import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { healthRouter } from '../../src/http/routes/health';
import { startTestApp, type TestApp } from '../support/test-app';

const apps: TestApp[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});
async function app(env: Record<string, string> = {}) {
  const a = await startTestApp(env);
  apps.push(a);
  return a;
}

function routesOf(router: AppRouter): AppRoute[] {
  return Object.values(router).flatMap((r) => (isAppRoute(r) ? [r] : routesOf(r as AppRouter)));
}

describe('health', () => {
  it('/health/live answers without touching anything', async () => {
    const a = await app();
    const res = await a.http.get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/health/ready checks the database and skips Redis when none is configured', async () => {
    const a = await app();
    const res = await a.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.database).toMatchObject({ status: 'ok' });
    expect(res.body.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(res.body.checks.redis).toEqual({ status: 'skipped' });
  });

  it('/health/ready checks Redis when REDIS_URL is set', async () => {
    const a = await app({ REDIS_URL: 'redis://127.0.0.1:6379' });
    const res = await a.http.get('/health/ready');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.checks.redis).toMatchObject({ status: 'ok' });
    expect(res.body.checks.redis.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('/health/ready answers 503 with the Redis error when Redis is unreachable', async () => {
    const a = await app({ REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await a.http.get('/health/ready');
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.status).toBe('error');
    expect(res.body.checks.database).toMatchObject({ status: 'ok' });
    expect(res.body.checks.redis.status).toBe('error');
    expect(res.body.checks.redis.error).toEqual(expect.any(String));
    // Liveness does not depend on Redis: the process is fine, a dependency is not.
    expect((await a.http.get('/health/live')).status).toBe(200);
  });
});

describe('readiness probe timers', () => {
  it('a probe that answers leaves no timer behind (the 2 s deadline is cleared)', async () => {
    vi.useFakeTimers();
    try {
      const router = healthRouter({ database: async () => 1.234, redis: async () => 0.5 });
      const res = await (router.ready as unknown as () => Promise<{ status: number; body: unknown }>)();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ checks: { database: { status: 'ok', latencyMs: 1.23 } } });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('/openapi.json', () => {
  it('is a valid OpenAPI document with a path for every route of the contract', async () => {
    const a = await app();
    const res = await a.http.get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = JSON.parse(res.text);
    await SwaggerParser.validate(structuredClone(doc));

    const routes = routesOf(contract);
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      const meta = route.metadata as { auth: string } | undefined;
      if (meta?.auth !== 'none') expect(op.security.length, `${route.method} ${route.path} security`).toBeGreaterThan(0);
    }
    expect(doc.components.securitySchemes).toHaveProperty('session');
    expect(doc.components.securitySchemes).toHaveProperty('apiKey');
  });
});
