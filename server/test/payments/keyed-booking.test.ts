import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { System } from '../../src/compose';
import { composeSystem } from '../../src/compose-http';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { at, bookingBody, catalogue } from '../bookings/fixtures';
import { signupOwner, type TestApp } from '../support/test-app';
import { ownerQuery, paidService, startPaymentsApp, type PayEnv } from './fixtures';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// The SDK and the booking app send an Idempotency-Key with every booking: its transaction commits
// with the response (ADR 0008), so preparing the payment must run in that same transaction.

let e: PayEnv | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'slotwise-keyed-pay-'));
let system: System | undefined;
afterAll(async () => {
  await e?.app.close();
  await e?.fake.close();
  await system?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a keyed booking that takes a payment', () => {
  it('PostgreSQL + Stripe: the 201 carries the payment; a replay gives the same response; one intent', async () => {
    e = await startPaymentsApp();
    const serviceId = await paidService(e, { mode: 'full' });
    const body = bookingBody(serviceId, at(2, '10:00'));
    const send = () => e!.app.http.post(`/v1/public/tenants/${e!.owner.slug}/bookings`).set('Idempotency-Key', 'keyed-pay-1').send(body);
    const r = await send();
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.status).toBe('pending_payment');
    expect(r.body.payment, 'the payment is prepared with the booking').toMatchObject({ amountDue: 5000 });
    expect(r.body.payment.clientSecret).toBeTruthy();
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(r.body);
    const rows = await ownerQuery(e.app, 'SELECT intent_id FROM booking_payments WHERE booking_id = $1', [r.body.id]);
    expect(rows).toHaveLength(1);
    expect(r.body.payment.clientSecret.startsWith(String(rows[0]!.intent_id))).toBe(true);
    // Another customer's keyed booking of the taken slot: 409, nothing written for it.
    const taken = await e.app.http
      .post(`/v1/public/tenants/${e.owner.slug}/bookings`)
      .set('Idempotency-Key', 'keyed-pay-2')
      .send(bookingBody(serviceId, at(2, '10:00')));
    expect(taken.status, JSON.stringify(taken.body)).toBe(409);
    expect(taken.body.error.code).toBe('slot_unavailable');
    const all = await ownerQuery(e.app, 'SELECT id FROM bookings WHERE tenant_id = $1', [e.owner.tenantId]);
    expect(all).toHaveLength(1);
  });

  it('PostgreSQL: 30 simultaneous keyed bookings of one paid slot: one 201 with its payment, 29 × 409', async () => {
    const serviceId = await paidService(e!, { mode: 'full' }, { priceCents: 3000 });
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        e!.app.http
          .post(`/v1/public/tenants/${e!.owner.slug}/bookings`)
          .set('Idempotency-Key', `keyed-race-${i}`)
          .send(bookingBody(serviceId, at(3, '10:00'))),
      ),
    );
    const won = replies.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    expect(won[0]!.body.payment).toMatchObject({ amountDue: 3000 });
    expect(replies.filter((r) => r.status === 409 && r.body.error.code === 'slot_unavailable')).toHaveLength(29);
  });

  it('embedded PGlite (one connection): the 201 carries the payment', { timeout: 180_000 }, async () => {
    system = await composeSystem(
      loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, PUBLIC_URL: 'https://book.example.com' }),
      createLogger('silent'),
    );
    const http = supertest(system.app);
    // The system's real clock: a slot in three days, within any booking horizon.
    const soon = new Date(Math.floor(Date.now() / 86_400_000 + 3) * 86_400_000 + 10 * 3_600_000).toISOString();
    const app = { http } as unknown as TestApp;
    const owner = await signupOwner(app, { currency: 'USD' });
    const { serviceId } = await catalogue(app, owner, { priceCents: 4000 });
    const p = await http.patch(`/v1/admin/services/${serviceId}`).set(owner.auth).send({ paymentPolicy: { mode: 'full' } });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const r = await http
      .post(`/v1/public/tenants/${owner.slug}/bookings`)
      .set('Idempotency-Key', 'keyed-pay-embedded')
      .send(bookingBody(serviceId, soon));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.status).toBe('pending_payment');
    expect(r.body.payment, 'the payment is prepared with the booking').toMatchObject({ clientMode: 'local', amountDue: 4000 });
  });
});
