import { addDays, formatLocalDate, startOfWeek, type LocalDate } from '../shared/time';

/**
 * Calendar wording for the admin in its language, by Intl alone. Words keep the case the locale
 * gives them: Spanish and French months and weekdays are lower-case ("diciembre de 2026",
 * "lun."), so nothing here capitalises; a heading that starts a sentence is the CSS's business.
 * Dates are formatted at noon UTC so no zone moves them to another day.
 */
const noon = (date: LocalDate) => new Date(`${date}T12:00:00Z`);
const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })));
  return f;
}

/** "December 2026", "diciembre de 2026", "décembre 2026". */
export function monthYear(date: LocalDate, locale: string): string {
  return fmt(locale, { month: 'long', year: 'numeric' }).format(noon(date));
}

/**
 * The month(s) a span of days falls in, for a week's heading: one month as monthYear, two as
 * Intl's range ("noviembre – diciembre de 2026", "December 2026 – January 2027").
 */
export function monthsOf(from: LocalDate, to: LocalDate, locale: string): string {
  if (from.slice(0, 7) === to.slice(0, 7)) return monthYear(from, locale);
  return fmt(locale, { month: 'long', year: 'numeric' }).formatRange(noon(from), noon(to));
}

/** "Dec 7 – 13", "7–13 dic", "7–13 déc." (Intl's range, no repeated month). */
export function dayRange(from: LocalDate, to: LocalDate, locale: string): string {
  if (from === to) return formatLocalDate(from, locale, 'short');
  return fmt(locale, { day: 'numeric', month: 'short' }).formatRange(noon(from), noon(to));
}

/** The seven weekday names from Monday, as the locale writes them ("lun.", "lundi"). */
export function weekdayNames(locale: string, width: 'short' | 'long' = 'short'): string[] {
  const monday = startOfWeek('2026-01-07');
  return Array.from({ length: 7 }, (_, i) =>
    fmt(locale, { weekday: width }).format(noon(addDays(monday, i))),
  );
}

/** A day's column or button label: "Mon, Dec 7", "lun, 7 dic", "lun. 7 déc.". */
export const dayLabel = (date: LocalDate, locale: string) => formatLocalDate(date, locale, 'short');

/** A day view's heading: "Monday, December 7, 2026", "lunes, 7 de diciembre de 2026". */
export const dayHeading = (date: LocalDate, locale: string) =>
  formatLocalDate(date, locale, 'long');
