/**
 * Time helpers shared by the domain (availability engine) and the HTTP layer (validation).
 *
 * Conventions:
 * - Instants are epoch milliseconds (UTC).
 * - A "local date" is a 'YYYY-MM-DD' string; internally it is handled as an "epoch day"
 *   (days since 1970-01-01), which makes date arithmetic and weekday computation plain integer
 *   math.
 * - A "wall time" is 'HH:mm'; '24:00' is accepted where it means "end of the day".
 *
 * Zone data comes from luxon's IANAZone (i.e. the platform's Intl tz database). Two reasons we
 * don't call `DateTime.fromObject` for wall-clock -> instant conversion:
 * 1. it resolves an ambiguous wall time (the repeated hour when clocks go back) using the offset
 *    in force at the *current* real-world time, so the same query would give different answers
 *    in summer and in winter; the engine must be deterministic for an injected clock;
 * 2. it costs ~20 µs per call, and `IANAZone.offset` ~6 µs (Intl formatToParts); the engine
 *    converts thousands of boundaries per request.
 * So offsets are memoised per zone and UTC day (see `zoneOffsetMinutes`), and wall times are
 * resolved like Temporal's `disambiguation: 'compatible'`: a non-existent time moves forward by
 * the length of the gap (same as luxon), an ambiguous time takes the earlier instant.
 */
import { IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const validZones = new Map<string, boolean>();

/** True for an IANA zone name the runtime knows ('Europe/London', 'UTC', ...). */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  let ok = validZones.get(zone);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(zone);
    if (validZones.size > 1000) validZones.clear();
    validZones.set(zone, ok);
  }
  return ok;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME_RE = /^(\d{2}):(\d{2})$/;

/** True for an existing calendar date written 'YYYY-MM-DD' (years 0001-9999). */
export function isValidLocalDate(value: string): boolean {
  return parseLocalDateParts(value) !== null;
}

/**
 * True for 'HH:mm' between '00:00' and '23:59'. With `{ asEndTime: true }`, '24:00' (the end of
 * the day) is accepted too — use that for the end of a working interval.
 */
export function isValidWallTime(value: string, options: { asEndTime?: boolean } = {}): boolean {
  if (typeof value !== 'string') return false;
  const m = WALL_TIME_RE.exec(value);
  if (!m) return false;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h === 24 && min === 0) return options.asEndTime === true;
  return h < 24 && min < 60;
}

// ---------------------------------------------------------------------------------------------
// Local dates <-> epoch days (proleptic Gregorian, H. Hinnant's civil algorithms)
// ---------------------------------------------------------------------------------------------

function parseLocalDateParts(value: string): [number, number, number] | null {
  if (typeof value !== 'string') return null;
  const m = LOCAL_DATE_RE.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a civil date. */
export function civilToEpochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day count since 1970-01-01. */
export function epochDayToCivil(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 'YYYY-MM-DD' -> days since 1970-01-01. Throws RangeError on an invalid date. */
export function localDateToEpochDay(date: string): number {
  const p = parseLocalDateParts(date);
  if (!p) throw new RangeError(`Invalid local date: ${JSON.stringify(date)} (expected YYYY-MM-DD)`);
  return civilToEpochDay(p[0], p[1], p[2]);
}

/** Days since 1970-01-01 -> 'YYYY-MM-DD'. */
export function epochDayToLocalDate(epochDay: number): string {
  const { year, month, day } = epochDayToCivil(epochDay);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Calendar arithmetic on a local date (no zone involved). */
export function addDays(date: string, days: number): string {
  return epochDayToLocalDate(localDateToEpochDay(date) + days);
}

/** Number of calendar days from `from` to `to` (to - from; 0 for the same date). */
export function daysBetween(from: string, to: string): number {
  return localDateToEpochDay(to) - localDateToEpochDay(from);
}

/** ISO weekday (Monday = 1 ... Sunday = 7) of an epoch day. */
export function isoWeekdayOfEpochDay(epochDay: number): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  // 1970-01-01 was a Thursday (4).
  return (((((epochDay + 3) % 7) + 7) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** ISO weekday (Monday = 1 ... Sunday = 7) of a local date. */
export function isoWeekday(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  return isoWeekdayOfEpochDay(localDateToEpochDay(date));
}

// ---------------------------------------------------------------------------------------------
// Wall times
// ---------------------------------------------------------------------------------------------

/** 'HH:mm' (or '24:00') -> minutes since midnight. Throws RangeError on anything else. */
export function wallTimeToMinutes(value: string): number {
  if (!isValidWallTime(value, { asEndTime: true })) {
    throw new RangeError(`Invalid wall time: ${JSON.stringify(value)} (expected HH:mm)`);
  }
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

/** Minutes since midnight (0..1440) -> 'HH:mm'. */
export function minutesToWallTime(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    throw new RangeError(`Invalid minutes of day: ${minutes}`);
  }
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Zone offsets (memoised)
// ---------------------------------------------------------------------------------------------

/**
 * Offsets of one zone, memoised per UTC day: the offset at the day's start plus, when the offset
 * changes during that day, the transition instant (to the second) and the offset after it.
 * Assumes a zone changes offset at most once per UTC day, which holds for the tz database
 * outside a few pre-1950 oddities. Verified against luxon in the tests.
 */
interface DayOffsets {
  start: number;
  at: number; // transition instant, +Infinity when none
  after: number;
}

export interface ZoneOffsetCache {
  readonly zone: string;
  offsetAt(epochMs: number): number;
}

class MemoisedZone implements ZoneOffsetCache {
  private readonly iana: IANAZone;
  private readonly days = new Map<number, DayOffsets>();

  constructor(readonly zone: string) {
    this.iana = IANAZone.create(zone);
  }

  offsetAt(epochMs: number): number {
    const dayIndex = Math.floor(epochMs / DAY_MS);
    const e = this.days.get(dayIndex) ?? this.fill(dayIndex);
    return epochMs < e.at ? e.start : e.after;
  }

  private fill(dayIndex: number): DayOffsets {
    if (this.days.size > 50_000) this.days.clear();
    const dayStart = dayIndex * DAY_MS;
    const next = dayStart + DAY_MS;
    const o0 = this.days.get(dayIndex - 1)?.after ?? this.iana.offset(dayStart);
    const o1 = this.days.get(dayIndex + 1)?.start ?? this.iana.offset(next);
    if (!Number.isFinite(o0) || !Number.isFinite(o1)) {
      throw new RangeError(`Invalid time zone: ${JSON.stringify(this.zone)}`);
    }
    let e: DayOffsets;
    if (o0 === o1) {
      e = { start: o0, at: Number.POSITIVE_INFINITY, after: o0 };
    } else {
      // Binary search to the second (luxon/Intl offsets have second resolution).
      let lo = dayStart;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (this.iana.offset(mid) === o0) lo = mid;
        else hi = mid;
      }
      e = { start: o0, at: hi, after: o1 };
    }
    this.days.set(dayIndex, e);
    return e;
  }
}

const zoneCaches = new Map<string, MemoisedZone>();

/** The memoised offset table of a zone. Throws RangeError for an unknown zone. */
export function zoneOffsets(zone: string): ZoneOffsetCache {
  let z = zoneCaches.get(zone);
  if (!z) {
    if (!isValidTimeZone(zone)) throw new RangeError(`Invalid time zone: ${JSON.stringify(zone)}`);
    if (zoneCaches.size > 500) zoneCaches.clear();
    z = new MemoisedZone(zone);
    zoneCaches.set(zone, z);
  }
  return z;
}

/** UTC offset in minutes (east positive, e.g. +330 for Asia/Kolkata) of `zone` at an instant. */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  return zoneOffsets(zone).offsetAt(epochMs);
}

// ---------------------------------------------------------------------------------------------
// Wall clock <-> instants
// ---------------------------------------------------------------------------------------------

/**
 * Instant of a wall-clock time (`minutes` after the start of local date `epochDay`; may exceed
 * 1440 to express times on the following days) in a zone.
 * - non-existent time (spring-forward gap): moved forward by the gap length (02:30 -> 03:30);
 * - ambiguous time (fall-back overlap): the earlier instant (first occurrence).
 */
export function epochDayWallToInstant(
  z: ZoneOffsetCache,
  epochDay: number,
  minutes: number,
): number {
  const local = epochDay * DAY_MS + minutes * MINUTE_MS;
  const before = z.offsetAt(local - DAY_MS);
  const after = z.offsetAt(local + DAY_MS);
  const t1 = local - before * MINUTE_MS;
  if (before === after) return t1;
  const t2 = local - after * MINUTE_MS;
  const t1Valid = z.offsetAt(t1) === before;
  const t2Valid = z.offsetAt(t2) === after;
  if (t1Valid && t2Valid) return t1 < t2 ? t1 : t2;
  if (t2Valid) return t2;
  // Either t1 is the only valid reading, or the time is in a gap; in a gap, reading it with the
  // pre-transition offset lands `gap` later, which is exactly the forward shift we want.
  return t1;
}

/** Instant of `wallTime` on local `date` in `zone` (see epochDayWallToInstant for DST rules). */
export function localDateTimeToInstant(date: string, wallTime: string, zone: string): number {
  return epochDayWallToInstant(
    zoneOffsets(zone),
    localDateToEpochDay(date),
    wallTimeToMinutes(wallTime),
  );
}

/** First instant of a local date in a zone (01:00 when midnight itself is skipped by DST). */
export function startOfLocalDate(date: string, zone: string): number {
  return epochDayWallToInstant(zoneOffsets(zone), localDateToEpochDay(date), 0);
}

/**
 * Half-open instant range [from 00:00, (to + 1) 00:00) covering the inclusive local date range.
 * Throws RangeError on invalid input or when `to` is before `from`.
 */
export function localDateRangeToInstants(
  from: string,
  to: string,
  zone: string,
): { start: number; end: number } {
  const z = zoneOffsets(zone);
  const a = localDateToEpochDay(from);
  const b = localDateToEpochDay(to);
  if (b < a) throw new RangeError(`Date range ends (${to}) before it starts (${from})`);
  return { start: epochDayWallToInstant(z, a, 0), end: epochDayWallToInstant(z, b + 1, 0) };
}

/** Local epoch day and minute-of-day of an instant in a zone. */
export function instantToEpochDay(z: ZoneOffsetCache, epochMs: number): number {
  return Math.floor((epochMs + z.offsetAt(epochMs) * MINUTE_MS) / DAY_MS);
}

/** Local date 'YYYY-MM-DD' of an instant in a zone. */
export function instantToLocalDate(epochMs: number, zone: string): string {
  return epochDayToLocalDate(instantToEpochDay(zoneOffsets(zone), epochMs));
}

/** Local wall time 'HH:mm' of an instant in a zone. */
export function instantToWallTime(epochMs: number, zone: string): string {
  const local = epochMs + zoneOffsets(zone).offsetAt(epochMs) * MINUTE_MS;
  const ms = local - Math.floor(local / DAY_MS) * DAY_MS;
  return `${pad2(Math.floor(ms / HOUR_MS))}:${pad2(Math.floor((ms % HOUR_MS) / MINUTE_MS))}`;
}

/** [start, end) of the local day (in `zone`) containing the instant. */
export function localDayBounds(epochMs: number, zone: string): { start: number; end: number } {
  const z = zoneOffsets(zone);
  const day = instantToEpochDay(z, epochMs);
  return { start: epochDayWallToInstant(z, day, 0), end: epochDayWallToInstant(z, day + 1, 0) };
}

/** Parts of an instant seen in a zone; cheap (no luxon object), for formatting hot paths. */
export interface LocalParts {
  epochDay: number;
  date: string; // YYYY-MM-DD
  time: string; // HH:mm
  iso: string; // YYYY-MM-DDTHH:mm:ss[.SSS]±HH:MM
}

export function instantToLocalParts(z: ZoneOffsetCache, epochMs: number): LocalParts {
  const offset = z.offsetAt(epochMs);
  const local = epochMs + offset * MINUTE_MS;
  const epochDay = Math.floor(local / DAY_MS);
  const msOfDay = local - epochDay * DAY_MS;
  const date = epochDayToLocalDate(epochDay);
  const hh = Math.floor(msOfDay / HOUR_MS);
  const mm = Math.floor((msOfDay % HOUR_MS) / MINUTE_MS);
  const ss = Math.floor((msOfDay % MINUTE_MS) / 1000);
  const millis = Math.floor(msOfDay % 1000);
  const time = `${pad2(hh)}:${pad2(mm)}`;
  const abs = Math.trunc(Math.abs(offset));
  const offStr = `${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  const iso = `${date}T${time}:${pad2(ss)}${millis ? `.${String(millis).padStart(3, '0')}` : ''}${offStr}`;
  return { epochDay, date, time, iso };
}

/** ISO-8601 string of an instant with the zone's offset, e.g. '2026-03-08T03:30:00-04:00'. */
export function toLocalIso(epochMs: number, zone: string): string {
  return instantToLocalParts(zoneOffsets(zone), epochMs).iso;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}
