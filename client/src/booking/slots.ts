import { localDateOf, type LocalDate } from '../shared/time';
import type { Slot } from './types';

/** What the picker reads of a slot: its times and seats (not who is free: ADR 0021). */
export type SlotLike = Pick<Slot, 'start' | 'end' | 'seatsLeft'>;

/**
 * Slots by calendar date in the viewer's zone. The server already groups by the zone it was
 * asked for; regrouping here keeps the picker correct for any slot list and any zone.
 */
export function groupByLocalDate<S extends SlotLike>(
  slots: readonly S[],
  zone: string,
): Map<LocalDate, S[]> {
  const days = new Map<LocalDate, S[]>();
  const sorted = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const s of sorted) {
    const d = localDateOf(s.start, zone);
    const list = days.get(d);
    if (list) list.push(s);
    else days.set(d, [s]);
  }
  return days;
}

/**
 * The label of each slot of one day, by start. A wall time that occurs twice that day (the
 * repeated hour of a fall-back night) gets the zone's abbreviation, or its UTC offset when the
 * locale has no distinct abbreviation for the two (e.g. "GMT+11" vs "GMT+10"), so two buttons
 * never read the same.
 */
export function slotLabels(
  slots: readonly SlotLike[],
  zone: string,
  locale: string,
  format: (start: string) => string,
): Map<string, string> {
  const plain = slots.map((s) => format(s.start));
  const count = new Map<string, number>();
  for (const p of plain) count.set(p, (count.get(p) ?? 0) + 1);
  const out = new Map<string, string>();
  slots.forEach((s, i) => {
    const p = plain[i]!;
    if ((count.get(p) ?? 0) < 2) {
      out.set(s.start, p);
      return;
    }
    const short = zoneName(s.start, zone, locale, 'short');
    const twins = slots.filter((o, j) => plain[j] === p);
    const distinct = new Set(twins.map((o) => zoneName(o.start, zone, locale, 'short'))).size;
    out.set(
      s.start,
      `${p} ${distinct === twins.length ? short : zoneName(s.start, zone, locale, 'shortOffset')}`,
    );
  });
  return out;
}

function zoneName(
  instant: string,
  zone: string,
  locale: string,
  style: 'short' | 'shortOffset',
): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style });
  return parts.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? '';
}
