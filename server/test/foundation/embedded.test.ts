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

const dataDir = mkdtempSync(join(tmpdir(), 'slotwise-embedded-'));
let system: System | undefined;

afterAll(async () => {
  await system?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// What `npm start` does on a fresh clone: no DATABASE_URL, no REDIS_URL.
const start = () =>
  composeSystem(
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }),
    createLogger('silent'),
  );

describe('embedded default (PGlite, no services)', () => {
  it('starts, migrates, seeds the demo tenant and serves it', { timeout: 120_000 }, async () => {
    system = await start();
    expect(system.redis).toBeUndefined();
    expect(await seedDemo(system)).toBe(true);
    const http = supertest(system.app);

    const ready = await http.get('/health/ready');
    expect(ready.status, JSON.stringify(ready.body)).toBe(200);
    expect(ready.body.checks).toMatchObject({
      database: { status: 'ok' },
      redis: { status: 'skipped' },
    });

    const demo = await http.get('/v1/public/tenants/demo');
    expect(demo.status).toBe(200);
    expect(demo.body).toMatchObject({
      slug: 'demo',
      name: 'Demo Salon',
      timeZone: 'America/New_York',
      currency: 'USD',
    });

    const login = await http.post('/v1/auth/login').send(DEMO_LOGIN);
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(login.body).toMatchObject({ role: 'owner', tenant: { slug: 'demo' } });
    const me = await http
      .get('/v1/auth/me')
      .set('Authorization', `Bearer ${login.body.tokens.accessToken}`);
    expect(me.status).toBe(200);

    // A demo worth looking at (issue 18): weeks of history and bookings ahead, a class.
    const bearer = { Authorization: `Bearer ${login.body.tokens.accessToken}` };
    const today = new Date().toISOString().slice(0, 10);
    const past = await http
      .get('/v1/admin/bookings')
      .set(bearer)
      .query({ to: today, status: 'completed', limit: 100 });
    expect(past.body.items.length).toBeGreaterThan(20);
    const ahead = await http
      .get('/v1/admin/bookings')
      .set(bearer)
      .query({ from: today, limit: 100 });
    expect(ahead.body.items.length).toBeGreaterThan(15);
    const noShows = await http
      .get('/v1/admin/bookings')
      .set(bearer)
      .query({ status: 'no_show', limit: 100 });
    expect(noShows.body.items.length).toBeGreaterThan(0);
    const classes = (await http.get('/v1/public/tenants/demo/services')).body.items as {
      capacity: number;
      deposit: { type: string };
    }[];
    expect(classes.some((c) => c.capacity > 1)).toBe(true);
    expect(classes.some((c) => c.deposit.type !== 'none')).toBe(true);

    // The same role and RLS rules as on PostgreSQL.
    const { rows } = await system.db.pool.query(
      'SELECT current_user AS "user", rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    );
    expect(rows).toEqual([{ user: 'slotwise_app', rolsuper: false, rolbypassrls: false }]);
    expect(await system.db.prisma.service.count()).toBe(0);

    // The booking path's SQL functions (prisma/functions) are applied here too: book a free slot.
    const services = await http.get('/v1/public/tenants/demo/services');
    expect(services.status).toBe(200);
    const serviceId = (services.body.items ?? services.body)[0].id as string;
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
    const availability = await http.get(
      `/v1/public/tenants/demo/availability?serviceId=${serviceId}&from=${from}&to=${to}`,
    );
    expect(availability.status, JSON.stringify(availability.body)).toBe(200);
    const slot = (availability.body.days as { slots: { start: string }[] }[]).flatMap(
      (d) => d.slots,
    )[0]!;
    const booking = await http.post('/v1/public/tenants/demo/bookings').send({
      serviceId,
      providerId: 'any',
      start: slot.start,
      customer: { name: 'Embedded', email: 'embedded@example.com' },
      timeZone: 'America/New_York',
    });
    expect(booking.status, JSON.stringify(booking.body)).toBe(201);
  });

  it(
    'commits idempotent writes with their responses on its single connection (ADR 0008)',
    { timeout: 120_000 },
    async () => {
      const http = supertest(system!.app);
      const login = await http.post('/v1/auth/login').send(DEMO_LOGIN);
      const auth = { Authorization: `Bearer ${login.body.tokens.accessToken}` };
      const service = {
        name: 'Embedded idempotent',
        durationMinutes: 30,
        priceCents: 0,
        currency: 'USD',
      };
      const first = await http
        .post('/v1/admin/services')
        .set(auth)
        .set('Idempotency-Key', 'emb-1')
        .send(service);
      expect(first.status, first.text).toBe(201);
      const again = await http
        .post('/v1/admin/services')
        .set(auth)
        .set('Idempotency-Key', 'emb-1')
        .send(service);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);

      const services = await http.get('/v1/public/tenants/demo/services');
      const serviceId = (services.body.items as { id: string }[])[0]!.id;
      const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
      const avail = await http.get(
        `/v1/public/tenants/demo/availability?serviceId=${serviceId}&from=${from}&to=${to}`,
      );
      const start = (avail.body.days as { slots: { start: string }[] }[]).flatMap(
        (d) => d.slots,
      )[0]!.start;
      const body = {
        serviceId,
        start,
        customer: { name: 'Embedded', email: 'embedded@example.com' },
        timeZone: 'UTC',
      };
      const booked = await http
        .post('/v1/public/tenants/demo/bookings')
        .set('Idempotency-Key', 'emb-2')
        .send(body);
      expect(booked.status, booked.text).toBe(201);
      const replayed = await http
        .post('/v1/public/tenants/demo/bookings')
        .set('Idempotency-Key', 'emb-2')
        .send(body);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.body.manageToken).toBe(booked.body.manageToken);
      const view = await http.get(`/v1/public/bookings/${booked.body.manageToken}`);
      expect(view.status).toBe(200);
    },
  );

  it(
    'keeps its data under DATA_DIR across restarts and seeds only once',
    { timeout: 120_000 },
    async () => {
      await system?.close();
      system = await start();
      expect(await seedDemo(system)).toBe(false);
      const login = await supertest(system.app).post('/v1/auth/login').send(DEMO_LOGIN);
      expect(login.status).toBe(200);
    },
  );
});
