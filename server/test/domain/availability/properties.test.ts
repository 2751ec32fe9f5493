import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  computeSlots,
  groupSlotsByLocalDate,
  type AvailabilityQuery,
} from '../../../src/domain/availability';
import { ZONES, arbBooking, arbFillQuery, arbQuery } from './arbitraries';
import {
  naiveBlackouts,
  naiveWallToInstant,
  naiveWorkingDays,
  referenceSlots,
} from './reference-engine';

const MIN = 60_000;
const RUNS = { numRuns: 100 };
const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;
const shiftDate = (date: string, days: number) =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
const hasSlots = (q: AvailabilityQuery) => computeSlots(q).length > 0;

describe.each([
  ['grid', arbQuery],
  ['fill', arbFillQuery],
] as const)('slot engine properties (%s placement)', (mode, arbQ) => {
  const itGrid = mode === 'grid' ? it : it.skip;

  it('the generator produces slots often enough to be meaningful', () => {
    const sample = fc.sample(arbQ, { numRuns: 150, seed: 7 });
    expect(sample.filter(hasSlots).length).toBeGreaterThan(50);
  });

  // The reference implements the grid; 'fill' places more starts by design (fill.test.ts).
  itGrid('matches the naive reference implementation exactly', () => {
    fc.assert(
      fc.property(arbQ, (q) => {
        expect(computeSlots(q)).toEqual(referenceSlots(q));
      }),
      RUNS,
    );
  });

  it('(1) no slot overlaps a booking or busy interval of a provider it lists, except seats of the same class session', () => {
    fc.assert(
      fc.property(arbQ, (q) => {
        const svc = q.service;
        const conflicts: string[] = [];
        for (const s of computeSlots(q)) {
          const os = s.start - svc.bufferBeforeMinutes * MIN;
          const oe = s.end + svc.bufferAfterMinutes * MIN;
          for (const pid of s.providerIds) {
            for (const b of q.bookings) {
              if (b.providerId !== pid) continue;
              if (svc.capacity > 1 && b.serviceId === svc.id && b.start === s.start) continue;
              if (
                overlaps(
                  os,
                  oe,
                  b.start - b.bufferBeforeMinutes * MIN,
                  b.end + b.bufferAfterMinutes * MIN,
                )
              )
                conflicts.push(`${pid}@${s.start} vs booking ${b.start}`);
            }
            for (const x of q.busy) {
              if (x.providerId === pid && overlaps(os, oe, x.start, x.end))
                conflicts.push(`${pid}@${s.start} vs busy ${x.start}`);
            }
          }
        }
        expect(conflicts).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('(2) every slot lies inside a working interval of each listed provider, outside blackouts', () => {
    fc.assert(
      fc.property(arbQ, (q) => {
        const blackouts = naiveBlackouts(q);
        const slots = computeSlots(q);
        const problems: string[] = [];
        for (const p of q.providers) {
          const mine = slots.filter((s) => s.providerIds.includes(p.id));
          if (mine.length === 0) continue;
          const intervals = naiveWorkingDays(
            q,
            p,
            shiftDate(q.from, -2),
            shiftDate(q.to, 2),
          ).flatMap((d) => d.intervals);
          for (const s of mine) {
            if (!intervals.some(([a, b]) => a <= s.start && s.end <= b))
              problems.push(`${p.id}@${s.start} outside working hours`);
            if (blackouts.some(([a, b]) => overlaps(s.start, s.end, a, b)))
              problems.push(`${p.id}@${s.start} in a blackout`);
          }
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('(3) the instants offered do not depend on the viewer zone (compared on the common part of both windows)', () => {
    fc.assert(
      fc.property(arbQ, fc.constantFrom(...ZONES), (q, otherZone) => {
        const other = {
          ...q,
          viewerTimeZone: otherZone,
          from: shiftDate(q.from, -2),
          to: shiftDate(q.to, 2),
        };
        const lo = naiveWallToInstant(q.from, 0, q.viewerTimeZone);
        const hi = naiveWallToInstant(shiftDate(q.to, 1), 0, q.viewerTimeZone);
        const inner = computeSlots(q);
        // Widened by two days (zones are up to 25 h apart), the other window covers the original.
        const outer = computeSlots(other).filter((s) => s.start >= lo && s.start < hi);
        expect(outer).toEqual(inner);
      }),
      { numRuns: 100 },
    );
  });

  // In 'fill' mode a booking adds the start right after it: see fill.test.ts.
  itGrid('(4) adding a booking never adds a slot, a provider or a seat', () => {
    const arb = arbQ.chain((q) =>
      fc.tuple(
        fc.constant(q),
        arbBooking(
          DateTime.fromISO(q.from, { zone: 'UTC' }).toMillis(),
          3,
          q.providers.map((p) => p.id),
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([q, extra]) => {
        const before = new Map(computeSlots(q).map((s) => [s.start, s]));
        const problems: string[] = [];
        for (const s of computeSlots({ ...q, bookings: [...q.bookings, extra] })) {
          const was = before.get(s.start);
          if (was === undefined) problems.push(`new slot ${s.start}`);
          else if (
            s.seatsLeft > was.seatsLeft ||
            s.providerIds.some((id) => !was.providerIds.includes(id))
          )
            problems.push(`more at ${s.start}`);
        }
        expect(problems).toEqual([]);
      }),
      RUNS,
    );
  });

  it('(5) slots are sorted, unique, well-formed and inside window, notice and horizon', () => {
    fc.assert(
      fc.property(arbQ, (q) => {
        const slots = computeSlots(q);
        const svc = q.service;
        const rank = new Map(
          [...q.providers]
            .sort((a, b) => a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : 1))
            .map((p, i) => [p.id, i]),
        );
        const lo = Math.max(
          naiveWallToInstant(q.from, 0, q.viewerTimeZone),
          q.now + svc.minNoticeMinutes * MIN,
        );
        const hi = naiveWallToInstant(shiftDate(q.to, 1), 0, q.viewerTimeZone);
        const horizon = q.now + svc.maxAdvanceDays * 86_400_000;
        const capacity = Math.max(1, svc.capacity);
        // One expect per run keeps 200 runs fast; the message names the broken rule.
        const problems: string[] = [];
        slots.forEach((s, i) => {
          const ids = s.providerIds;
          if (i > 0 && !(s.start > slots[i - 1]!.start)) problems.push(`not sorted/unique at ${i}`);
          if (s.end - s.start !== svc.durationMinutes * MIN) problems.push(`bad end at ${i}`);
          if (s.start < lo || s.start >= hi || s.start > horizon)
            problems.push(`outside window/notice/horizon at ${i}`);
          if (ids.length === 0 || new Set(ids).size !== ids.length)
            problems.push(`empty or duplicate providers at ${i}`);
          if (ids.some((id, k) => k > 0 && rank.get(ids[k - 1]!)! >= rank.get(id)!))
            problems.push(`provider order at ${i}`);
          if (q.providerId !== undefined && (ids.length !== 1 || ids[0] !== q.providerId))
            problems.push(`providerId filter at ${i}`);
          if (s.seatsLeft < ids.length || s.seatsLeft > ids.length * capacity)
            problems.push(`seats out of range at ${i}`);
          if (capacity === 1 && s.seatsLeft !== ids.length)
            problems.push(`appointment seats at ${i}`);
        });
        expect(problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('filtering by provider gives exactly the union slots that list that provider', () => {
    fc.assert(
      fc.property(arbQ, fc.constantFrom('a', 'b', 'c'), (q, pid) => {
        const { providerId: _ignored, ...all } = q;
        const union = computeSlots(all).filter((s) => s.providerIds.includes(pid));
        const filtered = computeSlots({ ...all, providerId: pid });
        expect(filtered.map((s) => s.start)).toEqual(union.map((s) => s.start));
        if (q.service.capacity <= 1) expect(filtered.every((s) => s.seatsLeft === 1)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('grouping by viewer date loses nothing and agrees with luxon', () => {
    fc.assert(
      fc.property(arbQ, (q) => {
        const slots = computeSlots(q);
        const days = groupSlotsByLocalDate(slots, q.viewerTimeZone);
        expect(days.flatMap((d) => d.slots.map((s) => s.start))).toEqual(slots.map((s) => s.start));
        const problems: string[] = [];
        for (const d of days) {
          for (const s of d.slots) {
            const dt = DateTime.fromMillis(s.start, { zone: q.viewerTimeZone });
            const want = dt.toISO({ suppressMilliseconds: true })!.replace(/Z$/, '+00:00');
            if (
              d.date !== dt.toISODate() ||
              s.localTime !== dt.toFormat('HH:mm') ||
              s.localStart !== want
            )
              problems.push(`${s.localStart} vs ${want}`);
            if (DateTime.fromISO(s.localStart).toMillis() !== s.start)
              problems.push(`${s.localStart} does not round-trip`);
          }
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
