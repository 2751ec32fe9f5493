import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffDelayMs,
  bookingEventId,
  bookingIdOfEventId,
  busyIntervalOf,
  type BusyCandidate,
} from '../../../src/domain/calendar';

const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) })
  .map((t) => new Date(t));
const candidate: fc.Arbitrary<BusyCandidate> = fc.record({
  status: fc.constantFrom('confirmed', 'tentative', 'cancelled'),
  start: instant,
  end: instant,
  allDay: fc.constant(null),
  transparent: fc.boolean(),
  selfResponse: fc.constantFrom(null, 'needsAction', 'declined', 'tentative', 'accepted'),
  slotwiseBookingId: fc.option(fc.uuid(), { nil: null }),
});

describe('busyIntervalOf (Google free/busy semantics)', () => {
  it('is busy exactly when not cancelled, not free, not declined, not ours, and of positive length', () => {
    fc.assert(
      fc.property(candidate, (e) => {
        const busy = busyIntervalOf(e, 'UTC');
        const expected =
          e.status !== 'cancelled' &&
          !e.transparent &&
          e.selfResponse !== 'declined' &&
          !e.slotwiseBookingId &&
          e.end! > e.start!;
        expect(busy !== null).toBe(expected);
        if (busy) expect(busy).toEqual({ start: e.start, end: e.end });
      }),
    );
  });

  it('reads all-day events as whole days in the calendar zone, end date exclusive', () => {
    const base = {
      status: 'confirmed',
      start: null,
      end: null,
      transparent: false,
      selfResponse: null,
      slotwiseBookingId: null,
    } as const;
    expect(
      busyIntervalOf(
        { ...base, allDay: { startDate: '2030-07-01', endDate: '2030-07-03' } },
        'Europe/Paris',
      ),
    ).toEqual({
      start: new Date('2030-06-30T22:00:00Z'),
      end: new Date('2030-07-02T22:00:00Z'),
    });
    expect(
      busyIntervalOf(
        { ...base, allDay: { startDate: '2030-07-01', endDate: '2030-07-02' }, transparent: true },
        'UTC',
      ),
    ).toBeNull();
    // An unknown zone falls back to UTC rather than failing the sync.
    expect(
      busyIntervalOf(
        { ...base, allDay: { startDate: '2030-01-01', endDate: '2030-01-02' } },
        'Not/AZone',
      ),
    ).toEqual({
      start: new Date('2030-01-01T00:00:00Z'),
      end: new Date('2030-01-02T00:00:00Z'),
    });
  });
});

describe('bookingEventId', () => {
  it('is a valid Google event id (base32hex, 5–1024 chars), stable, and maps back to the booking', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const e = bookingEventId(id);
        expect(e).toMatch(/^[0-9a-v]{5,1024}$/);
        expect(bookingEventId(id.toUpperCase())).toBe(e);
        expect(bookingIdOfEventId(e)).toBe(id.toLowerCase());
      }),
    );
    expect(bookingIdOfEventId('dentist')).toBeNull();
    expect(() => bookingEventId('not-a-uuid')).toThrow();
  });
});

describe('backoffDelayMs', () => {
  it('stays within [ceiling/2, ceiling], the ceiling doubling from the base up to the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
          const d = backoffDelayMs(attempt, r);
          expect(d).toBeGreaterThanOrEqual(ceiling / 2);
          expect(d).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });
  it('never waits less for a later attempt at the same jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (a, r) => {
          expect(backoffDelayMs(a + 1, r)).toBeGreaterThanOrEqual(backoffDelayMs(a, r));
        },
      ),
    );
  });
});
