/** fast-check generators of availability queries, biased towards DST nights and odd offsets. */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type {
  AvailabilityQuery,
  DateOverride,
  ExistingBooking,
  WeeklyRule,
} from '../../../src/domain/availability';

export const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe', // 30-min DST
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:45
  'Pacific/Chatham', // +12:45 / +13:45
  'America/St_Johns', // -03:30 / -02:30
  'Pacific/Kiritimati', // +14
  'Pacific/Pago_Pago', // -11
  'America/Santiago', // DST at midnight: some dates have no 00:00
] as const;

// Window anchors a day or so before DST changes in the zones above, plus a quiet date.
const ANCHORS = [
  '2026-03-07',
  '2026-03-28',
  '2026-04-04',
  '2026-09-05',
  '2026-10-03',
  '2026-10-24',
  '2026-10-31',
  '2026-06-15',
] as const;

const MIN = 60_000;
const wall = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const shiftDate = (date: string, days: number) =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

const arbStart = fc.integer({ min: 0, max: 95 }).map((k) => wall(k * 15));
const arbEnd = fc.integer({ min: 1, max: 96 }).map((k) => wall(k * 15));
const arbInterval = fc.record({ startTime: arbStart, endTime: arbEnd });

export const arbService = fc.record({
  id: fc.constant('svc'),
  durationMinutes: fc.constantFrom(15, 30, 45, 60, 90),
  bufferBeforeMinutes: fc.constantFrom(0, 0, 10, 15),
  bufferAfterMinutes: fc.constantFrom(0, 0, 5, 15),
  capacity: fc.constantFrom(1, 1, 3, 5),
  minNoticeMinutes: fc.constantFrom(0, 0, 30, 120, 1440),
  maxAdvanceDays: fc.constantFrom(2, 5, 30, Number.POSITIVE_INFINITY),
  slotIntervalMinutes: fc.constantFrom(null, null, 10, 15, 20, 30, 60),
});

const PROVIDER_IDS = ['a', 'b', 'c'] as const;

export function arbBooking(
  anchorMs: number,
  windowDays: number,
  providerIds: readonly string[],
): fc.Arbitrary<ExistingBooking> {
  return fc
    .record({
      providerId: fc.constantFrom(...providerIds),
      serviceId: fc.constantFrom('svc', 'svc', 'other'),
      // on a 15-min grid so that class bookings often share a start with a candidate
      k: fc.integer({ min: -96, max: (windowDays + 2) * 96 }),
      length: fc.integer({ min: 1, max: 8 }),
      bufferBeforeMinutes: fc.constantFrom(0, 0, 5, 30),
      bufferAfterMinutes: fc.constantFrom(0, 0, 10),
      seats: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ k, length, ...rest }) => ({
      ...rest,
      start: anchorMs + k * 15 * MIN,
      end: anchorMs + (k + length) * 15 * MIN,
    }));
}

export const arbQuery: fc.Arbitrary<AvailabilityQuery> = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    windowDays: fc.integer({ min: 0, max: 3 }),
    providerCount: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ anchor, windowDays, providerCount }) => {
    const ids = PROVIDER_IDS.slice(0, providerCount);
    const anchorMs = DateTime.fromISO(anchor, { zone: 'UTC' }).toMillis();
    const arbRule = (providerId: string): fc.Arbitrary<WeeklyRule> =>
      fc.record({
        providerId: fc.constant(providerId),
        weekday: fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<WeeklyRule['weekday']>,
        startTime: arbStart,
        endTime: arbEnd,
        serviceIds: fc.constantFrom<string[] | null>(
          null,
          null,
          ['svc'],
          ['other'],
          ['svc', 'other'],
        ),
      });
    const arbEveryDay = (providerId: string) =>
      fc.option(
        arbInterval.map((iv) =>
          ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
            providerId,
            weekday,
            ...iv,
            serviceIds: null,
          })),
        ),
        { nil: [] as WeeklyRule[] },
      );
    const arbOverride = (providerId: string): fc.Arbitrary<DateOverride> =>
      fc
        .record({
          offset: fc.integer({ min: -2, max: windowDays + 2 }),
          length: fc.integer({ min: 0, max: 2 }),
          intervals: fc.array(arbInterval, { maxLength: 2 }),
        })
        .map(({ offset, length, intervals }) => ({
          providerId,
          startDate: shiftDate(anchor, offset),
          endDate: shiftDate(anchor, offset + length),
          intervals,
        }));
    return fc.record({
      service: arbService,
      providers: fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(id),
            timeZone: fc.constantFrom(...ZONES),
            sortOrder: fc.integer({ min: 0, max: 2 }),
          }),
        ),
      ),
      rules: fc
        .tuple(
          ...ids.map((id) => fc.tuple(fc.array(arbRule(id), { maxLength: 5 }), arbEveryDay(id))),
        )
        .map((xs) => xs.flatMap(([a, b]) => [...a, ...b])),
      overrides: fc
        .tuple(...ids.map((id) => fc.array(arbOverride(id), { maxLength: 2 })))
        .map((xs) => xs.flat()),
      blackouts: fc.array(
        fc
          .record({
            offset: fc.integer({ min: -1, max: windowDays + 1 }),
            length: fc.integer({ min: 0, max: 1 }),
          })
          .map(({ offset, length }) => ({
            startDate: shiftDate(anchor, offset),
            endDate: shiftDate(anchor, offset + length),
          })),
        { maxLength: 1 },
      ),
      bookings: fc.array(arbBooking(anchorMs, windowDays, ids), { maxLength: 14 }),
      busy: fc.array(
        fc
          .record({
            providerId: fc.constantFrom(...ids),
            k: fc.integer({ min: -288, max: (windowDays + 2) * 288 }),
            length: fc.integer({ min: 1, max: 36 }),
          })
          .map(({ providerId, k, length }) => ({
            providerId,
            start: anchorMs + k * 5 * MIN,
            end: anchorMs + (k + length) * 5 * MIN,
          })),
        { maxLength: 4 },
      ),
      tenantTimeZone: fc.constantFrom(...ZONES),
      viewerTimeZone: fc.constantFrom(...ZONES),
      from: fc.constant(anchor),
      to: fc.constant(shiftDate(anchor, windowDays)),
      now: fc.integer({ min: -3 * 288, max: 2 * 288 }).map((k) => anchorMs + k * 5 * MIN),
      providerId: fc.constantFrom<string | undefined>(
        undefined,
        undefined,
        undefined,
        'a',
        'b',
        'zzz',
      ),
    });
  })
  .map(({ providerId, ...q }) => (providerId === undefined ? q : { ...q, providerId }));

const shiftWall = (t: string, by: number) => {
  const m = Number(t.slice(0, 2)) * 60 + Number(t.slice(3)) + by;
  return m < 1440 ? wall(m) : t;
};

/**
 * Gap-filling queries: the same shapes, with hours that may begin off the hour (5, 10 or 20
 * minutes past a quarter) and a clock that is not on a minute, so the notice boundary is odd.
 */
export const arbFillQuery: fc.Arbitrary<AvailabilityQuery> = fc
  .tuple(arbQuery, fc.constantFrom(0, 0, 5, 10, 20), fc.integer({ min: 0, max: 299_999 }))
  .map(([q, by, jitter]) => ({
    ...q,
    service: { ...q.service, slotPlacement: 'fill' as const },
    now: q.now + jitter,
    rules: q.rules.map((r) =>
      shiftWall(r.startTime, by) < r.endTime || r.endTime <= r.startTime
        ? { ...r, startTime: shiftWall(r.startTime, by) }
        : r,
    ),
    overrides: q.overrides.map((o) => ({
      ...o,
      intervals: o.intervals.map((iv) =>
        shiftWall(iv.startTime, by) < iv.endTime
          ? { ...iv, startTime: shiftWall(iv.startTime, by) }
          : iv,
      ),
    })),
  }));
