import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import type { System } from '../../src/compose';
import { composeSystem } from '../../src/compose-http';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { DEMO_LOGIN, seedDemo } from '../../src/seed/demo';

const dataDir = mkdtempSync(join(tmpdir(), 'slotwise-plans-embedded-'));
let system: System | undefined;

afterAll(async () => {
  await system?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Polls until fn's value passes check (the local adapters report their events right after the call). */
async function until<T>(fn: () => Promise<T>, check: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (check(v)) return v;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('condition never met');
}

describe('embedded default with plans: the local Stripe stand-ins (PGlite)', () => {
  it(
    'seeds the demo on pro; a new business upgrades and connects through the local adapters, by events',
    { timeout: 180_000 },
    async () => {
      system = await composeSystem(
        loadConfig({
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATA_DIR: dataDir,
          PLANS_ENABLED: 'true',
        }),
        createLogger('silent'),
      );
      expect(await seedDemo(system)).toBe(true);
      const http = supertest(system.app);
      const login = await http.post('/v1/auth/login').send(DEMO_LOGIN);
      const demo = { Authorization: `Bearer ${login.body.tokens.accessToken}` };
      expect((await http.get('/v1/admin/billing').set(demo)).body).toMatchObject({
        enabled: true,
        plan: { id: 'pro' },
        usage: { providers: 3 },
      });

      const signup = await http
        .post('/v1/auth/signup')
        .send({
          email: 'new-owner@example.com',
          password: 'correct horse battery',
          name: 'New',
          businessName: 'New Biz',
          timeZone: 'Europe/Paris',
        });
      expect(signup.status, JSON.stringify(signup.body)).toBe(201);
      const auth = { Authorization: `Bearer ${signup.body.tokens.accessToken}` };
      expect((await http.get('/v1/admin/billing').set(auth)).body).toMatchObject({
        plan: { id: 'free' },
        checkoutAvailable: true,
      });
      const blocked = await http
        .post('/v1/admin/webhooks/endpoints')
        .set(auth)
        .send({ url: 'https://hooks.example.com/x', events: ['booking.created'] });
      expect(blocked.status).toBe(402);

      const checkout = await http
        .post('/v1/admin/billing/checkout-session')
        .set(auth)
        .send({ plan: 'pro' });
      expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
      expect(checkout.body.url).toBe('http://localhost:3000/admin/settings?billing=success#plan');
      const upgraded = await until(
        async () => (await http.get('/v1/admin/billing').set(auth)).body,
        (b) => b.plan.id === 'pro',
      );
      expect(upgraded.subscription).toMatchObject({ status: 'active' });

      const link = await http.post('/v1/admin/connect/onboarding-link').set(auth).send();
      expect(link.status, JSON.stringify(link.body)).toBe(201);
      expect(link.body.url).toBe('http://localhost:3000/admin/settings?connect=return#payments');
      const connected = await until(
        async () => (await http.get('/v1/admin/connect').set(auth)).body,
        (c) => c.status === 'enabled',
      );
      expect(connected).toMatchObject({ chargesEnabled: true, payoutsEnabled: true });
      // The demo business's account is its own: still not connected.
      expect((await http.get('/v1/admin/connect').set(demo)).body.status).toBe('not_connected');
    },
  );
});
