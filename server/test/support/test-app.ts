import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import supertest from 'supertest';
import type { System } from '../../src/compose';
import { composeSystem } from '../../src/compose-http';
import { loadConfig } from '../../src/config';
import { createAppServer } from '../../src/http/listen';
import { createLogger } from '../../src/logger';
import type { Clock } from '../../src/ports/clock';
import { checkingResponses } from './spec-validator';
import { createTestDatabase, type TestDatabase } from './test-db';

/** A real PostgreSQL needs SECRETS_KEY (config.ts); tests use a fixed one. */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');
/** One JWT secret per test run, shared with the processes a test spawns so tokens work across them. */
export const TEST_JWT_SECRET = randomBytes(32).toString('base64url');

export interface TestApp {
  system: System;
  db: TestDatabase;
  http: supertest.Agent;
  /** Base URL of a real listening server, for concurrency tests and external clients. */
  baseUrl: string;
  /**
   * Responses that broke the OpenAPI document so far (both `http` and `baseUrl` are checked, see
   * spec-validator.ts). close() fails the test file when there are any.
   */
  specViolations: string[];
  close(): Promise<void>;
}

/** The real composition root on a fresh database, with optional env overrides. */
export async function startTestApp(
  env: Record<string, string> = {},
  // checks: false serves the app as production does (no response validation, no spec checker), for benchmarks.
  opts: { clock?: Clock; database?: TestDatabase; checks?: boolean } = {},
): Promise<TestApp> {
  const checks = opts.checks ?? true;
  const db = opts.database ?? (await createTestDatabase());
  const nodeEnv = env.NODE_ENV ?? 'test';
  const config = loadConfig({
    NODE_ENV: nodeEnv,
    DATABASE_URL: db.url,
    // A database-backed process refuses the development secret and needs its link base.
    JWT_SECRET: TEST_JWT_SECRET,
    PUBLIC_URL: 'http://slotwise.test',
    // Suites sign up hundreds of users: scrypt at 2^10, allowed only under NODE_ENV=test.
    ...(nodeEnv === 'test' ? { PASSWORD_HASH_COST: '10' } : {}),
    ...(db.replicaUrl ? { DATABASE_REPLICA_URL: db.replicaUrl } : {}),
    LOG_LEVEL: 'silent',
    RATE_LIMITS_ENABLED: 'false',
    DATABASE_POOL_SIZE: '20',
    SECRETS_KEY: TEST_SECRETS_KEY,
    ...env,
  });
  const system = await composeSystem(config, createLogger(config.LOG_LEVEL), { clock: opts.clock, validateResponses: checks });
  const specViolations: string[] = [];
  const checked = checks
    ? checkingResponses(system.app, (p) => {
        if (specViolations.length < 50) specViolations.push(p);
      })
    : system.app;
  const server: Server = await new Promise((resolve) => {
    const s = createAppServer(system.app, checked).listen(0, '127.0.0.1', () => resolve(s));
  });
  // Clients in tests reuse connections across seconds of CPU-heavy work; a short server keep-alive
  // would close a socket just as it is reused (ECONNRESET).
  server.keepAliveTimeout = 60_000;
  const { port } = server.address() as AddressInfo;
  return {
    system,
    db,
    http: supertest.agent(checked),
    baseUrl: `http://127.0.0.1:${port}`,
    specViolations,
    async close() {
      await new Promise((r) => server.close(r));
      await system.close();
      await db.drop();
      if (specViolations.length) {
        throw new Error(`Responses that do not match /openapi.json:\n${[...new Set(specViolations)].join('\n')}`);
      }
    },
  };
}

let counter = 0;
/** Signs up a fresh owner + tenant through the API and returns its tokens. */
export async function signupOwner(app: TestApp, overrides: Record<string, unknown> = {}) {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  const res = await app.http
    .post('/v1/auth/signup')
    .send({ email: `owner-${tag}@example.com`, password: 'correct horse battery', name: 'Owner', businessName: `Biz ${tag}`, timeZone: 'Europe/London', ...overrides });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    token: res.body.tokens.accessToken as string,
    refreshToken: res.body.tokens.refreshToken as string,
    tenantId: res.body.tenant.id as string,
    slug: res.body.tenant.slug as string,
    userId: res.body.user.id as string,
    email: res.body.user.email as string,
    auth: { Authorization: `Bearer ${res.body.tokens.accessToken}` },
  };
}
