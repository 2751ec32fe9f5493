import { DAY_MS, HOUR_MS, MINUTE_MS, epochDayToLocalDate, zoneOffsets } from '../time';
import type { LocalSlot, Slot, SlotDay } from './types';

/**
 * Groups slots by their start date in the viewer's zone, adding the viewer's wall time and an
 * ISO start with offset. Offsets come from the memoised zone table (no luxon object per slot).
 * Days are in chronological order; days without slots are omitted.
 */
export function groupSlotsByLocalDate(slots: readonly Slot[], viewerTimeZone: string): SlotDay[] {
  const z = zoneOffsets(viewerTimeZone);
  let ordered = slots;
  for (let i = 1; i < slots.length; i++) {
    if (slots[i]!.start < slots[i - 1]!.start) {
      ordered = [...slots].sort((a, b) => a.start - b.start);
      break;
    }
  }
  const days: SlotDay[] = [];
  let current: SlotDay | undefined;
  let currentDay = Number.NaN;
  let lastOffset = Number.NaN;
  let offsetSuffix = '';
  for (const slot of ordered) {
    const offset = z.offsetAt(slot.start);
    if (offset !== lastOffset) {
      lastOffset = offset;
      offsetSuffix = formatOffset(offset);
    }
    const local = slot.start + offset * MINUTE_MS;
    const epochDay = Math.floor(local / DAY_MS);
    if (current === undefined || epochDay !== currentDay) {
      currentDay = epochDay;
      current = { date: epochDayToLocalDate(epochDay), slots: [] };
      days.push(current);
    }
    const msOfDay = local - epochDay * DAY_MS;
    const localTime = `${pad2(Math.floor(msOfDay / HOUR_MS))}:${pad2(Math.floor((msOfDay % HOUR_MS) / MINUTE_MS))}`;
    const seconds = Math.floor((msOfDay % MINUTE_MS) / 1000);
    const millis = msOfDay % 1000;
    const localStart =
      `${current.date}T${localTime}:${pad2(seconds)}` +
      (millis ? `.${String(millis).padStart(3, '0')}` : '') +
      offsetSuffix;
    current.slots.push({
      start: slot.start,
      end: slot.end,
      providerIds: slot.providerIds,
      seatsLeft: slot.seatsLeft,
      localTime,
      localStart,
      utcOffset: offsetSuffix,
    } satisfies LocalSlot);
  }
  return days;
}

function formatOffset(minutes: number): string {
  const abs = Math.trunc(Math.abs(minutes));
  return `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
