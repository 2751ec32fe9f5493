/**
 * Time-zone arithmetic on top of Intl only (no date library in the booking bundle).
 * Instants are ISO strings or epoch ms; calendar dates are 'YYYY-MM-DD' strings, wall times 'HH:mm'.
 */
export type Instant = string | number | Date;
export type LocalDate = string;

const formatters = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

const toDate = (i: Instant) => (i instanceof Date ? i : new Date(i));

/** The visitor's zone under its current IANA name (browsers still report e.g. Asia/Calcutta). */
export function detectTimeZone(): string {
  try {
    return canonicalZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  } catch {
    return 'UTC';
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    dtf('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// ICU still lists some zones under their pre-rename names; people look for the current ones.
const RENAMED: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

export function canonicalZone(zone: string): string {
  const renamed = RENAMED[zone];
  return renamed && isTimeZone(renamed) ? renamed : zone;
}

/** Every IANA zone the browser knows, with `extra` (e.g. the detected one) guaranteed present. */
export function timeZones(...extra: string[]): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (k: string) => string[] };
  const listed = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
  const all = new Set(listed.map(canonicalZone));
  for (const z of extra) if (z) all.add(z);
  return [...all].sort();
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function zonedParts(instant: Instant, zone: string): ZonedParts {
  const parts = dtf('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(toDate(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localDateOf(instant: Instant, zone: string): LocalDate {
  const p = zonedParts(instant, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function wallTimeOf(instant: Instant, zone: string): string {
  const p = zonedParts(instant, zone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

export const todayIn = (zone: string) => localDateOf(Date.now(), zone);

/** Minutes to add to UTC to get the zone's wall clock at that instant. */
export function offsetMinutes(instant: Instant, zone: string): number {
  const d = toDate(instant);
  const p = zonedParts(d, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round(
    (asUtc - (d.getTime() - d.getUTCSeconds() * 1000 - d.getUTCMilliseconds())) / 60_000,
  );
}

/**
 * The instant a wall-clock time on a date has in a zone. In a spring-forward gap the time is
 * pushed forward by the gap (as luxon and the server do); in a fall-back overlap the earlier
 * instant wins.
 */
export function zonedTimeToInstant(date: LocalDate, time: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const before = offsetMinutes(wall - 14 * 3_600_000, zone);
  const candidate = wall - before * 60_000;
  const after = offsetMinutes(candidate, zone);
  if (after === before) return new Date(candidate);
  const second = wall - after * 60_000;
  return new Date(offsetMinutes(second, zone) === after ? second : candidate);
}

export function formatTime(instant: Instant, zone: string, locale: string): string {
  return dtf(locale, { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(
    toDate(instant),
  );
}

/** "Mon, Nov 23, 9:20 AM": for lists where the year is obvious. */
export function formatShortDateTime(instant: Instant, zone: string, locale: string): string {
  return dtf(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(toDate(instant));
}

export function formatDateTime(instant: Instant, zone: string, locale: string): string {
  return dtf(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(toDate(instant));
}

/** A calendar date's label; formatted at noon UTC so no zone can move it to another day. */
export function formatLocalDate(
  date: LocalDate,
  locale: string,
  style: 'long' | 'short' | 'weekday' = 'long',
): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : style === 'short'
        ? { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }
        : { weekday: 'short', timeZone: 'UTC' };
  return dtf(locale, options).format(new Date(`${date}T12:00:00Z`));
}

export function formatMonth(year: number, month: number, locale: string): string {
  return dtf(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}

/** "GMT+5:30" style label for a zone at an instant. */
export function offsetLabel(zone: string, at: Instant = Date.now()): string {
  const mins = offsetMinutes(at, zone);
  const sign = mins < 0 ? '−' : '+';
  const abs = Math.abs(mins);
  return `GMT${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO weekday, Monday = 1. */
export function isoWeekday(date: LocalDate): number {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

export const startOfWeek = (date: LocalDate) => addDays(date, 1 - isoWeekday(date));

export function monthStart(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: LocalDate): LocalDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function addMonths(date: LocalDate, n: number): LocalDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 10);
}

/** The weeks (Monday first) covering a month; days outside it are null. */
export function monthGrid(anyDayOfMonth: LocalDate): (LocalDate | null)[][] {
  const first = monthStart(anyDayOfMonth);
  const last = monthEnd(anyDayOfMonth);
  const weeks: (LocalDate | null)[][] = [];
  let day = startOfWeek(first);
  while (day <= last) {
    const week: (LocalDate | null)[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day >= first && day <= last ? day : null);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}
