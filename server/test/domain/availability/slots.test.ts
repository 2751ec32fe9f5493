import { describe, expect, it } from 'vitest';
import { computeSlots, findSlot, type AvailabilityQuery } from '../../../src/domain/availability';
import { at, booking, query, utcStarts, wallStarts, weekly } from './fixtures';

const starts = (q: AvailabilityQuery) => utcStarts(computeSlots(q));
// Monday 2026-03-02 in UTC, as 'HH:mm' shorthand.
const mon = (...hhmm: string[]) => hhmm.map((t) => `2026-03-02T${t}Z`);

describe('working hours from weekly rules', () => {
  it.each([
    {
      name: '60-min service, 09-12',
      rules: weekly('p1', '09:00', '12:00'),
      svc: {},
      want: mon('09:00', '10:00', '11:00'),
    },
    {
      name: '30-min service, 09-11',
      rules: weekly('p1', '09:00', '11:00'),
      svc: { durationMinutes: 30 },
      want: mon('09:00', '09:30', '10:00', '10:30'),
    },
    {
      name: 'last slot ends exactly at closing',
      rules: weekly('p1', '09:00', '12:00'),
      svc: { durationMinutes: 45 },
      want: mon('09:00', '09:45', '10:30', '11:15'),
    },
    {
      name: 'interval shorter than the service',
      rules: weekly('p1', '09:00', '09:45'),
      svc: {},
      want: [],
    },
    {
      name: 'rule on another weekday only',
      rules: weekly('p1', '09:00', '12:00', [2, 3]),
      svc: {},
      want: [],
    },
    {
      name: 'several intervals a day',
      rules: [...weekly('p1', '09:00', '11:00', [1]), ...weekly('p1', '13:00', '15:00', [1])],
      svc: {},
      want: mon('09:00', '10:00', '13:00', '14:00'),
    },
    {
      name: 'overlapping intervals are merged (grid from the merged start)',
      rules: [...weekly('p1', '09:00', '11:00', [1]), ...weekly('p1', '10:00', '12:00', [1])],
      svc: { durationMinutes: 45 },
      want: mon('09:00', '09:45', '10:30', '11:15'),
    },
    {
      name: 'adjacent intervals are merged (a slot may span the seam)',
      rules: [...weekly('p1', '09:00', '10:30', [1]), ...weekly('p1', '10:30', '12:00', [1])],
      svc: {},
      want: mon('09:00', '10:00', '11:00'),
    },
    {
      name: "'24:00' closes at midnight",
      rules: weekly('p1', '21:00', '24:00', [1]),
      svc: {},
      want: mon('21:00', '22:00', '23:00'),
    },
    {
      name: 'rules given out of order',
      rules: [...weekly('p1', '14:00', '15:00', [1]), ...weekly('p1', '08:00', '09:00', [1])],
      svc: {},
      want: mon('08:00', '14:00'),
    },
  ])('$name', ({ rules, svc, want }) => {
    expect(starts(query({ rules, service: svc }))).toEqual(want);
  });

  it('applies service-restricted rules only to their services', () => {
    const rules = [
      ...weekly('p1', '09:00', '11:00', [1], ['svc']),
      ...weekly('p1', '13:00', '15:00', [1], ['other']),
      ...weekly('p1', '16:00', '17:00', [1], null),
      ...weekly('p1', '18:00', '19:00', [1], ['svc', 'other']),
      ...weekly('p1', '20:00', '21:00', [1], []),
    ];
    expect(starts(query({ rules }))).toEqual(mon('09:00', '10:00', '16:00', '18:00'));
    expect(starts(query({ rules, service: { id: 'other' } }))).toEqual(
      mon('13:00', '14:00', '16:00', '18:00'),
    );
  });

  it('ignores rules of providers not assigned to the service', () => {
    expect(starts(query({ rules: weekly('stranger', '09:00', '12:00') }))).toEqual([]);
  });
});

describe('slot interval', () => {
  it.each([
    {
      name: '60-min service every 15 min',
      svc: { durationMinutes: 60, slotIntervalMinutes: 15 },
      want: mon('09:00', '09:15', '09:30', '09:45', '10:00'),
    },
    {
      name: '30-min service every 60 min',
      svc: { durationMinutes: 30, slotIntervalMinutes: 60 },
      want: mon('09:00', '10:00'),
    },
    {
      name: '45-min service every 20 min',
      svc: { durationMinutes: 45, slotIntervalMinutes: 20 },
      want: mon('09:00', '09:20', '09:40', '10:00'),
    },
    {
      name: 'null interval steps by the duration',
      svc: { durationMinutes: 40, slotIntervalMinutes: null },
      want: mon('09:00', '09:40', '10:20'),
    },
  ])('$name', ({ svc, want }) => {
    expect(starts(query({ rules: weekly('p1', '09:00', '11:00'), service: svc }))).toEqual(want);
  });

  it('anchors the grid at the interval start, not at the hour', () => {
    expect(
      starts(
        query({ rules: weekly('p1', '09:10', '11:10'), service: { slotIntervalMinutes: 30 } }),
      ),
    ).toEqual(mon('09:10', '09:40', '10:10'));
  });
});

describe('date overrides', () => {
  const rules = weekly('p1', '09:00', '11:00'); // every day
  const window = { from: '2026-03-01', to: '2026-03-05' };

  it('replaces the weekly hours on the date with custom hours', () => {
    const overrides = [
      {
        providerId: 'p1',
        startDate: '2026-03-02',
        endDate: '2026-03-02',
        intervals: [{ startTime: '14:00', endTime: '16:00' }],
      },
    ];
    expect(starts(query({ rules, overrides }))).toEqual(mon('14:00', '15:00'));
  });

  it('empty intervals make a day off; other days keep their rules', () => {
    const overrides = [
      { providerId: 'p1', startDate: '2026-03-02', endDate: '2026-03-02', intervals: [] },
    ];
    expect(starts(query({ rules, overrides, from: '2026-03-01', to: '2026-03-03' }))).toEqual([
      '2026-03-01T09:00Z',
      '2026-03-01T10:00Z',
      '2026-03-03T09:00Z',
      '2026-03-03T10:00Z',
    ]);
  });

  it('a range covers every date in it, inclusive', () => {
    const overrides = [
      {
        providerId: 'p1',
        startDate: '2026-03-02',
        endDate: '2026-03-04',
        intervals: [{ startTime: '12:00', endTime: '13:00' }],
      },
    ];
    expect(starts(query({ rules, overrides, ...window }))).toEqual([
      '2026-03-01T09:00Z',
      '2026-03-01T10:00Z',
      '2026-03-02T12:00Z',
      '2026-03-03T12:00Z',
      '2026-03-04T12:00Z',
      '2026-03-05T09:00Z',
      '2026-03-05T10:00Z',
    ]);
  });

  it('adds hours on a day without weekly rules, with several intervals', () => {
    const overrides = [
      {
        providerId: 'p1',
        startDate: '2026-03-07',
        endDate: '2026-03-07',
        intervals: [
          { startTime: '10:00', endTime: '11:00' },
          { startTime: '15:00', endTime: '16:00' },
        ],
      },
    ];
    expect(
      starts(
        query({
          rules: weekly('p1', '09:00', '11:00', [1, 2, 3, 4, 5]),
          overrides,
          from: '2026-03-07',
          to: '2026-03-08',
        }),
      ),
    ).toEqual(['2026-03-07T10:00Z', '2026-03-07T15:00Z']);
  });

  it('unions several overrides covering the same date', () => {
    const overrides = [
      { providerId: 'p1', startDate: '2026-03-02', endDate: '2026-03-02', intervals: [] },
      {
        providerId: 'p1',
        startDate: '2026-03-01',
        endDate: '2026-03-03',
        intervals: [{ startTime: '12:00', endTime: '13:00' }],
      },
      {
        providerId: 'p1',
        startDate: '2026-03-02',
        endDate: '2026-03-02',
        intervals: [{ startTime: '13:00', endTime: '14:00' }],
      },
    ];
    expect(starts(query({ rules, overrides }))).toEqual(mon('12:00', '13:00'));
  });

  it('only affects its own provider and ignores service restrictions of the weekly rules', () => {
    const q = query({
      providers: [
        { id: 'p1', timeZone: 'UTC', sortOrder: 0 },
        { id: 'p2', timeZone: 'UTC', sortOrder: 1 },
      ],
      rules: [...weekly('p1', '09:00', '10:00', [1], ['other']), ...weekly('p2', '09:00', '10:00')],
      overrides: [
        {
          providerId: 'p1',
          startDate: '2026-03-02',
          endDate: '2026-03-02',
          intervals: [{ startTime: '11:00', endTime: '12:00' }],
        },
      ],
    });
    expect(computeSlots(q).map((s) => [utcStarts([s])[0], s.providerIds])).toEqual([
      ['2026-03-02T09:00Z', ['p2']],
      ['2026-03-02T11:00Z', ['p1']],
    ]);
  });

  it('override dates are provider-local dates', () => {
    // Tokyo Tuesday 2026-03-03 08:00-09:00 is Monday 2026-03-02 23:00-24:00 UTC.
    const q = query({
      providers: [{ id: 'p1', timeZone: 'Asia/Tokyo', sortOrder: 0 }],
      overrides: [
        {
          providerId: 'p1',
          startDate: '2026-03-03',
          endDate: '2026-03-03',
          intervals: [{ startTime: '08:00', endTime: '09:00' }],
        },
      ],
    });
    expect(starts(q)).toEqual(['2026-03-02T23:00Z']);
  });
});

describe('blackouts', () => {
  const rules = weekly('p1', '09:00', '11:00');

  it('remove whole tenant days, inclusive ranges', () => {
    const q = query({
      rules,
      from: '2026-03-01',
      to: '2026-03-05',
      blackouts: [{ startDate: '2026-03-02', endDate: '2026-03-04' }],
    });
    expect(starts(q)).toEqual([
      '2026-03-01T09:00Z',
      '2026-03-01T10:00Z',
      '2026-03-05T09:00Z',
      '2026-03-05T10:00Z',
    ]);
  });

  it('apply to every provider', () => {
    const q = query({
      providers: [
        { id: 'p1', timeZone: 'UTC', sortOrder: 0 },
        { id: 'p2', timeZone: 'Europe/Paris', sortOrder: 1 },
      ],
      rules: [...rules, ...weekly('p2', '09:00', '11:00')],
      blackouts: [{ startDate: '2026-03-02', endDate: '2026-03-02' }],
    });
    expect(computeSlots(q)).toEqual([]);
  });

  it("use the tenant's zone, not the provider's: a Tokyo day cuts a UTC working day at 15:00Z", () => {
    const q = query({
      rules: weekly('p1', '09:00', '17:00'),
      tenantTimeZone: 'Asia/Tokyo',
      blackouts: [{ startDate: '2026-03-02', endDate: '2026-03-02' }],
    });
    // Tokyo 2026-03-02 = [2026-03-01T15:00Z, 2026-03-02T15:00Z)
    expect(starts(q)).toEqual(mon('15:00', '16:00'));
  });

  it('buffers may reach into a blackout (only the appointment itself must avoid it)', () => {
    const q = query({
      rules: weekly('p1', '15:00', '17:00'),
      tenantTimeZone: 'Asia/Tokyo',
      blackouts: [{ startDate: '2026-03-02', endDate: '2026-03-02' }],
      service: { bufferBeforeMinutes: 30 },
    });
    expect(starts(q)).toEqual(mon('15:00', '16:00'));
  });

  it('a slot running into a blackout is removed even if it starts before', () => {
    const q = query({
      rules: weekly('p1', '22:00', '02:00', [1]),
      from: '2026-03-02',
      to: '2026-03-02',
      blackouts: [{ startDate: '2026-03-03', endDate: '2026-03-03' }],
      service: { durationMinutes: 90, slotIntervalMinutes: 30 },
    });
    expect(starts(q)).toEqual(mon('22:00', '22:30'));
  });
});

describe('buffers and existing bookings', () => {
  const rules = weekly('p1', '09:00', '12:00');

  it('buffers may extend outside working hours', () => {
    expect(
      starts(query({ rules, service: { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 } })),
    ).toEqual(mon('09:00', '10:00', '11:00'));
  });

  it.each([
    {
      name: 'booking blocks the overlapping slot; touching is fine',
      svc: {},
      b: {},
      want: mon('09:00', '11:00'),
    },
    {
      name: 'service buffer after reaches the booking',
      svc: { bufferAfterMinutes: 15 },
      b: {},
      want: mon('11:00'),
    },
    {
      name: 'service buffer before reaches the booking',
      svc: { bufferBeforeMinutes: 15 },
      b: {},
      want: mon('09:00'),
    },
    {
      name: "booking's own buffer after",
      svc: {},
      b: { bufferAfterMinutes: 1 },
      want: mon('09:00'),
    },
    {
      name: "booking's own buffer before",
      svc: {},
      b: { bufferBeforeMinutes: 1 },
      want: mon('11:00'),
    },
    {
      name: 'buffers on both sides block both neighbours',
      svc: { bufferBeforeMinutes: 10, bufferAfterMinutes: 10 },
      b: {},
      want: [],
    },
    {
      name: 'booking of another service blocks too',
      svc: {},
      b: { serviceId: 'other' },
      want: mon('09:00', '11:00'),
    },
    {
      name: "another provider's booking does not block",
      svc: {},
      b: { providerId: 'p2' },
      want: mon('09:00', '10:00', '11:00'),
    },
    {
      name: 'booking on the same start blocks an appointment',
      svc: {},
      b: { seats: 1 },
      want: mon('09:00', '11:00'),
    },
  ])('$name', ({ svc, b, want }) => {
    const q = query({
      rules,
      service: svc,
      bookings: [booking('2026-03-02T10:00Z', '2026-03-02T11:00Z', b)],
    });
    expect(starts(q)).toEqual(want);
  });

  it('booking buffers on a finer grid', () => {
    const q = query({
      rules: weekly('p1', '09:00', '13:00'),
      service: { slotIntervalMinutes: 30 },
      bookings: [
        booking('2026-03-02T10:00Z', '2026-03-02T11:00Z', {
          bufferBeforeMinutes: 15,
          bufferAfterMinutes: 30,
        }),
      ],
    });
    // occupied [09:45, 11:30)
    expect(starts(q)).toEqual(mon('11:30', '12:00'));
  });

  it('buffers never re-anchor the grid', () => {
    const q = query({
      rules,
      service: { bufferAfterMinutes: 5 },
      bookings: [booking('2026-03-02T09:00Z', '2026-03-02T09:30Z')],
    });
    expect(starts(q)).toEqual(mon('10:00', '11:00'));
  });

  it('bookings given in any order, many of them', () => {
    const evening = Array.from({ length: 40 }, (_, i) => {
      const start = at('2026-03-02T23:00Z') - i * 15 * 60_000; // descending, 13:15 .. 23:00
      return {
        ...booking('2026-03-02T00:00Z', '2026-03-02T00:00Z'),
        start,
        end: start + 30 * 60_000,
      };
    });
    const bookings = [
      booking('2026-03-02T11:00Z', '2026-03-02T11:15Z'),
      ...evening,
      booking('2026-03-02T09:30Z', '2026-03-02T09:45Z'),
    ];
    expect(starts(query({ rules, bookings }))).toEqual(mon('10:00'));
  });
});

describe('external busy intervals', () => {
  const rules = weekly('p1', '09:00', '12:00');
  it.each([
    { name: 'inside a slot', busy: ['10:15', '10:30'], svc: {}, want: mon('09:00', '11:00') },
    {
      name: 'touching slots on both sides',
      busy: ['10:00', '11:00'],
      svc: {},
      want: mon('09:00', '11:00'),
    },
    {
      name: 'ending where the slot starts',
      busy: ['08:00', '09:00'],
      svc: {},
      want: mon('09:00', '10:00', '11:00'),
    },
    {
      name: 'reaching the buffer before',
      busy: ['08:45', '09:00'],
      svc: { bufferBeforeMinutes: 15 },
      want: mon('10:00', '11:00'),
    },
    {
      name: 'reaching the buffer after',
      busy: ['12:00', '12:10'],
      svc: { bufferAfterMinutes: 15 },
      want: mon('09:00', '10:00'),
    },
    { name: 'all day', busy: ['00:00', '23:59'], svc: {}, want: [] },
  ])('$name', ({ busy, svc, want }) => {
    const q = query({
      rules,
      service: svc,
      busy: [
        {
          providerId: 'p1',
          start: at(`2026-03-02T${busy[0]}Z`),
          end: at(`2026-03-02T${busy[1]}Z`),
        },
      ],
    });
    expect(starts(q)).toEqual(want);
  });

  it('a long busy interval hides later slots even when shorter ones start after it', () => {
    const busy = [
      { providerId: 'p1', start: at('2026-03-02T08:00Z'), end: at('2026-03-02T11:30Z') },
      { providerId: 'p1', start: at('2026-03-02T09:00Z'), end: at('2026-03-02T09:05Z') },
      { providerId: 'p2', start: at('2026-03-02T11:00Z'), end: at('2026-03-02T12:00Z') },
    ];
    expect(starts(query({ rules, busy }))).toEqual([]);
    expect(starts(query({ rules: weekly('p1', '09:00', '13:00'), busy }))).toEqual(mon('12:00'));
  });
});

describe('minimum notice and maximum advance (injected clock)', () => {
  const rules = weekly('p1', '09:00', '12:00');
  it.each([
    {
      name: 'notice pushes past the next grid point',
      now: '2026-03-02T09:10Z',
      notice: 60,
      want: mon('11:00'),
    },
    {
      name: 'start exactly at now + notice is allowed',
      now: '2026-03-02T09:00Z',
      notice: 60,
      want: mon('10:00', '11:00'),
    },
    {
      name: 'zero notice: the slot starting now is allowed',
      now: '2026-03-02T10:00Z',
      notice: 0,
      want: mon('10:00', '11:00'),
    },
    {
      name: 'a slot already started is gone',
      now: '2026-03-02T10:01Z',
      notice: 0,
      want: mon('11:00'),
    },
    { name: 'notice of days', now: '2026-02-27T12:00Z', notice: 3 * 24 * 60, want: [] },
  ])('$name', ({ now, notice, want }) => {
    expect(starts(query({ rules, now: at(now), service: { minNoticeMinutes: notice } }))).toEqual(
      want,
    );
  });

  it('does not re-anchor the grid at now', () => {
    expect(
      starts(query({ rules, now: at('2026-03-02T09:10Z'), service: { durationMinutes: 30 } })),
    ).toEqual(mon('09:30', '10:00', '10:30', '11:00', '11:30'));
  });

  it('maximum advance: start <= now + days * 24h, inclusive', () => {
    const q = query({
      rules: weekly('p1', '00:00', '01:00'),
      now: at('2026-03-02T00:00Z'),
      from: '2026-03-01',
      to: '2026-03-06',
      service: { maxAdvanceDays: 2 },
    });
    expect(starts(q)).toEqual(['2026-03-02T00:00Z', '2026-03-03T00:00Z', '2026-03-04T00:00Z']);
    expect(starts({ ...q, now: q.now + 1 })).toEqual(['2026-03-03T00:00Z', '2026-03-04T00:00Z']);
  });

  it('maximum advance counts absolute days, not calendar days', () => {
    const q = query({
      rules: weekly('p1', '09:00', '10:00'),
      now: at('2026-03-02T10:00Z'),
      from: '2026-03-01',
      to: '2026-03-06',
      service: { maxAdvanceDays: 1 },
    });
    expect(starts(q)).toEqual(['2026-03-03T09:00Z']);
  });

  it('Infinity means no horizon; notice and horizon that exclude everything give []', () => {
    const q = query({
      rules,
      service: { maxAdvanceDays: Number.POSITIVE_INFINITY },
      now: at('2000-01-01T00:00Z'),
    });
    expect(starts(q)).toEqual(mon('09:00', '10:00', '11:00'));
    expect(
      starts({ ...q, service: { ...q.service, maxAdvanceDays: 0 }, now: at('2026-03-02T09:30Z') }),
    ).toEqual([]);
  });
});

describe('hours crossing midnight', () => {
  const fri = [5] as const;

  it.each([
    {
      name: 'Friday + Saturday window',
      from: '2026-03-06',
      to: '2026-03-07',
      want: ['2026-03-06T22:00Z', '2026-03-06T23:00Z', '2026-03-07T00:00Z', '2026-03-07T01:00Z'],
    },
    {
      name: "Saturday only: Friday's rule still counts",
      from: '2026-03-07',
      to: '2026-03-07',
      want: ['2026-03-07T00:00Z', '2026-03-07T01:00Z'],
    },
    {
      name: 'Friday only',
      from: '2026-03-06',
      to: '2026-03-06',
      want: ['2026-03-06T22:00Z', '2026-03-06T23:00Z'],
    },
    {
      name: 'Thursday only (rule belongs to Friday)',
      from: '2026-03-05',
      to: '2026-03-05',
      want: [],
    },
  ])('Fri 22:00-02:00: $name', ({ from, to, want }) => {
    expect(starts(query({ rules: weekly('p1', '22:00', '02:00', fri), from, to }))).toEqual(want);
  });

  it('equal start and end means 24 hours from the start', () => {
    expect(
      starts(
        query({
          rules: weekly('p1', '12:00', '12:00', [1]),
          from: '2026-03-02',
          to: '2026-03-03',
          service: { durationMinutes: 360 },
        }),
      ),
    ).toEqual(['2026-03-02T12:00Z', '2026-03-02T18:00Z', '2026-03-03T00:00Z', '2026-03-03T06:00Z']);
  });

  it("a Saturday day-off override does not cut Friday's interval", () => {
    const q = query({
      rules: weekly('p1', '22:00', '02:00', fri),
      overrides: [
        { providerId: 'p1', startDate: '2026-03-07', endDate: '2026-03-07', intervals: [] },
      ],
      from: '2026-03-07',
      to: '2026-03-07',
    });
    expect(starts(q)).toEqual(['2026-03-07T00:00Z', '2026-03-07T01:00Z']);
  });

  it("overlapping intervals of consecutive days don't duplicate instants", () => {
    const q = query({
      rules: [...weekly('p1', '22:00', '02:00', fri), ...weekly('p1', '00:00', '03:00', [6])],
      from: '2026-03-06',
      to: '2026-03-07',
    });
    const slots = computeSlots(q);
    expect(utcStarts(slots)).toEqual([
      '2026-03-06T22:00Z',
      '2026-03-06T23:00Z',
      '2026-03-07T00:00Z',
      '2026-03-07T01:00Z',
      '2026-03-07T02:00Z',
    ]);
    expect(slots.every((s) => s.providerIds.length === 1 && s.seatsLeft === 1)).toBe(true);
  });

  it('consecutive days are not joined: no slot across the midnight seam', () => {
    const q = query({
      rules: [...weekly('p1', '22:00', '24:00', fri), ...weekly('p1', '00:00', '02:00', [6])],
      from: '2026-03-06',
      to: '2026-03-07',
      service: { slotIntervalMinutes: 30 },
    });
    expect(starts(q)).toEqual([
      '2026-03-06T22:00Z',
      '2026-03-06T22:30Z',
      '2026-03-06T23:00Z',
      '2026-03-07T00:00Z',
      '2026-03-07T00:30Z',
      '2026-03-07T01:00Z',
    ]);
  });

  it('provider in New York, viewer in UTC: the whole night falls on the viewer Saturday', () => {
    const q = query({
      providers: [{ id: 'p1', timeZone: 'America/New_York', sortOrder: 0 }],
      rules: weekly('p1', '22:00', '02:00', fri),
      from: '2026-03-07',
      to: '2026-03-07',
    });
    expect(starts(q)).toEqual([
      '2026-03-07T03:00Z',
      '2026-03-07T04:00Z',
      '2026-03-07T05:00Z',
      '2026-03-07T06:00Z',
    ]);
  });
});

describe('query window', () => {
  it('spans months (Mondays 09:00 UTC from Jan 20 to Mar 10)', () => {
    const q = query({
      rules: weekly('p1', '09:00', '10:00', [1]),
      from: '2026-01-20',
      to: '2026-03-10',
    });
    expect(starts(q)).toEqual([
      '2026-01-26T09:00Z',
      '2026-02-02T09:00Z',
      '2026-02-09T09:00Z',
      '2026-02-16T09:00Z',
      '2026-02-23T09:00Z',
      '2026-03-02T09:00Z',
      '2026-03-09T09:00Z',
    ]);
  });

  it('spans months and a DST change: wall time stays 09:00 New York', () => {
    const q = query({
      providers: [{ id: 'p1', timeZone: 'America/New_York', sortOrder: 0 }],
      rules: weekly('p1', '09:00', '10:00', [1]),
      from: '2026-02-20',
      to: '2026-03-17',
      viewerTimeZone: 'America/New_York',
    });
    const slots = computeSlots(q);
    expect(utcStarts(slots)).toEqual([
      '2026-02-23T14:00Z',
      '2026-03-02T14:00Z',
      '2026-03-09T13:00Z',
      '2026-03-16T13:00Z',
    ]);
    expect(wallStarts(slots, 'America/New_York')).toEqual(['09:00', '09:00', '09:00', '09:00']);
  });

  it.each([
    {
      viewer: 'America/Los_Angeles',
      from: '2026-03-01',
      want: ['2026-03-02T06:00Z', '2026-03-02T07:00Z'],
    },
    {
      viewer: 'America/Los_Angeles',
      from: '2026-03-02',
      want: ['2026-03-02T08:00Z', '2026-03-02T09:00Z'],
    },
    {
      viewer: 'Asia/Kolkata',
      from: '2026-03-02',
      want: ['2026-03-02T06:00Z', '2026-03-02T07:00Z', '2026-03-02T08:00Z', '2026-03-02T09:00Z'],
    },
    { viewer: 'UTC', from: '2026-03-01', want: [] },
  ])('is read in the viewer zone ($viewer, $from)', ({ viewer, from, want }) => {
    const q = query({
      rules: weekly('p1', '06:00', '10:00', [1]),
      viewerTimeZone: viewer,
      from,
      to: from,
    });
    expect(starts(q)).toEqual(want);
  });

  it('includes a slot starting just before the window end that ends after it', () => {
    expect(
      starts(
        query({
          rules: weekly('p1', '23:30', '01:00', [1]),
          service: { durationMinutes: 60, slotIntervalMinutes: 30 },
        }),
      ),
    ).toEqual(mon('23:30'));
  });

  it('far-apart zones: Kiritimati (+14) provider, Pago Pago (-11) viewer', () => {
    // Tuesday 09:00 in Kiritimati = Monday 19:00Z = Monday 08:00 in Pago Pago.
    const q = query({
      providers: [{ id: 'p1', timeZone: 'Pacific/Kiritimati', sortOrder: 0 }],
      rules: weekly('p1', '09:00', '10:00', [2]),
      viewerTimeZone: 'Pacific/Pago_Pago',
      from: '2026-03-02',
      to: '2026-03-02',
    });
    expect(starts(q)).toEqual(['2026-03-02T19:00Z']);
    expect(starts({ ...q, from: '2026-03-03', to: '2026-03-03' })).toEqual([]);
  });

  it('returns [] when to is before from', () => {
    expect(
      computeSlots(
        query({ rules: weekly('p1', '09:00', '12:00'), from: '2026-03-03', to: '2026-03-02' }),
      ),
    ).toEqual([]);
  });
});

describe('classes (capacity > 1)', () => {
  const rules = weekly('p1', '09:00', '11:00');
  const cls = { capacity: 10 };
  const seatsAt = (q: AvailabilityQuery) =>
    computeSlots(q).map((s) => [utcStarts([s])[0], s.seatsLeft]);

  it('offers every session with full capacity', () => {
    expect(seatsAt(query({ rules, service: cls }))).toEqual([
      ['2026-03-02T09:00Z', 10],
      ['2026-03-02T10:00Z', 10],
    ]);
  });

  it('same-service bookings at the same start take seats instead of blocking', () => {
    const bookings = [
      booking('2026-03-02T09:00Z', '2026-03-02T10:00Z', { seats: 3 }),
      booking('2026-03-02T09:00Z', '2026-03-02T10:00Z', { seats: 2, bufferAfterMinutes: 0 }),
    ];
    expect(seatsAt(query({ rules, service: cls, bookings }))).toEqual([
      ['2026-03-02T09:00Z', 5],
      ['2026-03-02T10:00Z', 10],
    ]);
  });

  it('a full session is hidden (overbooking never shows negative seats)', () => {
    for (const seats of [10, 12]) {
      const bookings = [booking('2026-03-02T09:00Z', '2026-03-02T10:00Z', { seats })];
      expect(seatsAt(query({ rules, service: cls, bookings }))).toEqual([
        ['2026-03-02T10:00Z', 10],
      ]);
    }
  });

  it('the session keeps its seats even when its buffers overlap the candidate', () => {
    const bookings = [
      booking('2026-03-02T09:00Z', '2026-03-02T10:00Z', {
        seats: 4,
        bufferBeforeMinutes: 30,
        bufferAfterMinutes: 30,
      }),
    ];
    expect(
      seatsAt(
        query({
          rules,
          service: { ...cls, bufferBeforeMinutes: 30, bufferAfterMinutes: 30 },
          bookings,
        }),
      ),
    ).toEqual([['2026-03-02T09:00Z', 6]]);
  });

  it.each([
    { name: 'another service overlapping', b: { serviceId: 'other' } },
    { name: 'the same service at another start', b: {} },
  ])('blocked by $name', ({ b }) => {
    const bookings = [booking('2026-03-02T09:30Z', '2026-03-02T10:30Z', b)];
    expect(seatsAt(query({ rules, service: cls, bookings }))).toEqual([]);
  });

  it('a session of the same service at another start blocks only overlapping candidates', () => {
    const bookings = [booking('2026-03-02T10:30Z', '2026-03-02T11:30Z', { seats: 2 })];
    expect(
      seatsAt(
        query({
          rules: weekly('p1', '09:00', '13:00'),
          service: { ...cls, slotIntervalMinutes: 30 },
          bookings,
        }),
      ),
    ).toEqual([
      ['2026-03-02T09:00Z', 10],
      ['2026-03-02T09:30Z', 10],
      ['2026-03-02T10:30Z', 8],
      ['2026-03-02T11:30Z', 10],
      ['2026-03-02T12:00Z', 10],
    ]);
  });

  it('external busy time blocks a class', () => {
    const busy = [
      { providerId: 'p1', start: at('2026-03-02T09:10Z'), end: at('2026-03-02T09:20Z') },
    ];
    expect(seatsAt(query({ rules, service: cls, busy }))).toEqual([['2026-03-02T10:00Z', 10]]);
  });

  it('seats are summed over free providers', () => {
    const q = query({
      providers: [
        { id: 'p1', timeZone: 'UTC', sortOrder: 0 },
        { id: 'p2', timeZone: 'UTC', sortOrder: 1 },
      ],
      rules: [...rules, ...weekly('p2', '09:00', '11:00')],
      service: cls,
      bookings: [
        booking('2026-03-02T09:00Z', '2026-03-02T10:00Z', { seats: 3 }),
        booking('2026-03-02T10:00Z', '2026-03-02T11:00Z', { seats: 10, providerId: 'p2' }),
      ],
    });
    expect(computeSlots(q).map((s) => [utcStarts([s])[0], s.providerIds, s.seatsLeft])).toEqual([
      ['2026-03-02T09:00Z', ['p1', 'p2'], 17],
      ['2026-03-02T10:00Z', ['p1'], 10],
    ]);
  });
});

describe('several providers', () => {
  const providers = [
    { id: 'p1', timeZone: 'UTC', sortOrder: 1 },
    { id: 'p2', timeZone: 'UTC', sortOrder: 0 },
    { id: 'p3', timeZone: 'Asia/Kolkata', sortOrder: 1 },
    { id: 'p0', timeZone: 'UTC', sortOrder: 1 },
  ];
  const rules = [
    ...weekly('p1', '09:00', '11:00'),
    ...weekly('p2', '10:00', '12:00'),
    ...weekly('p3', '14:30', '15:30'), // 09:00-10:00Z
    ...weekly('p0', '10:00', '11:00'),
  ];

  it('unions starts; providers listed by sortOrder then id; seats summed', () => {
    expect(computeSlots(query({ providers, rules }))).toEqual([
      {
        start: at('2026-03-02T09:00Z'),
        end: at('2026-03-02T10:00Z'),
        providerIds: ['p1', 'p3'],
        seatsLeft: 2,
      },
      {
        start: at('2026-03-02T10:00Z'),
        end: at('2026-03-02T11:00Z'),
        providerIds: ['p2', 'p0', 'p1'],
        seatsLeft: 3,
      },
      {
        start: at('2026-03-02T11:00Z'),
        end: at('2026-03-02T12:00Z'),
        providerIds: ['p2'],
        seatsLeft: 1,
      },
    ]);
  });

  it('interleaves providers whose grids differ', () => {
    const q = query({
      providers,
      rules: [...weekly('p1', '09:00', '10:00'), ...weekly('p3', '14:00', '15:00')],
    }); // p3: 08:30Z
    expect(starts(q)).toEqual(mon('08:30', '09:00'));
  });

  it('providerId restricts to that provider', () => {
    expect(
      computeSlots(query({ providers, rules, providerId: 'p2' })).map((s) => [
        utcStarts([s])[0],
        s.providerIds,
      ]),
    ).toEqual([
      ['2026-03-02T10:00Z', ['p2']],
      ['2026-03-02T11:00Z', ['p2']],
    ]);
    expect(computeSlots(query({ providers, rules, providerId: 'nobody' }))).toEqual([]);
  });

  it('a provider busy for one slot drops out of that slot only', () => {
    const q = query({
      providers,
      rules,
      bookings: [booking('2026-03-02T10:00Z', '2026-03-02T11:00Z', { providerId: 'p0' })],
    });
    expect(computeSlots(q).map((s) => s.providerIds)).toEqual([['p1', 'p3'], ['p2', 'p1'], ['p2']]);
  });

  it('duplicate provider entries count once', () => {
    const q = query({
      providers: [providers[0]!, providers[0]!],
      rules: weekly('p1', '09:00', '10:00'),
    });
    expect(computeSlots(q)).toEqual([
      {
        start: at('2026-03-02T09:00Z'),
        end: at('2026-03-02T10:00Z'),
        providerIds: ['p1'],
        seatsLeft: 1,
      },
    ]);
  });
});

describe('input guards', () => {
  const rules = weekly('p1', '09:00', '12:00');
  it.each([
    ['unknown viewer zone', { viewerTimeZone: 'Mars/Olympus' }],
    ['unknown tenant zone', { tenantTimeZone: 'Nope/Nope' }],
    ['unknown provider zone', { providers: [{ id: 'p1', timeZone: 'Not/AZone', sortOrder: 0 }] }],
    ['bad date', { from: '2026-02-30' }],
    ['bad wall time', { rules: weekly('p1', '9:00', '12:00') }],
    ['start at 24:00', { rules: weekly('p1', '24:00', '12:00') }],
    [
      'bad weekday',
      {
        rules: [
          {
            providerId: 'p1',
            weekday: 8 as 7,
            startTime: '09:00',
            endTime: '10:00',
            serviceIds: null,
          },
        ],
      },
    ],
    ['zero duration', { service: { durationMinutes: 0 } }],
    ['negative interval', { service: { slotIntervalMinutes: -15 } }],
    [
      'inverted override',
      {
        overrides: [
          { providerId: 'p1', startDate: '2026-03-03', endDate: '2026-03-02', intervals: [] },
        ],
      },
    ],
    ['inverted blackout', { blackouts: [{ startDate: '2026-03-03', endDate: '2026-03-02' }] }],
  ] as const)('throws RangeError on %s', (_name, over) => {
    expect(() => computeSlots(query({ rules, ...(over as object) }))).toThrow(RangeError);
  });
});

describe('findSlot', () => {
  const q = query({
    rules: weekly('p1', '09:00', '12:00'),
    bookings: [booking('2026-03-02T10:00Z', '2026-03-02T11:00Z')],
  });
  it('returns the bookable slot at an exact start, else null', () => {
    expect(findSlot(q, at('2026-03-02T09:00Z'))).toEqual({
      start: at('2026-03-02T09:00Z'),
      end: at('2026-03-02T10:00Z'),
      providerIds: ['p1'],
      seatsLeft: 1,
    });
    expect(findSlot(q, at('2026-03-02T10:00Z'))).toBeNull();
    expect(findSlot(q, at('2026-03-02T09:30Z'))).toBeNull();
    expect(findSlot(q, at('2026-03-02T11:00Z'))?.providerIds).toEqual(['p1']);
  });
});
