/**
 * A deliberately naive re-implementation of the slot rules, used as an oracle by the property
 * tests. It shares no code with the engine: luxon DateTime for every conversion, linear scans
 * for every check, a wide day range instead of computed bounds.
 */
import { DateTime } from 'luxon';
import type { AvailabilityQuery, ProviderInput, Slot } from '../../../src/domain/availability';

const MIN = 60_000;
const DAY = 86_400_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

const memo = new Map<string, number>();

/** Wall time `minutes` after the start of `date` in `zone`; gap -> forward (luxon), overlap -> earlier. */
export function naiveWallToInstant(date: string, minutes: number, zone: string): number {
  // Memoised only because the property tests call this with the same arguments again and again.
  const key = `${date}|${minutes}|${zone}`;
  let hit = memo.get(key);
  if (hit === undefined) {
    hit = convert(date, minutes, zone);
    memo.set(key, hit);
  }
  return hit;
}

function convert(date: string, minutes: number, zone: string): number {
  const day = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: Math.floor(minutes / 1440) });
  const rest = minutes % 1440;
  const dt = DateTime.fromObject(
    {
      year: day.year,
      month: day.month,
      day: day.day,
      hour: Math.floor(rest / 60),
      minute: rest % 60,
    },
    { zone },
  );
  if (!dt.isValid) throw new Error(`invalid ${date} ${minutes} ${zone}`);
  return Math.min(...dt.getPossibleOffsets().map((d) => d.toMillis()));
}

function dateRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (
    let d = DateTime.fromISO(first, { zone: 'UTC' });
    d.toISODate()! <= last;
    d = d.plus({ days: 1 })
  )
    out.push(d.toISODate()!);
  return out;
}

function shift(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

function toPair(startTime: string, endTime: string): [number, number] {
  const s = minutesOf(startTime);
  let e = minutesOf(endTime);
  if (e <= s) e += 1440;
  return [s, e];
}

/** Working intervals (instants) of a provider, one merged list per provider-local date. */
export function naiveWorkingDays(
  q: AvailabilityQuery,
  p: ProviderInput,
  firstDate: string,
  lastDate: string,
): { date: string; intervals: [number, number][] }[] {
  const out: { date: string; intervals: [number, number][] }[] = [];
  for (const date of dateRange(firstDate, lastDate)) {
    const covering = q.overrides.filter(
      (o) => o.providerId === p.id && o.startDate <= date && date <= o.endDate,
    );
    let wall: [number, number][];
    if (covering.length > 0) {
      wall = covering.flatMap((o) => o.intervals.map((iv) => toPair(iv.startTime, iv.endTime)));
    } else {
      const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
      wall = q.rules
        .filter(
          (r) =>
            r.providerId === p.id &&
            r.weekday === weekday &&
            (r.serviceIds === null || r.serviceIds.includes(q.service.id)),
        )
        .map((r) => toPair(r.startTime, r.endTime));
    }
    const inst = wall
      .map(
        ([s, e]) =>
          [naiveWallToInstant(date, s, p.timeZone), naiveWallToInstant(date, e, p.timeZone)] as [
            number,
            number,
          ],
      )
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [s, e] of inst) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    out.push({ date, intervals: merged });
  }
  return out;
}

export function naiveBlackouts(q: AvailabilityQuery): [number, number][] {
  return q.blackouts.map((b) => [
    naiveWallToInstant(b.startDate, 0, q.tenantTimeZone),
    naiveWallToInstant(shift(b.endDate, 1), 0, q.tenantTimeZone),
  ]);
}

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

export function referenceSlots(q: AvailabilityQuery): Slot[] {
  const svc = q.service;
  const dur = svc.durationMinutes * MIN;
  const step = (svc.slotIntervalMinutes ?? svc.durationMinutes) * MIN;
  const capacity = Math.max(1, svc.capacity);
  const windowStart = naiveWallToInstant(q.from, 0, q.viewerTimeZone);
  const windowEnd = naiveWallToInstant(shift(q.to, 1), 0, q.viewerTimeZone);
  const blackouts = naiveBlackouts(q);
  const providers = q.providers
    .filter((p, i, all) => all.findIndex((x) => x.id === p.id) === i)
    .filter((p) => q.providerId === undefined || p.id === q.providerId)
    .sort((a, b) => a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const byStart = new Map<number, Slot>();
  for (const p of providers) {
    const seen = new Set<number>();
    for (const { intervals } of naiveWorkingDays(q, p, shift(q.from, -3), shift(q.to, 3))) {
      for (const [a, b] of intervals) {
        for (let s = a; s + dur <= b; s += step) {
          if (seen.has(s)) continue;
          if (s < windowStart || s >= windowEnd) continue;
          if (s < q.now + svc.minNoticeMinutes * MIN || s > q.now + svc.maxAdvanceDays * DAY)
            continue;
          if (blackouts.some(([x, y]) => overlaps(s, s + dur, x, y))) continue;
          const os = s - svc.bufferBeforeMinutes * MIN;
          const oe = s + dur + svc.bufferAfterMinutes * MIN;
          let taken = 0;
          let blocked = false;
          for (const bk of q.bookings) {
            if (bk.providerId !== p.id) continue;
            const bs = bk.start - bk.bufferBeforeMinutes * MIN;
            const be = bk.end + bk.bufferAfterMinutes * MIN;
            if (capacity > 1 && bk.serviceId === svc.id && bk.start === s) taken += bk.seats;
            else if (be > bs && overlaps(os, oe, bs, be)) blocked = true;
          }
          if (q.busy.some((x) => x.providerId === p.id && overlaps(os, oe, x.start, x.end)))
            blocked = true;
          const left = capacity - taken;
          if (blocked || left <= 0) continue;
          seen.add(s);
          const slot = byStart.get(s) ?? { start: s, end: s + dur, providerIds: [], seatsLeft: 0 };
          slot.providerIds.push(p.id);
          slot.seatsLeft += left;
          byStart.set(s, slot);
        }
      }
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}
