/** Picking a short list from an availability answer: pure, so it is tested on its own. */

interface Slot {
  start: string;
  localTime: string;
}

export interface DaySlots<S extends Slot> {
  date: string;
  slots: S[];
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * At most `limit` slots, in chronological order.
 * - No preferred time: the earliest ones.
 * - A preferred time (HH:mm): on each day the slots nearest to it, taken one day after another
 *   (the nearest of every day, then the second nearest, ...), so the customer sees that time on
 *   several days before several times on one day.
 */
export function bestSlots<S extends Slot>(
  days: DaySlots<S>[],
  opts: { limit: number; preferredTime?: string },
): { date: string; slot: S }[] {
  const limit = Math.max(0, Math.floor(opts.limit));
  // By instant, not local time: an hour repeated at a DST change keeps its real order.
  const order = (a: { slot: S }, b: { slot: S }) =>
    Date.parse(a.slot.start) - Date.parse(b.slot.start);
  if (opts.preferredTime === undefined) {
    return days
      .flatMap((d) => d.slots.map((slot) => ({ date: d.date, slot })))
      .sort(order)
      .slice(0, limit);
  }
  const want = minutes(opts.preferredTime);
  const queues = [...days]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((d) =>
      d.slots
        .map((slot) => ({ date: d.date, slot }))
        // Stable: equally near slots keep the earlier one first.
        .sort(
          (a, b) =>
            Math.abs(minutes(a.slot.localTime) - want) - Math.abs(minutes(b.slot.localTime) - want),
        ),
    );
  const picked: { date: string; slot: S }[] = [];
  for (let round = 0; picked.length < limit; round++) {
    let any = false;
    for (const q of queues) {
      const s = q[round];
      if (!s) continue;
      any = true;
      picked.push(s);
      if (picked.length === limit) break;
    }
    if (!any) break;
  }
  return picked.sort(order);
}

/** YYYY-MM-DD plus n days (calendar arithmetic, no zone involved). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
