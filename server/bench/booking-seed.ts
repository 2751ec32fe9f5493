import { signupOwner, type TestApp } from '../test/support/test-app';
import { api } from './support';

/**
 * The booking benchmarks' business (bench/booking.ts, bench/booking-wal.ts): `providers` providers
 * working around the clock in UTC and one 30-minute service they all offer, bookable `days` ahead.
 */
export async function seedBookingTenant(app: TestApp, providers: number, days: number) {
  const owner = await signupOwner(app, { timeZone: 'UTC' });
  const providerIds: string[] = [];
  for (let i = 0; i < providers; i++) {
    const p = await api(app, 'post', '/v1/admin/providers', owner.auth, {
      name: `Provider ${i}`,
      timeZone: 'UTC',
      sortOrder: i,
    });
    providerIds.push(p.id);
    await api(app, 'put', `/v1/admin/providers/${p.id}/hours`, owner.auth, {
      intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        startTime: '00:00',
        endTime: '24:00',
      })),
    });
  }
  const service = await api(app, 'post', '/v1/admin/services', owner.auth, {
    name: 'Consultation',
    durationMinutes: 30,
    priceCents: 5000,
    currency: 'USD',
    maxAdvanceDays: days + 10,
    providerIds,
  });
  return { slug: owner.slug as string, serviceId: service.id as string, providerIds };
}
