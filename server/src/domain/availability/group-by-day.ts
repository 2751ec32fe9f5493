import { DAY_MS, HOUR_MS, MINUTE_MS, epochDayToLocalDate, zoneOffsets } from '../time';
import type { LocalSlot, Slot, SlotDay } from './types';

/** A slot seen on the viewer's clock, handed to `forEachLocalSlot` (reused: copy what you keep). */
export interface LocalView {
  date: string;
  localTime: string;
  localStart: string;
  utcOffset: string;
}

/**
 * Calls `visit` for each slot in start order with its date, wall time, ISO start with offset and
 * offset in the viewer's zone, without building an object per slot: the presenter writes JSON
 * straight from it. Offsets come from the memoised zone table (no luxon object per slot).
 */
export function forEachLocalSlot(
  slots: readonly Slot[],
  viewerTimeZone: string,
  visit: (slot: Slot, view: LocalView) => void,
): void {
  const z = zoneOffsets(viewerTimeZone);
  let ordered = slots;
  for (let i = 1; i < slots.length; i++) {
    if (slots[i]!.start < slots[i - 1]!.start) {
      ordered = [...slots].sort((a, b) => a.start - b.start);
      break;
    }
  }
  const view: LocalView = { date: '', localTime: '', localStart: '', utcOffset: '' };
  let currentDay = Number.NaN;
  let lastOffset = Number.NaN;
  // Slots of a window share a few dozen wall times: each is formatted once.
  const clocks = new Map<number, [hhmm: string, full: string]>();
  for (const slot of ordered) {
    const offset = z.offsetAt(slot.start);
    if (offset !== lastOffset) {
      lastOffset = offset;
      view.utcOffset = formatOffset(offset);
    }
    const local = slot.start + offset * MINUTE_MS;
    const epochDay = Math.floor(local / DAY_MS);
    if (epochDay !== currentDay) {
      currentDay = epochDay;
      view.date = epochDayToLocalDate(epochDay);
    }
    const msOfDay = local - epochDay * DAY_MS;
    let clock = clocks.get(msOfDay);
    if (clock === undefined) {
      const hhmm = `${pad2(Math.floor(msOfDay / HOUR_MS))}:${pad2(Math.floor((msOfDay % HOUR_MS) / MINUTE_MS))}`;
      const seconds = Math.floor((msOfDay % MINUTE_MS) / 1000);
      const millis = msOfDay % 1000;
      clock = [
        hhmm,
        `${hhmm}:${pad2(seconds)}` + (millis ? `.${String(millis).padStart(3, '0')}` : ''),
      ];
      clocks.set(msOfDay, clock);
    }
    view.localTime = clock[0];
    view.localStart = `${view.date}T${clock[1]}${view.utcOffset}`;
    visit(slot, view);
  }
}

/**
 * Groups slots by their start date in the viewer's zone, adding the viewer's wall time and an
 * ISO start with offset. Days are in chronological order; days without slots are omitted.
 */
export function groupSlotsByLocalDate(slots: readonly Slot[], viewerTimeZone: string): SlotDay[] {
  const days: SlotDay[] = [];
  let current: SlotDay | undefined;
  forEachLocalSlot(slots, viewerTimeZone, (slot, v) => {
    if (current === undefined || current.date !== v.date) {
      current = { date: v.date, slots: [] };
      days.push(current);
    }
    current.slots.push({
      start: slot.start,
      end: slot.end,
      providerIds: slot.providerIds,
      seatsLeft: slot.seatsLeft,
      localTime: v.localTime,
      localStart: v.localStart,
      utcOffset: v.utcOffset,
    } satisfies LocalSlot);
  });
  return days;
}

function formatOffset(minutes: number): string {
  const abs = Math.trunc(Math.abs(minutes));
  return `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
