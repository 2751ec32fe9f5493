import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import {
  assertNoOverlaps,
  at,
  book,
  bookingBody,
  catalogue,
  signupOwner,
  startBookingApp,
  type Owner,
} from './fixtures';

// A database connection that dies under a request (pg_terminate_backend: a restart, a failover, an
// operator) answers 503 service_unavailable with Retry-After, never 500, and the server goes on
// serving on fresh connections.

vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

async function ownerClient() {
  const c = new pg.Client({ connectionString: app.db.url });
  await c.connect();
  return c;
}

/** Polls until one of the app's backends waits on a lock, then terminates it. */
async function terminateTheWaiter(admin: pg.Client) {
  for (;;) {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) {
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json().catch(() => null)) as { error?: { code: string } } | null,
  };
}

describe('a lost database connection answers 503 with Retry-After', () => {
  it('the booking write (pg pool) killed while it waits: 503, nothing written, the same request then books', async () => {
    const { serviceId } = await catalogue(app, owner, { name: 'Write killed' });
    const body = {
      ...bookingBody(serviceId, at(1, '10:00')),
      customer: { name: 'Blocked', email: 'blocked@example.com' },
    };
    // An uncommitted customer with the same email: booking_create's insert waits for it.
    const blocker = await ownerClient();
    const admin = await ownerClient();
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO customers (id, tenant_id, name, email, updated_at) VALUES (gen_random_uuid(), $1, 'Other', 'blocked@example.com', now())`,
        [owner.tenantId],
      );
      const pending = post(`/v1/public/tenants/${owner.slug}/bookings`, body);
      await terminateTheWaiter(admin);
      await blocker.query('ROLLBACK');
      const r = await pending;
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(r.body?.error?.code).toBe('service_unavailable');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      const { rows } = await admin.query('SELECT id FROM bookings WHERE service_id = $1', [
        serviceId,
      ]);
      expect(rows).toEqual([]);
    } finally {
      await blocker.end();
      await admin.end();
    }
    const again = await post(`/v1/public/tenants/${owner.slug}/bookings`, body);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });

  it('a unit of work (Prisma interactive transaction) killed while it waits: 503, the booking keeps its time', async () => {
    const { serviceId } = await catalogue(app, owner, { name: 'Reschedule killed' });
    const b = await book(app, owner, serviceId, at(2, '10:00'));
    const blocker = await ownerClient();
    const admin = await ownerClient();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM bookings WHERE id = $1 FOR UPDATE', [b.id]);
      const pending = post(
        `/v1/admin/bookings/${b.id}/reschedule`,
        { start: at(2, '12:00') },
        owner.auth,
      );
      await terminateTheWaiter(admin);
      await blocker.query('ROLLBACK');
      const r = await pending;
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(r.body?.error?.code).toBe('service_unavailable');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      const { rows } = await admin.query<{ start_at: Date }>(
        'SELECT start_at FROM bookings WHERE id = $1',
        [b.id],
      );
      expect(rows[0]!.start_at.toISOString()).toBe(b.start);
    } finally {
      await blocker.end();
      await admin.end();
    }
    const again = await post(
      `/v1/admin/bookings/${b.id}/reschedule`,
      { start: at(2, '12:00') },
      owner.auth,
    );
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });

  it('pg_terminate_backend on every app connection during a burst of bookings: only 201/409/503, then it serves again', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Burst', providers: 3 });
    const { serviceId: classId } = await catalogue(app, owner, {
      name: 'Burst class',
      capacity: 4,
      providers: 2,
    });
    const admin = await ownerClient();
    let done = false;
    let terminated = 0;
    const killer = (async () => {
      while (!done) {
        const { rows } = await admin.query<{ ok: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        terminated += rows.filter((r) => r.ok).length;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const shapes = (i: number) => {
      const day = 3 + (i % 4);
      if (i % 3 === 0) return bookingBody(classId, at(day, '10:00'), { providerId: 'any' });
      if (i % 3 === 1)
        return bookingBody(serviceId, at(day, `${10 + (i % 6)}:00`), { providerId: 'any' });
      return bookingBody(serviceId, at(day, `${10 + (i % 6)}:00`), {
        providerId: providerIds[i % 3],
      });
    };
    let responses: Awaited<ReturnType<typeof post>>[];
    try {
      responses = await Promise.all(
        Array.from({ length: 90 }, (_, i) =>
          post(`/v1/public/tenants/${owner.slug}/bookings`, shapes(i)),
        ),
      );
    } finally {
      done = true;
      await killer;
    }
    expect(terminated).toBeGreaterThan(0);
    const unexpected = responses.filter((r) => ![201, 409, 503].includes(r.status));
    expect(unexpected).toEqual([]);
    for (const r of responses.filter((x) => x.status === 503)) {
      expect(r.body?.error?.code).toBe('service_unavailable');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    await admin.end();
    // Fresh connections: the server keeps serving.
    const after = await post(
      `/v1/public/tenants/${owner.slug}/bookings`,
      bookingBody(serviceId, at(9, '10:00')),
    );
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    const health = await fetch(`${app.baseUrl}/health/ready`);
    expect(health.status).toBeLessThan(500);
    await assertNoOverlaps(app);
  });
});
