import { localDateOf, type LocalDate } from '../shared/time';

export interface SlotLike {
  start: string;
  end: string;
  providerIds: string[];
  seatsLeft: number;
}

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
