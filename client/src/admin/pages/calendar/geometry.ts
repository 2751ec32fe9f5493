import { localDateOf, zonedParts, type LocalDate } from '../../../shared/time';
import { type AdminBooking, type Provider } from '../../data';

/** The calendar grid's geometry and labels. */
export const HOUR_PX = 56;
export const SNAP_MIN = 15;
export const PX_PER_MIN = HOUR_PX / 60;
export const GUTTER_PX = 56;

export type View = 'day' | 'week';
export interface Column {
  date: LocalDate;
  provider: Provider;
}
export interface Placed {
  booking: AdminBooking;
  col: number;
  startMin: number;
  durationMin: number;
}
export interface Drag {
  id: string;
  pointerId: number;
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  moved: boolean;
}

export const minutesOfDay = (instant: string, zone: string) => {
  const p = zonedParts(instant, zone);
  return p.hour * 60 + p.minute;
};
export const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const wall = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
const hourFormats = new Map<string, Intl.DateTimeFormat>();
const hourFormat = (locale: string, minute: boolean) => {
  const key = `${locale}|${minute}`;
  let f = hourFormats.get(key);
  if (!f)
    hourFormats.set(
      key,
      (f = new Intl.DateTimeFormat(locale, {
        hour: 'numeric',
        ...(minute ? { minute: '2-digit' } : {}),
        timeZone: 'UTC',
      })),
    );
  return f;
};
/**
 * Minutes of the day as the locale writes a time ("1:30 PM", "13:30"): the same words as the
 * event's accessible label, which must contain what is seen (WCAG 2.5.3).
 */
export const clock = (m: number, locale = 'en') => hourFormat(locale, true).format(wall(m));
/** The gutter's hour: "1 PM", "13", "13 h". */
export const hourLabel = (h: number, locale = 'en') =>
  hourFormat(locale, false).format(wall(h * 60));
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');

/** Where each booking sits: its column (provider × day) and minutes, with pending moves applied. */
export function placeBookings(
  bookings: readonly AdminBooking[],
  columns: readonly Column[],
  moves: Readonly<Record<string, { col: number; startMin: number }>>,
  zone: string,
): Placed[] {
  const placed: Placed[] = [];
  for (const b of bookings) {
    const override = moves[b.id];
    const date = localDateOf(b.start, zone);
    const col =
      override?.col ?? columns.findIndex((c) => c.date === date && c.provider.id === b.provider.id);
    if (col < 0) continue;
    placed.push({
      booking: b,
      col,
      startMin: override?.startMin ?? minutesOfDay(b.start, zone),
      durationMin: Math.max(15, (Date.parse(b.end) - Date.parse(b.start)) / 60_000),
    });
  }
  return placed;
}
