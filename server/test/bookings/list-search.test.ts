import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import { adminBook, at, catalogue, signupOwner, startBookingApp, type Owner } from './fixtures';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let app: TestApp;
let owner: Owner;
let svc: { serviceId: string };
const made: { id: string; code: string; start: string }[] = [];

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
  svc = await catalogue(app, owner, { name: 'Search' });
  // Booked in this order, starting in another: day 3, day 1, day 2.
  const who = [
    { name: 'Zoë Ramos', email: 'zoe@example.com', phone: '+44 20 7946 0001' },
    { name: 'Ana Lima', email: 'ana.lima@example.org', phone: '+1 212 555 0100' },
    { name: 'Bruno Díaz', email: 'bruno@example.net' },
  ];
  for (const [i, day] of [3, 1, 2].entries()) {
    made.push(
      await adminBook(app, owner, svc.serviceId, at(day, '10:00'), {
        customer: who[i],
        overrideAvailability: true,
      }),
    );
  }
});
afterAll(async () => app?.close());

const list = async (query: Record<string, string>) => {
  const r = await app.http.get('/v1/admin/bookings').set(owner.auth).query(query);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as {
    items: { id: string; customer: { name: string } }[];
    nextCursor: string | null;
  };
};
const names = (b: Awaited<ReturnType<typeof list>>) => b.items.map((i) => i.customer.name);

describe('GET /v1/admin/bookings: search and sort', () => {
  it('sorts by appointment start either way, and pages through it without gaps', async () => {
    expect(names(await list({ sort: 'start' }))).toEqual(['Ana Lima', 'Bruno Díaz', 'Zoë Ramos']);
    expect(names(await list({ sort: '-start' }))).toEqual(['Zoë Ramos', 'Bruno Díaz', 'Ana Lima']);
    expect(names(await list({}))).toEqual(['Bruno Díaz', 'Ana Lima', 'Zoë Ramos']);
    const first = await list({ sort: 'start', limit: '2' });
    expect(names(first)).toEqual(['Ana Lima', 'Bruno Díaz']);
    const second = await list({ sort: 'start', limit: '2', cursor: first.nextCursor! });
    expect(names(second)).toEqual(['Zoë Ramos']);
    expect(second.nextCursor).toBeNull();
  });

  it('finds by part of the name or email (any case), the phone’s digits, or the code', async () => {
    expect(names(await list({ q: 'lima' }))).toEqual(['Ana Lima']);
    expect(names(await list({ q: 'EXAMPLE.NET' }))).toEqual(['Bruno Díaz']);
    expect(names(await list({ q: '020 7946' }))).toEqual(['Zoë Ramos']);
    expect(names(await list({ q: made[2]!.code.toLowerCase() }))).toEqual(['Bruno Díaz']);
    expect(names(await list({ q: 'nobody' }))).toEqual([]);
    // Search combines with the other filters and the sort.
    expect(names(await list({ q: 'example', sort: 'start', status: 'confirmed' }))).toEqual([
      'Ana Lima',
      'Bruno Díaz',
      'Zoë Ramos',
    ]);
  });

  it('refuses an unknown sort and an overlong search with 422, never a 500', async () => {
    for (const query of [{ sort: 'price' }, { q: 'x'.repeat(101) }]) {
      const r = await app.http.get('/v1/admin/bookings').set(owner.auth).query(query);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('validation_failed');
    }
  });
});
