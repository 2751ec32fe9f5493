import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type pg from 'pg';
import { tenantData } from '../customers/fixtures';
import { signupOwner, type TestApp } from '../support/test-app';

// Random writes for the roll-up consistency test: every kind of change to bookings and the
// ledger, run as the application's role (RLS and grants apply, as in the app).

export const ZONES = [
  'Europe/London',
  'America/New_York',
  'Asia/Tokyo',
  'Pacific/Chatham',
] as const;
const STATUSES = [
  'pending_payment',
  'pending',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
] as const;
const ENTRIES = ['authorized', 'captured', 'released', 'refunded', 'fee', 'dispute'] as const;
const PHASES = ['pending', 'succeeded', 'failed'] as const;
/** Around the UK and US clock changes of March 2026, so local days and hours cross DST. */
const BASE = Date.parse('2026-03-27T00:00:00Z');
const HOUR = 3_600_000;

export type Op =
  | {
      kind: 'create';
      p: number;
      s: number;
      status: number;
      at: number;
      minutes: number;
      price: number;
      usd: boolean;
      seat: number | null;
    }
  | { kind: 'status'; b: number; status: number }
  | { kind: 'move'; b: number; hours: number }
  | { kind: 'reassign'; b: number; p: number; s: number }
  | { kind: 'price'; b: number; price: number }
  | { kind: 'delete'; b: number }
  | {
      kind: 'ledger';
      b: number;
      entry: number;
      phase: number;
      amount: number;
      at: number;
      usd: boolean;
    }
  | { kind: 'zone'; zone: number };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      p: fc.nat(2),
      s: fc.nat(2),
      status: fc.nat(6),
      at: fc.nat(24 * 6),
      minutes: fc.constantFrom(15, 30, 45, 90),
      price: fc.nat(9000),
      usd: fc.boolean(),
      seat: fc.option(fc.nat(2), { freq: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('status' as const), b: fc.nat(), status: fc.nat(6) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      b: fc.nat(),
      hours: fc.integer({ min: -60, max: 60 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reassign' as const),
      b: fc.nat(),
      p: fc.nat(2),
      s: fc.nat(2),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('price' as const), b: fc.nat(), price: fc.nat(9000) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), b: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('ledger' as const),
      b: fc.nat(),
      entry: fc.nat(5),
      phase: fc.nat(2),
      amount: fc.nat(5000),
      at: fc.nat(24 * 6),
      usd: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('zone' as const), zone: fc.nat(ZONES.length - 1) }),
  },
);

export interface World {
  tenantId: string;
  providers: string[];
  services: string[];
  customerId: string;
}

export async function world(app: TestApp): Promise<World> {
  const owner = await signupOwner(app, { timeZone: 'Europe/London' });
  const d = tenantData(app, owner.tenantId);
  const services = [
    (await d.service({ name: 'Cut' })).id,
    (await d.service({ name: 'Colour' })).id,
    (await d.service({ name: 'Class', capacity: 3 })).id,
  ];
  const providers: string[] = [];
  for (const name of ['Noor', 'Sam', 'Kim']) providers.push((await d.provider({ name })).id);
  const customerId = (await d.customer({ name: 'Ada', email: 'ada@example.com' })).id;
  return { tenantId: owner.tenantId, providers, services, customerId };
}

/** Runs one write as the application's role in the tenant (RLS and grants apply, as in the app). */
export async function asApp(c: pg.Client, tenantId: string, sql: string, params: unknown[]) {
  await c.query('BEGIN');
  try {
    await c.query('SET LOCAL ROLE slotwise_app');
    await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    await c.query(sql, params);
    await c.query('COMMIT');
    return true;
  } catch {
    // Refused by a constraint (overlap, capacity, limits, ledger foreign key): nothing changed.
    await c.query('ROLLBACK');
    return false;
  }
}

export async function apply(
  c: pg.Client,
  w: World,
  op: Op,
  ids: string[],
  done?: Map<string, number>,
) {
  const ok = await write(c, w, op, ids);
  if (ok) done?.set(op.kind, (done.get(op.kind) ?? 0) + 1);
}

/** Whether the write went through (a refused one changed nothing). */
async function write(c: pg.Client, w: World, op: Op, ids: string[]): Promise<boolean> {
  const pick = (i: number) => ids[i % Math.max(ids.length, 1)];
  switch (op.kind) {
    case 'create': {
      const id = randomUUID();
      const start = new Date(BASE + op.at * HOUR + (op.at % 4) * 15 * 60_000);
      const end = new Date(start.getTime() + op.minutes * 60_000);
      // A class seat shares its session's key, start and service.
      const seat = op.seat !== null;
      const classStart = new Date(BASE + (op.seat ?? 0) * 29 * HOUR);
      const ok = await asApp(
        c,
        w.tenantId,
        `INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
           confirmation_code, manage_token_hash, price_cents, currency, session_key, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())`,
        [
          id,
          w.tenantId,
          seat ? w.services[2] : w.services[op.s],
          seat ? w.providers[2] : w.providers[op.p],
          w.customerId,
          STATUSES[op.status],
          seat ? classStart : start,
          seat ? new Date(classStart.getTime() + 60 * 60_000) : end,
          id.slice(0, 8).toUpperCase(),
          randomUUID(),
          op.price,
          op.usd ? 'USD' : 'EUR',
          seat ? `class-${op.seat}` : null,
        ],
      );
      if (ok) ids.push(id);
      return ok;
    }
    case 'status':
      return (
        ids.length > 0 &&
        asApp(c, w.tenantId, `UPDATE bookings SET status = $2 WHERE id = $1`, [
          pick(op.b),
          STATUSES[op.status],
        ])
      );
    case 'move':
      return (
        ids.length > 0 &&
        asApp(
          c,
          w.tenantId,
          `UPDATE bookings SET start_at = start_at + make_interval(hours => $2), end_at = end_at + make_interval(hours => $2) WHERE id = $1`,
          [pick(op.b), op.hours],
        )
      );
    case 'reassign':
      return (
        ids.length > 0 &&
        asApp(
          c,
          w.tenantId,
          `UPDATE bookings SET provider_id = $2, service_id = $3 WHERE id = $1`,
          [pick(op.b), w.providers[op.p], w.services[op.s]],
        )
      );
    case 'price':
      return (
        ids.length > 0 &&
        asApp(c, w.tenantId, `UPDATE bookings SET price_cents = $2 WHERE id = $1`, [
          pick(op.b),
          op.price,
        ])
      );
    case 'delete': {
      if (!ids.length) return false;
      const id = pick(op.b)!;
      const ok = await asApp(c, w.tenantId, `DELETE FROM bookings WHERE id = $1`, [id]);
      if (ok) ids.splice(ids.indexOf(id), 1);
      return ok;
    }
    case 'ledger': {
      if (!ids.length) return false;
      const key = `op-${randomUUID()}`;
      const phase = PHASES[op.phase]!;
      return asApp(
        c,
        w.tenantId,
        `INSERT INTO payment_ledger (id, tenant_id, booking_id, entry, phase, amount_minor, currency, operation_key,
           idempotency_key, gateway, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'local', $10)`,
        [
          randomUUID(),
          w.tenantId,
          pick(op.b),
          ENTRIES[op.entry],
          phase,
          op.amount,
          op.usd ? 'USD' : 'EUR',
          key,
          `${key}:${phase}`,
          new Date(BASE + op.at * HOUR),
        ],
      );
    }
    case 'zone':
      return asApp(c, w.tenantId, `UPDATE tenants SET time_zone = $2 WHERE id = $1`, [
        w.tenantId,
        ZONES[op.zone],
      ]);
  }
}
