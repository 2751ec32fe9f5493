/** Builders shared by the availability tests. Instants are written as ISO strings for readability. */
import { DateTime } from 'luxon';
import type {
  AvailabilityQuery,
  ServiceSettings,
  Slot,
  WeeklyRule,
} from '../../../src/domain/availability';

export const MIN = 60_000;
export const DAY = 86_400_000;

export const service = (over: Partial<ServiceSettings> = {}): ServiceSettings => ({
  id: 'svc',
  durationMinutes: 60,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  capacity: 1,
  minNoticeMinutes: 0,
  maxAdvanceDays: 3650,
  slotIntervalMinutes: null,
  ...over,
});

/** A query for provider p1 in UTC, viewed in UTC on Monday 2026-03-02, with the clock at 2026-01-01. */
export function query(
  over: Partial<Omit<AvailabilityQuery, 'service'>> & { service?: Partial<ServiceSettings> } = {},
): AvailabilityQuery {
  const { service: svc, ...rest } = over;
  return {
    service: service(svc),
    providers: [{ id: 'p1', timeZone: 'UTC', sortOrder: 0 }],
    rules: [],
    overrides: [],
    blackouts: [],
    bookings: [],
    busy: [],
    tenantTimeZone: 'UTC',
    from: '2026-03-02',
    to: '2026-03-02',
    viewerTimeZone: 'UTC',
    now: at('2026-01-01T00:00Z'),
    ...rest,
  };
}

/** Weekly rules for one provider on the given ISO weekdays (default: every day). */
export function weekly(
  providerId: string,
  startTime: string,
  endTime: string,
  weekdays: readonly WeeklyRule['weekday'][] = [1, 2, 3, 4, 5, 6, 7],
  serviceIds: string[] | null = null,
): WeeklyRule[] {
  return weekdays.map((weekday) => ({ providerId, weekday, startTime, endTime, serviceIds }));
}

/** Epoch ms of an ISO string with an explicit offset ('2026-03-02T09:00Z'). */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad ISO in test: ${iso}`);
  return ms;
}

/** 'YYYY-MM-DDTHH:mmZ' of each slot start, the form expectations are written in. */
export function utcStarts(slots: readonly Slot[]): string[] {
  return slots.map((s) => iso(s.start));
}

export function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

/** Wall-clock 'HH:mm' of each slot start in a zone, computed with luxon (independent of the engine). */
export function wallStarts(slots: readonly Slot[], zone: string): string[] {
  return slots.map((s) => DateTime.fromMillis(s.start, { zone }).toFormat('HH:mm'));
}

/** Booking shorthand: appointment of `svc` on p1 with no buffers unless overridden. */
export function booking(
  startIso: string,
  endIso: string,
  over: Partial<AvailabilityQuery['bookings'][number]> = {},
) {
  return {
    providerId: 'p1',
    serviceId: 'svc',
    start: at(startIso),
    end: at(endIso),
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    seats: 1,
    ...over,
  };
}
