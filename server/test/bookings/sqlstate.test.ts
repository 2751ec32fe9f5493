import { pgAvailabilitySnapshots, pgBookingStore } from '../../src/adapters/postgres/booking-store';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  classifySqlError,
  isExclusionViolation,
  sqlStateOf,
} from '../../src/adapters/postgres/sql-errors';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import { ConfirmationCodeTaken } from '../../src/ports/repositories';
import type { TestApp } from '../support/test-app';
import { assertNoOverlaps, catalogue, signupOwner, startBookingApp, type Owner } from './fixtures';

// Hundreds of real HTTP requests and transactions per file: slower than unit tests on a busy machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

/** How Prisma 7 reports a database error: its own code, and the SQLSTATE we classify by. */
function codes(err: unknown) {
  return { prisma: (err as { code?: string }).code, sqlState: sqlStateOf(err) };
}

async function rawBooking(
  serviceId: string,
  providerId: string,
  start: string,
  end: string,
  extra: { sessionKey?: string } = {},
) {
  return withTenant(app.system.db.prisma, owner.tenantId, async (tx) => {
    const customer = await tx.customer.create({
      data: { tenantId: owner.tenantId, name: 'Pin', email: `pin-${randomUUID()}@example.com` },
    });
    return tx.booking.create({
      data: {
        tenantId: owner.tenantId,
        serviceId,
        providerId,
        customerId: customer.id,
        status: 'confirmed',
        startAt: new Date(start),
        endAt: new Date(end),
        confirmationCode: randomUUID().slice(0, 8).toUpperCase(),
        manageTokenHash: randomUUID(),
        currency: 'USD',
        ...(extra.sessionKey ? { sessionKey: extra.sessionKey } : {}),
      },
    });
  });
}

describe('how the database reports conflicts (pinned, because the use cases rely on it)', () => {
  // The booking's own provider is held by its 'primary' participant row, under the one exclusion
  // constraint booking_participants_no_overlap (ADR 0025): an insert meets it in the trigger that
  // writes that row (SW002), a move in the update of that row (23P01). Both are slot_taken.
  it('an overlapping insert through the Prisma client fails with SQLSTATE SW002, surfaced as P2039 or P2010', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner);
    await rawBooking(serviceId, providerIds[0]!, '2030-02-01T10:00:00Z', '2030-02-01T11:00:00Z');
    const err = await rawBooking(
      serviceId,
      providerIds[0]!,
      '2030-02-01T10:30:00Z',
      '2030-02-01T11:30:00Z',
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    const c = codes(err);
    expect(c.sqlState).toBe('SW002');
    expect(['P2039', 'P2010']).toContain(c.prisma);
    expect(classifySqlError(err)).toBe('slot_taken');
    // Touching ranges ([10:00, 11:00) and [11:00, 12:00)) do not conflict.
    await rawBooking(serviceId, providerIds[0]!, '2030-02-01T11:00:00Z', '2030-02-01T12:00:00Z');
  });

  it('the same conflict from a raw query is SW002 too (P2010)', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Raw' });
    const first = await rawBooking(
      serviceId,
      providerIds[0]!,
      '2030-02-02T10:00:00Z',
      '2030-02-02T11:00:00Z',
    );
    // A copy of the booking shifted by 30 minutes: it overlaps the original.
    const err = await withTenant(
      app.system.db.prisma,
      owner.tenantId,
      (tx) =>
        tx.$executeRaw`INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
          confirmation_code, manage_token_hash, currency, updated_at)
        SELECT gen_random_uuid(), tenant_id, service_id, provider_id, customer_id, status, start_at + interval '30 minutes',
          end_at + interval '30 minutes', 'RAWRAW22', gen_random_uuid()::text, currency, now()
        FROM bookings WHERE id = ${first.id}::uuid`,
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(codes(err)).toEqual({ prisma: 'P2010', sqlState: 'SW002' });
  });

  it('moving a booking over another of its provider fails with SQLSTATE 23P01 (the participants constraint)', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Move' });
    await rawBooking(serviceId, providerIds[0]!, '2030-02-04T10:00:00Z', '2030-02-04T11:00:00Z');
    const later = await rawBooking(serviceId, providerIds[0]!, '2030-02-04T12:00:00Z', '2030-02-04T13:00:00Z');
    const err = await withTenant(app.system.db.prisma, owner.tenantId, (tx) =>
      tx.booking.update({
        where: { id: later.id },
        data: { startAt: new Date('2030-02-04T10:30:00Z'), endAt: new Date('2030-02-04T11:30:00Z') },
      }),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    const c = codes(err);
    expect(c.sqlState).toBe('23P01');
    expect(['P2039', 'P2010']).toContain(c.prisma);
    expect(isExclusionViolation(err)).toBe(true);
    expect(classifySqlError(err)).toBe('slot_taken');
  });

  it('overfilling a class session fails in the capacity trigger with SQLSTATE SW001', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { capacity: 2, name: 'Class' });
    const key = `${serviceId}:2030-02-03T10:00:00.000Z`;
    await rawBooking(serviceId, providerIds[0]!, '2030-02-03T10:00:00Z', '2030-02-03T11:00:00Z', {
      sessionKey: key,
    });
    await rawBooking(serviceId, providerIds[0]!, '2030-02-03T10:00:00Z', '2030-02-03T11:00:00Z', {
      sessionKey: key,
    });
    const err = await rawBooking(
      serviceId,
      providerIds[0]!,
      '2030-02-03T10:00:00Z',
      '2030-02-03T11:00:00Z',
      { sessionKey: key },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(codes(err).sqlState).toBe('SW001');
    expect(['P2039', 'P2010']).toContain(codes(err).prisma);
    await assertNoOverlaps(app);
  });

  it('a confirmation code already used in the tenant is reported as ConfirmationCodeTaken (the use case draws another)', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Codes' });
    const first = await rawBooking(
      serviceId,
      providerIds[0]!,
      '2030-02-04T10:00:00Z',
      '2030-02-04T11:00:00Z',
    );
    const read = await pgAvailabilitySnapshots(app.system.db.pool).loadForBooking(
      owner.tenantId,
      {
        serviceId,
        providerId: providerIds[0]!,
        fromUtc: new Date('2030-02-04T12:00:00Z'),
        toUtc: new Date('2030-02-04T12:00:01Z'),
      },
      { email: 'dup@example.com', phone: null },
    );
    const err = await pgBookingStore(app.system.db.pool, app.system.db.prisma)
      .create(owner.tenantId, {
        booking: {
          id: randomUUID(),
          serviceId,
          providerId: providerIds[0]!,
          customerId: randomUUID(),
          outsideAvailability: false,
          status: 'confirmed',
          startAt: new Date('2030-02-04T12:00:00Z'),
          endAt: new Date('2030-02-04T13:00:00Z'),
          bufferBeforeMinutes: 0,
          bufferAfterMinutes: 0,
          sessionKey: null,
          seats: 1,
          confirmationCode: first.confirmationCode,
          manageTokenHash: randomUUID(),
          priceCents: 0,
          currency: 'USD',
          depositCents: 0,
          customerTimeZone: null,
          customerNotes: '',
          staffNotes: '',
          source: 'admin',
        },
        newCustomer: { name: 'Dup', email: 'dup@example.com', phone: null, timeZone: null },
        scheduleVersion: read!.versions.get(providerIds[0]!)!,
        answers: [],
        event: {
          action: 'create',
          fromStatus: null,
          toStatus: 'confirmed',
          actorType: 'system',
          actorId: null,
        },
        outbox: [],
        joinedLater: false,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ConfirmationCodeTaken);
  });
});

describe('classifySqlError: the one SQLSTATE table', () => {
  it.each([
    [{ code: 'SW001' }, 'slot_taken'],
    [{ code: 'SW002' }, 'slot_taken'],
    [{ code: 'SW004' }, 'schedule_changed'],
    [{ code: 'SW005' }, 'customer_changed'],
    [{ code: '40P01' }, 'retry'],
    [{ code: '40001' }, 'retry'],
    [{ code: '57P01' }, 'unavailable'],
    [{ code: '08006' }, 'unavailable'],
    [
      { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '57P01' } } } },
      'unavailable',
    ],
    [{ code: 'ECONNREFUSED' }, 'unavailable'],
    [
      new AggregateError([Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })]),
      'unavailable',
    ],
    [new Error('Connection terminated unexpectedly'), 'unavailable'],
    [{ code: '23P01' }, 'slot_taken'],
    [{ code: '22P02' }, 'bad_input'],
    [{ code: '23505' }, undefined],
    // A statement PostgreSQL cannot parse, or a missing table, is a bug: unclassified, a 500.
    [{ code: '42601' }, undefined],
    [{ code: '42P01' }, undefined],
    [new Error('boom'), undefined],
  ] as const)('%o → %s', (err, kind) => {
    expect(classifySqlError(err)).toBe(kind);
  });
});
