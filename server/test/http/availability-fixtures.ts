import type { Availability } from '@slotwise/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import type { TestApp } from '../support/test-app';

/** A clock the test moves by hand. */
export function manualClock(iso: string) {
  let now = Date.parse(iso);
  return {
    now: () => new Date(now),
    set(at: string) {
      now = Date.parse(at);
    },
  };
}

/**
 * Inserts a booking straight into the database (no booking API involved), the way any writer
 * would: in the tenant's transaction, so RLS and the triggers apply.
 */
export async function insertBooking(
  app: TestApp,
  tenantId: string,
  b: {
    serviceId: string;
    providerId: string;
    start: string;
    end: string;
    status?: 'pending' | 'confirmed' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';
    bufferBeforeMinutes?: number;
    bufferAfterMinutes?: number;
    seats?: number;
    sessionKey?: string;
  },
) {
  return withTenant(app.system.db.prisma, tenantId, async (tx) => {
    const customer = await tx.customer.create({
      data: { tenantId, name: 'Walk-in', email: `c-${randomUUID()}@example.com` },
    });
    const id = randomUUID();
    return tx.booking.create({
      data: {
        id,
        tenantId,
        serviceId: b.serviceId,
        providerId: b.providerId,
        customerId: customer.id,
        status: b.status ?? 'confirmed',
        startAt: new Date(b.start),
        endAt: new Date(b.end),
        bufferBeforeMinutes: b.bufferBeforeMinutes ?? 0,
        bufferAfterMinutes: b.bufferAfterMinutes ?? 0,
        seats: b.seats ?? 1,
        sessionKey: b.sessionKey ?? id,
        confirmationCode: randomBytes(4).toString('hex').toUpperCase(),
        manageTokenHash: randomBytes(32).toString('hex'),
        currency: 'USD',
      },
    });
  });
}

export async function insertBusy(
  app: TestApp,
  tenantId: string,
  providerId: string,
  start: string,
  end: string,
) {
  await withTenant(app.system.db.prisma, tenantId, (tx) =>
    tx.externalBusy.create({
      data: { tenantId, providerId, startAt: new Date(start), endAt: new Date(end) },
    }),
  );
}

export type AvailabilityDto = Availability;
export type SlotDto = Availability['days'][number]['slots'][number];

/** date -> local start times, for compact assertions. */
export function localTimes(body: AvailabilityDto): Record<string, string[]> {
  return Object.fromEntries(body.days.map((d) => [d.date, d.slots.map((s) => s.localTime)]));
}
