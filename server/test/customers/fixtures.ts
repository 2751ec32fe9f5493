import { randomBytes, randomUUID } from 'node:crypto';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import type { BookingStatus } from '../../src/domain/booking/lifecycle';
import type { TestApp } from '../support/test-app';

/**
 * Rows written straight into a tenant (through RLS, as the app role) for tests that need data
 * the public flows would take many calls to build: bookings in any status, at any time.
 */
/** Transaction limit for fixture writes (test setup only). */
export const FIXTURE_TX_TIMEOUT_MS = 180_000;

export function tenantData(app: TestApp, tenantId: string) {
  // Fixtures may write hundreds of rows in one transaction; on a loaded machine that outlasts
  // the 15 s limit production requests get, which is about requests, not test setup.
  const run = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(app.system.db.prisma, tenantId, fn, { timeoutMs: FIXTURE_TX_TIMEOUT_MS });

  return {
    run,

    service: (
      o: {
        name?: string;
        priceCents?: number;
        currency?: string;
        durationMinutes?: number;
        capacity?: number;
      } = {},
    ) =>
      run((tx) =>
        tx.service.create({
          data: {
            tenantId,
            name: o.name ?? 'Massage',
            durationMinutes: o.durationMinutes ?? 60,
            priceCents: o.priceCents ?? 5000,
            currency: o.currency ?? 'EUR',
            capacity: o.capacity ?? 1,
          },
        }),
      ),

    provider: (
      o: { name?: string; timeZone?: string; serviceIds?: string[]; sortOrder?: number } = {},
    ) =>
      run(async (tx) => {
        const p = await tx.provider.create({
          data: {
            tenantId,
            name: o.name ?? 'Noor',
            timeZone: o.timeZone ?? 'Europe/London',
            sortOrder: o.sortOrder ?? 0,
          },
        });
        for (const serviceId of o.serviceIds ?? [])
          await tx.providerService.create({ data: { tenantId, providerId: p.id, serviceId } });
        return p;
      }),

    rule: (providerId: string, weekday: number, startTime: string, endTime: string) =>
      run((tx) =>
        tx.availabilityRule.create({ data: { tenantId, providerId, weekday, startTime, endTime } }),
      ),

    customer: (o: {
      name: string;
      email?: string | null;
      phone?: string | null;
      notes?: string;
      createdAt?: Date;
    }) =>
      run((tx) =>
        tx.customer.create({
          data: {
            tenantId,
            name: o.name,
            email: o.email ?? null,
            phone: o.phone ?? null,
            notes: o.notes ?? '',
            createdAt: o.createdAt,
          },
        }),
      ),

    booking: (o: {
      serviceId: string;
      providerId: string;
      customerId: string;
      start: string;
      minutes?: number;
      status?: BookingStatus;
      priceCents?: number;
      currency?: string;
      customerNotes?: string;
      sessionKey?: string;
      seats?: number;
    }) =>
      run((tx) => {
        const startAt = new Date(o.start);
        return tx.booking.create({
          data: {
            tenantId,
            serviceId: o.serviceId,
            providerId: o.providerId,
            customerId: o.customerId,
            status: o.status ?? 'confirmed',
            startAt,
            endAt: new Date(startAt.getTime() + (o.minutes ?? 60) * 60_000),
            confirmationCode: randomBytes(4).toString('hex').toUpperCase(),
            manageTokenHash: randomUUID(),
            priceCents: o.priceCents ?? 5000,
            currency: o.currency ?? 'EUR',
            customerNotes: o.customerNotes ?? '',
            ...(o.sessionKey ? { sessionKey: o.sessionKey } : {}),
            seats: o.seats ?? 1,
          },
        });
      }),
  };
}
