import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  civilToEpochDay,
  daysBetween,
  epochDayToCivil,
  epochDayToLocalDate,
  epochDayWallToInstant,
  instantToLocalDate,
  instantToWallTime,
  isValidLocalDate,
  isValidTimeZone,
  isValidWallTime,
  isoWeekday,
  localDateRangeToInstants,
  localDateTimeToInstant,
  localDateToEpochDay,
  localDayBounds,
  minutesToWallTime,
  startOfLocalDate,
  toLocalIso,
  wallTimeToMinutes,
  zoneOffsetMinutes,
  zoneOffsets,
} from '../../../src/domain/time';
import { at, iso } from './fixtures';

const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Santiago',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Dublin', // negative DST in tzdata
  'Europe/Berlin',
  'Africa/Casablanca', // DST suspended during Ramadan: several changes a year
  'Asia/Tehran',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Apia', // skipped a whole day in 2011
];
const FROM_1971 = Date.UTC(1971, 0, 1);
const TO_2100 = Date.UTC(2100, 0, 1);

describe('validation', () => {
  it.each([
    ['America/New_York', true],
    ['Europe/London', true],
    ['Australia/Lord_Howe', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
    ['New York', false],
    ['+05:30', false],
  ])('isValidTimeZone(%j) = %s', (zone, ok) => {
    expect(isValidTimeZone(zone)).toBe(ok);
  });

  it.each([
    ['2026-03-08', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-12-31', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
    ['0000-01-01', false],
    ['', false],
  ])('isValidLocalDate(%j) = %s', (value, ok) => {
    expect(isValidLocalDate(value)).toBe(ok);
  });

  it.each([
    ['00:00', false, true],
    ['09:30', false, true],
    ['23:59', false, true],
    ['24:00', false, false],
    ['24:00', true, true],
    ['24:01', true, false],
    ['25:00', true, false],
    ['12:60', false, false],
    ['7:00', false, false],
    ['07:00:00', false, false],
    ['ab:cd', false, false],
  ])('isValidWallTime(%j, asEndTime=%s) = %s', (value, asEndTime, ok) => {
    expect(isValidWallTime(value, { asEndTime })).toBe(ok);
  });

  it('wall times convert to minutes and back', () => {
    expect(wallTimeToMinutes('00:00')).toBe(0);
    expect(wallTimeToMinutes('09:45')).toBe(585);
    expect(wallTimeToMinutes('24:00')).toBe(1440);
    expect(() => wallTimeToMinutes('9:45')).toThrow(RangeError);
    expect(minutesToWallTime(585)).toBe('09:45');
    expect(minutesToWallTime(1440)).toBe('24:00');
    expect(() => minutesToWallTime(1441)).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-20', 49, '2026-03-10'],
  ])('addDays(%s, %i) = %s', (date, n, want) => {
    expect(addDays(date, n)).toBe(want);
  });

  it('daysBetween and isoWeekday', () => {
    expect(daysBetween('2026-01-20', '2026-03-10')).toBe(49);
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
    expect(isoWeekday('2026-03-02')).toBe(1); // Monday
    expect(isoWeekday('2026-03-08')).toBe(7); // Sunday
    expect(isoWeekday('1970-01-01')).toBe(4); // Thursday
    expect(isoWeekday('1969-12-29')).toBe(1);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('epoch days agree with Date for any date in years 1..9999', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: civilToEpochDay(1, 1, 1), max: civilToEpochDay(9999, 12, 31) }),
        (day) => {
          const d = new Date(day * 86_400_000);
          const { year, month, day: dom } = epochDayToCivil(day);
          expect([year, month, dom]).toEqual([
            d.getUTCFullYear(),
            d.getUTCMonth() + 1,
            d.getUTCDate(),
          ]);
          const text = epochDayToLocalDate(day);
          expect(isValidLocalDate(text)).toBe(true);
          expect(localDateToEpochDay(text)).toBe(day);
          expect(isoWeekday(text)).toBe(((d.getUTCDay() + 6) % 7) + 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('zone offsets (memoised)', () => {
  it('agree with luxon/Intl at random instants 1971-2100', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: FROM_1971, max: TO_2100 }),
        (zone, ms) => {
          expect(zoneOffsetMinutes(zone, ms)).toBe(IANAZone.create(zone).offset(ms));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['America/New_York', '2026-03-08T07:00:00Z', -300, -240],
    ['America/New_York', '2026-11-01T06:00:00Z', -240, -300],
    ['Europe/London', '2026-03-29T01:00:00Z', 0, 60],
    ['Europe/London', '2026-10-25T01:00:00Z', 60, 0],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z', 660, 630],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z', 630, 660],
  ])('%s switches exactly at %s (%i -> %i)', (zone, when, before, after) => {
    const t = Date.parse(when);
    // Fill the memo from the far side first, so the transition day is found both ways.
    expect(zoneOffsetMinutes(zone, t + 86_400_000)).toBe(after);
    expect(zoneOffsetMinutes(zone, t - 1)).toBe(before);
    expect(zoneOffsetMinutes(zone, t)).toBe(after);
    expect(zoneOffsetMinutes(zone, t - 1000)).toBe(before);
  });

  it('Asia/Kolkata is +05:30 all year', () => {
    for (let m = 0; m < 12; m++)
      expect(zoneOffsetMinutes('Asia/Kolkata', Date.UTC(2026, m, 15))).toBe(330);
  });

  it('rejects unknown zones', () => {
    expect(() => zoneOffsets('Mars/Olympus')).toThrow(RangeError);
  });
});

describe('wall clock to instant', () => {
  it.each([
    // zone, date, time, expected instant
    ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59Z'],
    ['America/New_York', '2026-03-08', '02:00', '2026-03-08T07:00Z'], // gap -> 03:00 EDT
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30Z'], // gap -> 03:30 EDT
    ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00Z'],
    ['America/New_York', '2026-11-01', '00:59', '2026-11-01T04:59Z'],
    ['America/New_York', '2026-11-01', '01:00', '2026-11-01T05:00Z'], // ambiguous -> first (EDT)
    ['America/New_York', '2026-11-01', '01:59', '2026-11-01T05:59Z'],
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00Z'],
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:30Z'], // gap -> 02:30 BST
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30Z'], // ambiguous -> BST
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45Z'], // ambiguous -> +11
    ['Australia/Lord_Howe', '2026-04-05', '02:00', '2026-04-04T15:30Z'],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:45Z'], // gap -> 02:45 +11
    ['Australia/Lord_Howe', '2026-10-04', '02:30', '2026-10-03T15:30Z'],
    ['Asia/Kolkata', '2026-03-08', '02:30', '2026-03-07T21:00Z'],
    ['America/Santiago', '2026-09-06', '00:00', '2026-09-06T04:00Z'], // midnight does not exist -> 01:00 -03
    ['America/New_York', '2026-03-07', '24:00', '2026-03-08T05:00Z'],
  ])('%s %s %s -> %s', (zone, date, time, want) => {
    expect(iso(localDateTimeToInstant(date, time, zone))).toBe(want);
  });

  it('agrees with luxon: exact for unambiguous times, first occurrence when ambiguous, forward shift in gaps', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: civilToEpochDay(1971, 1, 1), max: civilToEpochDay(2099, 12, 31) }),
        fc.integer({ min: 0, max: 1439 }),
        (zone, day, minutes) => {
          const { year, month, day: dom } = epochDayToCivil(day);
          const dt = DateTime.fromObject(
            { year, month, day: dom, hour: Math.floor(minutes / 60), minute: minutes % 60 },
            { zone },
          );
          const want = Math.min(...dt.getPossibleOffsets().map((d) => d.toMillis()));
          expect(epochDayWallToInstant(zoneOffsets(zone), day, minutes)).toBe(want);
        },
      ),
      { numRuns: 600 },
    );
  });

  it.each([
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/London', '2026-03-29'],
    ['Europe/London', '2026-10-25'],
    ['Australia/Lord_Howe', '2026-04-05'],
    ['Australia/Lord_Howe', '2026-10-04'],
    ['America/Santiago', '2026-04-05'], // 24:00 -> 23:00 on the 4th
    ['America/Santiago', '2026-09-06'], // 00:00 -> 01:00
  ])('agrees with luxon minute by minute around the %s transition of %s', (zone, date) => {
    const z = zoneOffsets(zone);
    const day = localDateToEpochDay(date);
    for (let minutes = -75; minutes <= 180; minutes++) {
      const wall = DateTime.fromISO(date, { zone: 'UTC' }).plus({ minutes });
      const dt = DateTime.fromObject(
        { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute },
        { zone },
      );
      const want = Math.min(...dt.getPossibleOffsets().map((d) => d.toMillis()));
      expect(epochDayWallToInstant(z, day, minutes)).toBe(want);
    }
  });
});

describe('local dates and days', () => {
  it.each([
    ['America/New_York', '2026-03-08', '2026-03-08', '2026-03-08T05:00Z', '2026-03-09T04:00Z', 23],
    ['America/New_York', '2026-11-01', '2026-11-01', '2026-11-01T04:00Z', '2026-11-02T05:00Z', 25],
    [
      'Australia/Lord_Howe',
      '2026-04-05',
      '2026-04-05',
      '2026-04-04T13:00Z',
      '2026-04-05T13:30Z',
      24.5,
    ],
    ['Asia/Kolkata', '2026-01-20', '2026-03-10', '2026-01-19T18:30Z', '2026-03-10T18:30Z', 50 * 24],
    ['America/Santiago', '2026-09-06', '2026-09-06', '2026-09-06T04:00Z', '2026-09-07T03:00Z', 23],
  ])('localDateRangeToInstants(%s, %s..%s)', (zone, from, to, start, end, hours) => {
    const r = localDateRangeToInstants(from, to, zone);
    expect([iso(r.start), iso(r.end)]).toEqual([start, end]);
    expect((r.end - r.start) / 3_600_000).toBe(hours);
    expect(startOfLocalDate(from, zone)).toBe(r.start);
  });

  it('rejects inverted ranges and bad input', () => {
    expect(() => localDateRangeToInstants('2026-03-09', '2026-03-08', 'UTC')).toThrow(RangeError);
    expect(() => localDateRangeToInstants('2026-03-08', '2026-03-08', 'Nope/Nope')).toThrow(
      RangeError,
    );
    expect(() => localDateRangeToInstants('2026-3-8', '2026-03-08', 'UTC')).toThrow(RangeError);
  });

  it('instant -> local date, wall time, ISO and day bounds', () => {
    const t = at('2026-11-01T06:30Z'); // 01:30 EST, the second one
    expect(instantToLocalDate(t, 'America/New_York')).toBe('2026-11-01');
    expect(instantToWallTime(t, 'America/New_York')).toBe('01:30');
    expect(toLocalIso(t, 'America/New_York')).toBe('2026-11-01T01:30:00-05:00');
    expect(toLocalIso(t + 1500, 'Asia/Kathmandu')).toBe('2026-11-01T12:15:01.500+05:45');
    expect(toLocalIso(at('2026-01-15T12:00Z'), 'America/St_Johns')).toBe(
      '2026-01-15T08:30:00-03:30',
    );
    expect(instantToLocalDate(at('2026-03-02T23:30Z'), 'Asia/Tokyo')).toBe('2026-03-03');
    const b = localDayBounds(t, 'America/New_York');
    expect([iso(b.start), iso(b.end)]).toEqual(['2026-11-01T04:00Z', '2026-11-02T05:00Z']);
  });

  it('toLocalIso agrees with luxon at random instants', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES.filter((z) => z !== 'UTC')),
        fc.integer({ min: FROM_1971, max: TO_2100 }),
        (zone, ms) => {
          expect(toLocalIso(ms, zone)).toBe(
            DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
