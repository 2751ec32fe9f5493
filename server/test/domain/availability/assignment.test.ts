import { describe, expect, it } from 'vitest';
import {
  assignProvider,
  assignProviderForSlot,
  computeSlots,
  countBookingsPerProviderOnDay,
  type ProviderInput,
} from '../../../src/domain/availability';
import { at, booking, query, weekly } from './fixtures';

const providers: ProviderInput[] = [
  { id: 'carol', timeZone: 'UTC', sortOrder: 2 },
  { id: 'bob', timeZone: 'UTC', sortOrder: 1 },
  { id: 'alice', timeZone: 'UTC', sortOrder: 1 },
  { id: 'dave', timeZone: 'UTC', sortOrder: 0 },
];

describe('assignProvider', () => {
  it.each([
    {
      name: 'fewest bookings wins',
      free: ['alice', 'bob', 'carol'],
      counts: { alice: 3, bob: 1, carol: 2 },
      want: 'bob',
    },
    {
      name: 'tie -> lower sortOrder',
      free: ['carol', 'dave'],
      counts: { carol: 1, dave: 1 },
      want: 'dave',
    },
    {
      name: 'tie on sortOrder -> id',
      free: ['bob', 'alice'],
      counts: { alice: 2, bob: 2 },
      want: 'alice',
    },
    {
      name: 'missing count means 0',
      free: ['alice', 'carol'],
      counts: { alice: 1 },
      want: 'carol',
    },
    {
      name: 'busy providers not in the free list are never picked',
      free: ['carol'],
      counts: { dave: 0, carol: 9 },
      want: 'carol',
    },
    {
      name: 'all idle -> first in provider order',
      free: ['carol', 'bob', 'alice', 'dave'],
      counts: {},
      want: 'dave',
    },
    {
      name: 'unknown id ranks after known ones',
      free: ['zed', 'carol'],
      counts: {},
      want: 'carol',
    },
    { name: 'only unknown ids -> by id', free: ['zed', 'yan'], counts: {}, want: 'yan' },
  ])('$name', ({ free, counts, want }) => {
    expect(assignProvider(free, new Map(Object.entries(counts)), providers)).toBe(want);
  });

  it('does not depend on the order of the free list', () => {
    const counts = new Map([
      ['alice', 1],
      ['bob', 1],
      ['carol', 1],
      ['dave', 2],
    ]);
    const ids = ['alice', 'bob', 'carol', 'dave'];
    for (let i = 0; i < ids.length; i++) {
      const rotated = [...ids.slice(i), ...ids.slice(0, i)];
      expect(assignProvider(rotated, counts, providers)).toBe('alice');
      expect(assignProvider([...rotated].reverse(), counts, providers)).toBe('alice');
    }
  });

  it('throws when nobody is free', () => {
    expect(() => assignProvider([], new Map(), providers)).toThrow(RangeError);
  });
});

describe('countBookingsPerProviderOnDay', () => {
  it("counts bookings starting on each provider's local day of the slot", () => {
    const ps: ProviderInput[] = [
      { id: 'utc', timeZone: 'UTC', sortOrder: 0 },
      { id: 'tokyo', timeZone: 'Asia/Tokyo', sortOrder: 1 },
    ];
    const slotStart = at('2026-03-02T23:30Z'); // Monday in UTC, Tuesday 08:30 in Tokyo
    const bookings = [
      { providerId: 'utc', start: at('2026-03-02T00:00Z') }, // Mon 00:00 UTC: counted (inclusive start)
      { providerId: 'utc', start: at('2026-03-02T23:59Z') },
      { providerId: 'utc', start: at('2026-03-03T00:00Z') }, // next UTC day: not counted
      { providerId: 'tokyo', start: at('2026-03-02T14:59Z') }, // Mon 23:59 Tokyo: not counted
      { providerId: 'tokyo', start: at('2026-03-02T15:00Z') }, // Tue 00:00 Tokyo: counted
      { providerId: 'tokyo', start: at('2026-03-03T14:00Z') }, // Tue 23:00 Tokyo: counted
      { providerId: 'other', start: at('2026-03-02T12:00Z') },
    ];
    expect(countBookingsPerProviderOnDay(bookings, ps, slotStart)).toEqual(
      new Map([
        ['utc', 2],
        ['tokyo', 2],
      ]),
    );
  });

  it('uses the real length of a DST day (New York 2026-11-01 has 25 hours)', () => {
    const ps: ProviderInput[] = [{ id: 'ny', timeZone: 'America/New_York', sortOrder: 0 }];
    const bookings = [
      { providerId: 'ny', start: at('2026-11-01T03:59Z') }, // Oct 31 23:59 EDT
      { providerId: 'ny', start: at('2026-11-01T04:00Z') }, // Nov 1 00:00 EDT
      { providerId: 'ny', start: at('2026-11-02T04:59Z') }, // Nov 1 23:59 EST
      { providerId: 'ny', start: at('2026-11-02T05:00Z') }, // Nov 2 00:00 EST
    ];
    expect(countBookingsPerProviderOnDay(bookings, ps, at('2026-11-01T15:00Z')).get('ny')).toBe(2);
  });
});

describe('assignProviderForSlot with computed slots', () => {
  it('spreads "any provider" bookings: the idle provider gets the slot', () => {
    const ps: ProviderInput[] = [
      { id: 'p1', timeZone: 'UTC', sortOrder: 0 },
      { id: 'p2', timeZone: 'UTC', sortOrder: 1 },
    ];
    const bookings = [booking('2026-03-02T09:00Z', '2026-03-02T10:00Z', { providerId: 'p1' })];
    const q = query({
      providers: ps,
      rules: [...weekly('p1', '09:00', '17:00'), ...weekly('p2', '09:00', '17:00')],
      bookings,
    });
    const slots = computeSlots(q);
    const tenOClock = slots.find((s) => s.start === at('2026-03-02T10:00Z'))!;
    expect(tenOClock.providerIds).toEqual(['p1', 'p2']);
    expect(assignProviderForSlot(tenOClock, bookings, ps)).toBe('p2');
    // With no bookings the tie goes to provider order.
    expect(assignProviderForSlot(tenOClock, [], ps)).toBe('p1');
    // Bookings on other days do not count.
    expect(
      assignProviderForSlot(tenOClock, [{ providerId: 'p1', start: at('2026-03-01T09:00Z') }], ps),
    ).toBe('p1');
  });
});
