import { keyedSecrets } from '../../src/adapters/crypto/keyed-secrets';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgAvailabilitySnapshots, pgBookingStore } from '../../src/adapters/postgres/booking-store';
import { prismaManageLinkDirectory } from '../../src/adapters/prisma/repositories/bookings';
import { AppError } from '../../src/app/errors';
import { createBooking, type NewBookingRequest } from '../../src/app/bookings/create-booking';
import type { BookingDeps } from '../../src/app/bookings/deps';
import { TEST_SECRETS_KEY, type TestApp } from '../support/test-app';
import {
  NOW,
  at,
  catalogue,
  manualClock,
  orphanCustomers,
  ownerQuery,
  signupOwner,
  startBookingApp,
  type Owner,
} from './fixtures';

// The engine validates a slot on a snapshot read; the write must refuse it when the schedule it
// used changed before the write (booking_create compares schedule_versions: SQLSTATE SW004).
// Deterministic: the change is made by a hook that runs after the read and before the write.

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let app: TestApp;
let owner: Owner;
/** Runs once, between the next booking's snapshot read and its write. */
let between: (() => Promise<void>) | null = null;
let deps: BookingDeps;

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app, { timeZone: 'UTC' });
  const snapshots = pgAvailabilitySnapshots(app.system.db.pool);
  deps = {
    uow: app.system.uow,
    snapshots: {
      load: snapshots.load,
      async loadForBooking(...args) {
        const read = await snapshots.loadForBooking(...args);
        const hook = between;
        between = null;
        await hook?.();
        return read;
      },
    },
    bookingStore: pgBookingStore(app.system.db.pool, app.system.db.prisma),
    directory: app.system.directory,
    links: prismaManageLinkDirectory(app.system.db.prisma),
    clock: manualClock(NOW),
    icsDomain: 'book.example.com',
    publicUrl: 'https://book.example.com',
    secrets: keyedSecrets(Buffer.from(TEST_SECRETS_KEY, 'base64')),
  };
});
afterAll(async () => app?.close());

let seq = 0;
async function bookWith(
  change: (() => Promise<void>) | null,
  req: Partial<NewBookingRequest> & { serviceId: string; start: string },
) {
  between = change;
  seq += 1;
  const tenant = (await app.system.directory.findTenantBySlug(owner.slug))!;
  const result = await createBooking(
    deps,
    tenant,
    {
      providerId: null,
      customer: { name: `Recheck ${seq}`, email: `recheck-${seq}@example.com` },
      timeZone: 'UTC',
      notes: '',
      answers: {},
      ...req,
    },
    {
      source: 'public',
      overrideAvailability: false,
      staffNotes: '',
      actor: null,
    },
  ).then(
    (r) => ({ ok: true as const, booking: r.booking }),
    (err: unknown) => ({ ok: false as const, err }),
  );
  expect(between, 'the hook ran').toBeNull();
  return result;
}

async function expectRefused(r: Awaited<ReturnType<typeof bookWith>>, serviceId: string) {
  expect(r.ok).toBe(false);
  const err = (r as { err: unknown }).err;
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('slot_unavailable');
  expect((err as AppError).details).toEqual({ reason: 'schedule_changed' });
  const rows = await ownerQuery(app, 'SELECT id FROM bookings WHERE service_id = $1', [serviceId]);
  expect(rows).toEqual([]);
  expect(await orphanCustomers(app, owner.tenantId)).toBe(0);
}

const admin = () => app.http;

describe('the booking write re-checks the schedule the engine used', () => {
  it('working hours changed between the read and the write → 409 slot_unavailable, nothing written', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Hours' });
    const r = await bookWith(
      async () => {
        await admin()
          .put(`/v1/admin/providers/${providerIds[0]}/hours`)
          .set(owner.auth)
          .send({ intervals: [{ weekday: 2, startTime: '13:00', endTime: '17:00' }] })
          .expect(200);
      },
      { serviceId, providerId: providerIds[0]!, start: at(1, '10:00') },
    );
    await expectRefused(r, serviceId);
    // Read again, the engine sees the new hours: 10:00 is closed, 14:00 is bookable.
    const again = await bookWith(null, {
      serviceId,
      providerId: providerIds[0]!,
      start: at(1, '14:00'),
    });
    expect(again.ok).toBe(true);
  });

  it.each([
    [
      'a blackout on that day',
      async (c: Ctx) => {
        await admin()
          .post('/v1/admin/blackouts')
          .set(owner.auth)
          .send({
            name: 'Holiday',
            startDate: at(1, '00:00').slice(0, 10),
            endDate: at(1, '00:00').slice(0, 10),
          })
          .expect(201);
        return c;
      },
    ],
    [
      'the provider deactivated',
      async (c: Ctx) => {
        await admin()
          .patch(`/v1/admin/providers/${c.providerId}`)
          .set(owner.auth)
          .send({ active: false })
          .expect(200);
        return c;
      },
    ],
    [
      'a date override for the provider',
      async (c: Ctx) => {
        const day = at(1, '00:00').slice(0, 10);
        await admin()
          .post(`/v1/admin/providers/${c.providerId}/overrides`)
          .set(owner.auth)
          .send({
            startDate: day,
            endDate: day,
            intervals: [{ startTime: '15:00', endTime: '16:00' }],
          })
          .expect(201);
        return c;
      },
    ],
    [
      'a new busy interval (calendar sync)',
      async (c: Ctx) => {
        await ownerQuery(
          app,
          `INSERT INTO external_busy (id, tenant_id, provider_id, start_at, end_at) VALUES (gen_random_uuid(), $1, $2, $3, $4)`,
          [owner.tenantId, c.providerId, at(1, '09:30'), at(1, '10:30')],
        );
        return c;
      },
    ],
    [
      'the service changed (a longer buffer)',
      async (c: Ctx) => {
        await admin()
          .patch(`/v1/admin/services/${c.serviceId}`)
          .set(owner.auth)
          .send({ bufferAfterMinutes: 30 })
          .expect(200);
        return c;
      },
    ],
  ] as const)('%s between the read and the write → 409 slot_unavailable', async (label, change) => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: label });
    const ctx = { serviceId, providerId: providerIds[0]! };
    const r = await bookWith(async () => void (await change(ctx)), {
      serviceId,
      providerId: providerIds[0]!,
      start: at(1, '10:00'),
    });
    await expectRefused(r, serviceId);
    // Blackouts are business-wide: lift it so the other cases book on that day.
    await ownerQuery(app, 'DELETE FROM blackouts WHERE tenant_id = $1', [owner.tenantId]);
  });

  it('"any provider": a change to the chosen provider’s hours refuses the write too', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Any', providers: 2 });
    const r = await bookWith(
      async () => {
        for (const id of providerIds)
          await admin()
            .put(`/v1/admin/providers/${id}/hours`)
            .set(owner.auth)
            .send({ intervals: [{ weekday: 2, startTime: '13:00', endTime: '17:00' }] })
            .expect(200);
      },
      { serviceId, start: at(1, '10:00') },
    );
    await expectRefused(r, serviceId);
  });

  it('what the slot does not depend on does not refuse it: another provider’s hours, another booking', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, {
      name: 'Unrelated',
      providers: 2,
    });
    const other = await bookWith(
      async () => {
        await admin()
          .put(`/v1/admin/providers/${providerIds[1]}/hours`)
          .set(owner.auth)
          .send({ intervals: [{ weekday: 3, startTime: '09:00', endTime: '10:00' }] })
          .expect(200);
      },
      { serviceId, providerId: providerIds[0]!, start: at(1, '10:00') },
    );
    expect(other.ok).toBe(true);
    // Bookings are not schedule: the exclusion constraint settles them (not counted in the version).
    const booked = await bookWith(
      async () => {
        const r = await admin()
          .post(`/v1/public/tenants/${owner.slug}/bookings`)
          .send({
            serviceId,
            providerId: providerIds[0],
            start: at(1, '12:00'),
            customer: { name: 'Meanwhile', email: 'meanwhile@example.com' },
            timeZone: 'UTC',
          });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      },
      { serviceId, providerId: providerIds[0]!, start: at(1, '14:00') },
    );
    expect(booked.ok).toBe(true);
  });

  it('a customer created between the read and the write is matched on a second read, not duplicated', async () => {
    const { serviceId, providerIds } = await catalogue(app, owner, { name: 'Same person' });
    const email = 'same-person@example.com';
    const first = await bookWith(
      async () => {
        const r = await admin()
          .post(`/v1/public/tenants/${owner.slug}/bookings`)
          .send({
            serviceId,
            providerId: providerIds[0],
            start: at(1, '11:00'),
            customer: { name: 'Same', email },
            timeZone: 'UTC',
          });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      },
      {
        serviceId,
        providerId: providerIds[0]!,
        start: at(1, '15:00'),
        customer: { name: 'Same', email },
      },
    );
    expect(first.ok).toBe(true);
    const customers = await ownerQuery<{ id: string }>(
      app,
      'SELECT id FROM customers WHERE tenant_id = $1 AND email = $2',
      [owner.tenantId, email],
    );
    expect(customers).toHaveLength(1);
    expect((first as { booking: { customerId: string } }).booking.customerId).toBe(
      customers[0]!.id,
    );
  });
});

interface Ctx {
  serviceId: string;
  providerId: string;
}
