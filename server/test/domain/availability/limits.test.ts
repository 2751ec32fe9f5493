import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSlots, type DayLoad } from '../../../src/domain/availability';
import { arbQuery } from './arbitraries';
import { booking, query, wallStarts, weekly } from './fixtures';

const load = (date: string, over: Partial<DayLoad> = {}): DayLoad => ({
  providerId: 'p1',
  date,
  bookings: 0,
  minutes: 0,
  serviceBookings: 0,
  serviceMinutes: 0,
  ...over,
});

describe('booking limits in the engine', () => {
  const base = query({
    service: { durationMinutes: 60 },
    rules: weekly('p1', '09:00', '12:00'),
    from: '2026-03-02', // Monday
    to: '2026-03-03',
  });
  const days = (q: typeof base) => {
    const out: Record<string, string[]> = {};
    for (const s of computeSlots(q)) {
      const d = new Date(s.start).toISOString().slice(0, 10);
      (out[d] ??= []).push(wallStarts([s], 'UTC')[0]!);
    }
    return out;
  };

  it('hides a provider-day that reached its booking count, and only that day', () => {
    const q = {
      ...base,
      providers: [{ id: 'p1', timeZone: 'UTC', sortOrder: 0, limits: { bookingsPerDay: 2 } }],
      loads: [load('2026-03-02', { bookings: 2, minutes: 120 })],
    };
    expect(days(q)).toEqual({ '2026-03-03': ['09:00', '10:00', '11:00'] });
  });

  it('counts minutes: a 60-minute slot does not fit 30 minutes left of a 4-hour day', () => {
    const q = {
      ...base,
      providers: [{ id: 'p1', timeZone: 'UTC', sortOrder: 0, limits: { minutesPerDay: 240 } }],
      loads: [load('2026-03-02', { bookings: 3, minutes: 210 })],
    };
    expect(days(q)['2026-03-02']).toBeUndefined();
    expect(
      days({ ...q, loads: [load('2026-03-02', { minutes: 180 })] })['2026-03-02'],
    ).toHaveLength(3);
  });

  it('sums an ISO week in the provider zone (Monday first): last Sunday does not count', () => {
    const q = {
      ...base,
      service: { ...base.service, limits: { bookingsPerWeek: 3 } },
      loads: [
        load('2026-03-01', { bookings: 9, serviceBookings: 9 }), // Sunday of the week before
        load('2026-03-02', { bookings: 5, serviceBookings: 1 }),
        load('2026-03-03', { bookings: 1, serviceBookings: 1 }),
      ],
    };
    // Service limit: only this service's 2 bookings count, so a third still fits.
    expect(Object.keys(days(q))).toEqual(['2026-03-02', '2026-03-03']);
    const full = { ...q, loads: [...q.loads, load('2026-03-08', { serviceBookings: 1 })] };
    expect(days(full)).toEqual({});
  });

  it('keeps a minimum gap around the provider’s bookings, not around busy time', () => {
    const q = query({
      service: { durationMinutes: 30, slotIntervalMinutes: 15 },
      providers: [{ id: 'p1', timeZone: 'UTC', sortOrder: 0, limits: { minGapMinutes: 15 } }],
      rules: weekly('p1', '09:00', '11:00'),
      bookings: [booking('2026-03-02T09:30Z', '2026-03-02T10:00Z', { serviceId: 'other' })],
      busy: [
        {
          providerId: 'p1',
          start: Date.parse('2026-03-02T10:45Z'),
          end: Date.parse('2026-03-02T11:00Z'),
        },
      ],
    });
    expect(wallStarts(computeSlots(q), 'UTC')).toEqual(['10:15']);
  });

  it('moves starts by the provider’s and the service’s start offsets together', () => {
    const q = query({
      service: { durationMinutes: 30, limits: { startOffsetMinutes: 5 } },
      providers: [{ id: 'p1', timeZone: 'UTC', sortOrder: 0, limits: { startOffsetMinutes: 10 } }],
      rules: weekly('p1', '09:00', '10:30'),
    });
    expect(wallStarts(computeSlots(q), 'UTC')).toEqual(['09:15', '09:45']);
    expect(
      wallStarts(computeSlots({ ...q, service: { ...q.service, slotPlacement: 'fill' } }), 'UTC'),
    ).toEqual(['09:15', '09:45']);
  });

  it('property: count limits only remove slots, and never leave a provider over a limit', () => {
    const arb = fc.tuple(
      arbQuery,
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 60, max: 600 }),
    );
    fc.assert(
      fc.property(arb, ([q, perDay, booked, minutesPerWeek]) => {
        const limited = {
          ...q,
          providers: q.providers.map((p) => ({ ...p, limits: { bookingsPerDay: perDay } })),
          service: { ...q.service, limits: { minutesPerWeek } },
          loads: q.providers.flatMap((p) =>
            [-2, -1, 0, 1, 2, 3, 4, 5].map((k) => {
              const date = new Date(Date.parse(`${q.from}T00:00Z`) + k * 86_400_000)
                .toISOString()
                .slice(0, 10);
              return load(date, {
                providerId: p.id,
                bookings: booked,
                serviceMinutes: 30 * booked,
              });
            }),
          ),
        };
        const free = new Map(computeSlots(q).map((s) => [s.start, s.providerIds]));
        for (const s of computeSlots(limited)) {
          expect(s.providerIds.every((id) => free.get(s.start)?.includes(id))).toBe(true);
          // bookingsPerDay: every listed provider had room for one more.
          expect(booked + 1).toBeLessThanOrEqual(perDay);
        }
      }),
      { numRuns: 150 },
    );
  });
});
