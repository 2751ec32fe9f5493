import type { availabilitySchema } from '@slotwise/contracts';
import type { RawAvailability } from '../app/availability';
import { forEachLocalSlot } from '../domain/availability';
import { addDays } from '../domain/time';
import type { Dto } from './dto';

/**
 * The availability response as JSON bytes, written straight from the engine's slots: the same
 * document as `availabilityDto` + JSON.stringify (a test compares them), without building a day
 * and slot object per entry only to serialise it (that round trip was over a third of a cache
 * miss's API time). Strings are JSON-escaped once per distinct value: provider ids and dates
 * repeat across slots.
 */
export function renderAvailabilityJson(r: RawAvailability): Buffer {
  const q = (s: string) => JSON.stringify(s);
  const ids = new Map<string, string>();
  const quotedIds = (list: readonly string[]) => {
    let out = '[';
    for (let i = 0; i < list.length; i++) {
      let v = ids.get(list[i]!);
      if (v === undefined) {
        v = q(list[i]!);
        ids.set(list[i]!, v);
      }
      out += i === 0 ? v : `,${v}`;
    }
    return `${out}]`;
  };
  const parts: string[] = [`{"serviceId":${q(r.serviceId)},"timeZone":${q(r.timeZone)},"days":[`];
  let date = r.from;
  let firstDay = true;
  let open = false;
  let firstSlot = true;
  const openDay = (d: string) => {
    parts.push(`${firstDay ? '' : ','}{"date":${q(d)},"slots":[`);
    firstDay = false;
    open = true;
    firstSlot = true;
  };
  const closeDay = () => {
    parts.push(']}');
    open = false;
  };
  forEachLocalSlot(r.slots, r.timeZone, (s, v) => {
    // Dates before this slot's (none of their slots left): empty days.
    while (date < v.date) {
      if (!open) openDay(date);
      closeDay();
      date = addDays(date, 1);
    }
    if (!open) openDay(date);
    parts.push(
      `${firstSlot ? '' : ','}{"start":"${new Date(s.start).toISOString()}","end":"${new Date(s.end).toISOString()}",` +
        `"localTime":"${v.localTime}","utcOffset":"${v.utcOffset}","localStart":"${v.localStart}",` +
        `"providerCount":${s.providerIds.length},` +
        (r.providerIds ? `"providerIds":${quotedIds(s.providerIds)},` : '') +
        `"seatsLeft":${s.seatsLeft}}`,
    );
    firstSlot = false;
  });
  for (; date <= r.to; date = addDays(date, 1)) {
    if (!open) openDay(date);
    closeDay();
  }
  parts.push(']}');
  return Buffer.from(parts.join(''), 'utf8');
}

/** The type the bytes stand for, for the route's signature. */
export type AvailabilityJson = Dto<typeof availabilitySchema>;
