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
  const iso = isoWriter();
  forEachLocalSlot(r.slots, r.timeZone, (s, v) => {
    // Dates before this slot's (none of their slots left): empty days.
    while (date < v.date) {
      if (!open) openDay(date);
      closeDay();
      date = addDays(date, 1);
    }
    if (!open) openDay(date);
    parts.push(
      `${firstSlot ? '' : ','}{"start":"${iso(s.start)}","end":"${iso(s.end)}",` +
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

const DAY_MS = 86_400_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()`, with the date part ("YYYY-MM-DDT", whatever the year's width)
 * computed once per UTC day: slots share a handful of days, and a Date per instant was a tenth
 * of a miss's rendering.
 */
export function isoWriter(): (ms: number) => string {
  let day = Number.NaN;
  let prefix = '';
  // And the time part once per time of day: slots share a few dozen.
  const times = new Map<number, string>();
  return (ms) => {
    if (!Number.isSafeInteger(ms)) return new Date(ms).toISOString();
    const d = Math.floor(ms / DAY_MS);
    if (d !== day) {
      const full = new Date(d * DAY_MS).toISOString();
      day = d;
      prefix = full.slice(0, full.indexOf('T') + 1);
    }
    const t = ms - d * DAY_MS;
    let time = times.get(t);
    if (time === undefined) {
      const sec = Math.floor(t / 1000);
      time = `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}.${pad3(t % 1000)}Z`;
      times.set(t, time);
    }
    return prefix + time;
  };
}

/** The type the bytes stand for, for the route's signature. */
export type AvailabilityJson = Dto<typeof availabilitySchema>;
