/**
 * DST in both directions. Each case pins the exact UTC instants and the wall clock (with offset)
 * they show in the provider's zone, and checks that no slot sits at a non-existent wall time and
 * that no (wall time, offset) pair or instant repeats. On fall-back nights the repeated hour is
 * real working time, so the same 'HH:mm' may appear twice — with two different offsets.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeSlots, groupSlotsByLocalDate, type Slot } from '../../../src/domain/availability';
import { isoWeekday } from '../../../src/domain/time';
import { query, utcStarts, weekly } from './fixtures';

interface Case {
  zone: string;
  date: string;
  start: string;
  end: string;
  duration: number;
  step?: number;
  utc: string[];
  wall: string[]; // 'HH:mm±hh:mm' in the zone
}

function slotsFor(c: Pick<Case, 'zone' | 'date' | 'start' | 'end' | 'duration' | 'step'>): Slot[] {
  return computeSlots(
    query({
      providers: [{ id: 'p1', timeZone: c.zone, sortOrder: 0 }],
      rules: weekly('p1', c.start, c.end, [isoWeekday(c.date)]),
      viewerTimeZone: c.zone,
      tenantTimeZone: c.zone,
      from: c.date,
      to: c.date,
      service: { durationMinutes: c.duration, slotIntervalMinutes: c.step ?? null },
    }),
  );
}

const wallWithOffset = (slots: Slot[], zone: string) =>
  slots.map((s) => DateTime.fromMillis(s.start, { zone }).toFormat('HH:mmZZ'));

/** No non-existent wall time, no duplicate instant or (wall time, offset); grid steps are exact. */
function expectSaneWallClock(slots: Slot[], zone: string, stepMinutes: number): void {
  const isoStrings = new Set<string>();
  for (const s of slots) {
    const dt = DateTime.fromMillis(s.start, { zone });
    // The wall time must exist: one of its possible readings is exactly this instant.
    const wall = DateTime.fromObject(
      { year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute },
      { zone },
    );
    expect(wall.getPossibleOffsets().map((d) => d.toMillis())).toContain(s.start);
    isoStrings.add(dt.toISO()!);
  }
  expect(isoStrings.size).toBe(slots.length);
  expect(new Set(slots.map((s) => s.start)).size).toBe(slots.length);
  for (let i = 1; i < slots.length; i++) {
    expect((slots[i]!.start - slots[i - 1]!.start) % (stepMinutes * 60_000)).toBe(0);
  }
}

const cases: (Case & { name: string })[] = [
  // America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z)
  {
    name: 'New York spring-forward, 00:00-05:00, 60 min',
    zone: 'America/New_York',
    date: '2026-03-08',
    start: '00:00',
    end: '05:00',
    duration: 60,
    utc: ['2026-03-08T05:00Z', '2026-03-08T06:00Z', '2026-03-08T07:00Z', '2026-03-08T08:00Z'],
    wall: ['00:00-05:00', '01:00-05:00', '03:00-04:00', '04:00-04:00'],
  },
  {
    name: 'New York spring-forward, 00:00-05:00, 30 min',
    zone: 'America/New_York',
    date: '2026-03-08',
    start: '00:00',
    end: '05:00',
    duration: 30,
    utc: [
      '2026-03-08T05:00Z',
      '2026-03-08T05:30Z',
      '2026-03-08T06:00Z',
      '2026-03-08T06:30Z',
      '2026-03-08T07:00Z',
      '2026-03-08T07:30Z',
      '2026-03-08T08:00Z',
      '2026-03-08T08:30Z',
    ],
    wall: [
      '00:00-05:00',
      '00:30-05:00',
      '01:00-05:00',
      '01:30-05:00',
      '03:00-04:00',
      '03:30-04:00',
      '04:00-04:00',
      '04:30-04:00',
    ],
  },
  {
    name: 'New York spring-forward, 01:00-03:00 is one real hour',
    zone: 'America/New_York',
    date: '2026-03-08',
    start: '01:00',
    end: '03:00',
    duration: 30,
    utc: ['2026-03-08T06:00Z', '2026-03-08T06:30Z'],
    wall: ['01:00-05:00', '01:30-05:00'],
  },
  {
    name: 'New York spring-forward, non-existent start 02:30 moves to 03:30',
    zone: 'America/New_York',
    date: '2026-03-08',
    start: '02:30',
    end: '04:00',
    duration: 30,
    utc: ['2026-03-08T07:30Z'],
    wall: ['03:30-04:00'],
  },
  {
    name: 'New York spring-forward, daytime hours keep their wall time',
    zone: 'America/New_York',
    date: '2026-03-08',
    start: '09:00',
    end: '11:00',
    duration: 60,
    utc: ['2026-03-08T13:00Z', '2026-03-08T14:00Z'],
    wall: ['09:00-04:00', '10:00-04:00'],
  },
  // America/New_York: 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z)
  {
    name: 'New York fall-back, 00:00-05:00 is six real hours',
    zone: 'America/New_York',
    date: '2026-11-01',
    start: '00:00',
    end: '05:00',
    duration: 60,
    utc: [
      '2026-11-01T04:00Z',
      '2026-11-01T05:00Z',
      '2026-11-01T06:00Z',
      '2026-11-01T07:00Z',
      '2026-11-01T08:00Z',
      '2026-11-01T09:00Z',
    ],
    wall: [
      '00:00-04:00',
      '01:00-04:00',
      '01:00-05:00',
      '02:00-05:00',
      '03:00-05:00',
      '04:00-05:00',
    ],
  },
  {
    name: 'New York fall-back, 01:00-03:00 starts at the first 01:00',
    zone: 'America/New_York',
    date: '2026-11-01',
    start: '01:00',
    end: '03:00',
    duration: 60,
    utc: ['2026-11-01T05:00Z', '2026-11-01T06:00Z', '2026-11-01T07:00Z'],
    wall: ['01:00-04:00', '01:00-05:00', '02:00-05:00'],
  },
  {
    name: 'New York fall-back, ambiguous 01:30 start',
    zone: 'America/New_York',
    date: '2026-11-01',
    start: '01:30',
    end: '02:30',
    duration: 30,
    utc: ['2026-11-01T05:30Z', '2026-11-01T06:00Z', '2026-11-01T06:30Z', '2026-11-01T07:00Z'],
    wall: ['01:30-04:00', '01:00-05:00', '01:30-05:00', '02:00-05:00'],
  },
  // Europe/London: 2026-03-29 01:00 GMT -> 02:00 BST (01:00Z)
  {
    name: 'London spring-forward, 00:00-05:00',
    zone: 'Europe/London',
    date: '2026-03-29',
    start: '00:00',
    end: '05:00',
    duration: 60,
    utc: ['2026-03-29T00:00Z', '2026-03-29T01:00Z', '2026-03-29T02:00Z', '2026-03-29T03:00Z'],
    wall: ['00:00+00:00', '02:00+01:00', '03:00+01:00', '04:00+01:00'],
  },
  {
    name: 'London spring-forward, 01:00-03:00 (start in the gap)',
    zone: 'Europe/London',
    date: '2026-03-29',
    start: '01:00',
    end: '03:00',
    duration: 30,
    utc: ['2026-03-29T01:00Z', '2026-03-29T01:30Z'],
    wall: ['02:00+01:00', '02:30+01:00'],
  },
  // Europe/London: 2026-10-25 02:00 BST -> 01:00 GMT (01:00Z)
  {
    name: 'London fall-back, 00:00-05:00 (first slot on the previous UTC day)',
    zone: 'Europe/London',
    date: '2026-10-25',
    start: '00:00',
    end: '05:00',
    duration: 60,
    utc: [
      '2026-10-24T23:00Z',
      '2026-10-25T00:00Z',
      '2026-10-25T01:00Z',
      '2026-10-25T02:00Z',
      '2026-10-25T03:00Z',
      '2026-10-25T04:00Z',
    ],
    wall: [
      '00:00+01:00',
      '01:00+01:00',
      '01:00+00:00',
      '02:00+00:00',
      '03:00+00:00',
      '04:00+00:00',
    ],
  },
  {
    name: 'London fall-back, 01:00-03:00',
    zone: 'Europe/London',
    date: '2026-10-25',
    start: '01:00',
    end: '03:00',
    duration: 60,
    utc: ['2026-10-25T00:00Z', '2026-10-25T01:00Z', '2026-10-25T02:00Z'],
    wall: ['01:00+01:00', '01:00+00:00', '02:00+00:00'],
  },
  // Australia/Lord_Howe: 2026-04-05 02:00 (+11) -> 01:30 (+10:30) at 2026-04-04T15:00Z
  {
    name: 'Lord Howe 30-min fall-back, 00:00-05:00, 30 min',
    zone: 'Australia/Lord_Howe',
    date: '2026-04-05',
    start: '00:00',
    end: '05:00',
    duration: 30,
    utc: [
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
      '17:00',
      '17:30',
      '18:00',
    ].map((t) => `2026-04-04T${t}Z`),
    wall: [
      '00:00+11:00',
      '00:30+11:00',
      '01:00+11:00',
      '01:30+11:00',
      '01:30+10:30',
      '02:00+10:30',
      '02:30+10:30',
      '03:00+10:30',
      '03:30+10:30',
      '04:00+10:30',
      '04:30+10:30',
    ],
  },
  {
    name: 'Lord Howe 30-min fall-back, 00:00-05:00, 60 min (grid lands on :30 after the change)',
    zone: 'Australia/Lord_Howe',
    date: '2026-04-05',
    start: '00:00',
    end: '05:00',
    duration: 60,
    utc: ['13:00', '14:00', '15:00', '16:00', '17:00'].map((t) => `2026-04-04T${t}Z`),
    wall: ['00:00+11:00', '01:00+11:00', '01:30+10:30', '02:30+10:30', '03:30+10:30'],
  },
  {
    name: 'Lord Howe 30-min fall-back, 01:00-03:00',
    zone: 'Australia/Lord_Howe',
    date: '2026-04-05',
    start: '01:00',
    end: '03:00',
    duration: 30,
    utc: ['14:00', '14:30', '15:00', '15:30', '16:00'].map((t) => `2026-04-04T${t}Z`),
    wall: ['01:00+11:00', '01:30+11:00', '01:30+10:30', '02:00+10:30', '02:30+10:30'],
  },
  // Australia/Lord_Howe: 2026-10-04 02:00 (+10:30) -> 02:30 (+11) at 2026-10-03T15:30Z
  {
    name: 'Lord Howe 30-min spring-forward, 00:00-05:00',
    zone: 'Australia/Lord_Howe',
    date: '2026-10-04',
    start: '00:00',
    end: '05:00',
    duration: 30,
    utc: ['13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00', '17:30'].map(
      (t) => `2026-10-03T${t}Z`,
    ),
    wall: [
      '00:00+10:30',
      '00:30+10:30',
      '01:00+10:30',
      '01:30+10:30',
      '02:30+11:00',
      '03:00+11:00',
      '03:30+11:00',
      '04:00+11:00',
      '04:30+11:00',
    ],
  },
  {
    name: 'Lord Howe 30-min spring-forward, 01:00-03:00',
    zone: 'Australia/Lord_Howe',
    date: '2026-10-04',
    start: '01:00',
    end: '03:00',
    duration: 30,
    utc: ['14:30', '15:00', '15:30'].map((t) => `2026-10-03T${t}Z`),
    wall: ['01:00+10:30', '01:30+10:30', '02:30+11:00'],
  },
  {
    name: 'Lord Howe 30-min spring-forward, 02:00-02:30 does not exist',
    zone: 'Australia/Lord_Howe',
    date: '2026-10-04',
    start: '02:00',
    end: '02:30',
    duration: 15,
    utc: [],
    wall: [],
  },
  // Asia/Kolkata: +05:30 all year
  {
    name: 'Kolkata on the New York spring-forward date',
    zone: 'Asia/Kolkata',
    date: '2026-03-08',
    start: '00:00',
    end: '05:00',
    duration: 60,
    utc: ['18:30', '19:30', '20:30', '21:30', '22:30'].map((t) => `2026-03-07T${t}Z`),
    wall: ['00:00+05:30', '01:00+05:30', '02:00+05:30', '03:00+05:30', '04:00+05:30'],
  },
  {
    name: 'Kolkata on the New York fall-back date',
    zone: 'Asia/Kolkata',
    date: '2026-11-01',
    start: '01:00',
    end: '03:00',
    duration: 60,
    utc: ['2026-10-31T19:30Z', '2026-10-31T20:30Z'],
    wall: ['01:00+05:30', '02:00+05:30'],
  },
  {
    name: 'Kolkata working day',
    zone: 'Asia/Kolkata',
    date: '2026-10-25',
    start: '09:00',
    end: '17:00',
    duration: 120,
    utc: ['03:30', '05:30', '07:30', '09:30'].map((t) => `2026-10-25T${t}Z`),
    wall: ['09:00+05:30', '11:00+05:30', '13:00+05:30', '15:00+05:30'],
  },
];

describe('DST: exact instants and wall clocks', () => {
  it.each(cases)('$name', (c) => {
    const slots = slotsFor(c);
    expect(utcStarts(slots)).toEqual(c.utc);
    expect(wallWithOffset(slots, c.zone)).toEqual(c.wall);
    expectSaneWallClock(slots, c.zone, c.step ?? c.duration);
    // groupSlotsByLocalDate shows the same wall clock and puts everything on the requested date.
    const days = groupSlotsByLocalDate(slots, c.zone);
    if (slots.length > 0) {
      expect(days.map((d) => d.date)).toEqual([c.date]);
      expect(days[0]!.slots.map((s) => `${s.localTime}${s.localStart.slice(-6)}`)).toEqual(c.wall);
    } else {
      expect(days).toEqual([]);
    }
  });
});

describe('DST: whole days', () => {
  it.each([
    { zone: 'America/New_York', date: '2026-03-08', count: 46 },
    { zone: 'America/New_York', date: '2026-03-07', count: 48 },
    { zone: 'America/New_York', date: '2026-11-01', count: 50 },
    { zone: 'Europe/London', date: '2026-03-29', count: 46 },
    { zone: 'Europe/London', date: '2026-10-25', count: 50 },
    { zone: 'Australia/Lord_Howe', date: '2026-04-05', count: 49 },
    { zone: 'Australia/Lord_Howe', date: '2026-10-04', count: 47 },
    { zone: 'Asia/Kolkata', date: '2026-03-08', count: 48 },
  ])('00:00-24:00 in $zone on $date has $count half-hour slots', ({ zone, date, count }) => {
    const slots = slotsFor({ zone, date, start: '00:00', end: '24:00', duration: 30 });
    expect(slots).toHaveLength(count);
    expectSaneWallClock(slots, zone, 30);
    expect(DateTime.fromMillis(slots[0]!.start, { zone }).toFormat('yyyy-MM-dd HH:mm')).toBe(
      `${date} 00:00`,
    );
    expect(DateTime.fromMillis(slots.at(-1)!.end, { zone }).toFormat('HH:mm')).toBe('00:00');
  });

  it('09:00-17:00 keeps its wall time through the change (New York, Sat-Mon)', () => {
    const q = query({
      providers: [{ id: 'p1', timeZone: 'America/New_York', sortOrder: 0 }],
      rules: weekly('p1', '09:00', '17:00'),
      viewerTimeZone: 'America/New_York',
      from: '2026-03-07',
      to: '2026-03-09',
    });
    const days = groupSlotsByLocalDate(computeSlots(q), 'America/New_York');
    expect(
      days.map((d) => [d.date, d.slots.length, d.slots[0]!.localStart, d.slots.at(-1)!.localTime]),
    ).toEqual([
      ['2026-03-07', 8, '2026-03-07T09:00:00-05:00', '16:00'],
      ['2026-03-08', 8, '2026-03-08T09:00:00-04:00', '16:00'],
      ['2026-03-09', 8, '2026-03-09T09:00:00-04:00', '16:00'],
    ]);
  });

  it('cross-midnight hours on a spring-forward night (Sat 22:00-04:00, New York)', () => {
    const q = query({
      providers: [{ id: 'p1', timeZone: 'America/New_York', sortOrder: 0 }],
      rules: weekly('p1', '22:00', '04:00', [6]),
      viewerTimeZone: 'America/New_York',
      from: '2026-03-07',
      to: '2026-03-08',
    });
    const slots = computeSlots(q);
    // 22:00 EST Sat (03:00Z) to 04:00 EDT Sun (08:00Z): five real hours.
    expect(utcStarts(slots)).toEqual(
      ['03:00', '04:00', '05:00', '06:00', '07:00'].map((t) => `2026-03-08T${t}Z`),
    );
    expect(wallWithOffset(slots, 'America/New_York')).toEqual([
      '22:00-05:00',
      '23:00-05:00',
      '00:00-05:00',
      '01:00-05:00',
      '03:00-04:00',
    ]);
  });

  it('a viewer in another zone sees the same instants on a DST night', () => {
    const base = {
      zone: 'America/New_York',
      date: '2026-11-01',
      start: '00:00',
      end: '05:00',
      duration: 60,
    };
    const q = query({
      providers: [{ id: 'p1', timeZone: base.zone, sortOrder: 0 }],
      rules: weekly('p1', base.start, base.end, [7]),
      viewerTimeZone: 'Asia/Tokyo',
      from: '2026-11-01',
      to: '2026-11-01',
    });
    expect(utcStarts(computeSlots(q))).toEqual(utcStarts(slotsFor(base)));
  });
});
