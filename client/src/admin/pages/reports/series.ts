import type { ReportSummary } from '@slotwise/contracts';
import { formatMoney } from '../../../shared/money';
import { formatLocalDate, formatMonth } from '../../../shared/time';

/** Longer ranges are charted per month: a year of daily columns is unreadable. */
export const MAX_DAILY_COLUMNS = 62;

export interface SeriesPoint {
  label: string;
  short: string;
  value: number;
}

/**
 * The summary's daily series as chart columns, per day or (over MAX_DAILY_COLUMNS days) per
 * month, labelled in the reader's language by Intl ("diciembre de 2026", "décembre 2026").
 * Money is charted in one currency (the business's, else the first the period has).
 */
export function reportSeries(daily: ReportSummary['daily'], locale: string, currency: string) {
  const byMonth = daily.length > MAX_DAILY_COLUMNS;
  const buckets = new Map<
    string,
    { label: string; short: string; bookings: number; cents: number }
  >();
  const moneyCurrency =
    daily.some((d) => d.collected.some((m) => m.currency === currency)) ||
    !daily.some((d) => d.collected.length)
      ? currency
      : daily.find((d) => d.collected.length)!.collected[0]!.currency;
  for (const d of daily) {
    const key = byMonth ? d.date.slice(0, 7) : d.date;
    const [y, m] = [Number(d.date.slice(0, 4)), Number(d.date.slice(5, 7))];
    const b = buckets.get(key) ?? {
      label: byMonth ? formatMonth(y, m, locale) : formatLocalDate(d.date, locale, 'short'),
      short: byMonth
        ? new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(
            Date.UTC(y, m - 1, 15),
          )
        : d.date.slice(8),
      bookings: 0,
      cents: 0,
    };
    b.bookings += d.bookings;
    b.cents += d.collected
      .filter((c) => c.currency === moneyCurrency)
      .reduce((s, c) => s + c.amount, 0);
    buckets.set(key, b);
  }
  const list = [...buckets.values()];
  return {
    byMonth,
    moneyCurrency,
    bookings: list.map((b): SeriesPoint => ({ label: b.label, short: b.short, value: b.bookings })),
    collected: list.map((b): SeriesPoint => ({ label: b.label, short: b.short, value: b.cents })),
    formatMoney: (cents: number) => formatMoney(cents, moneyCurrency, locale),
  };
}
