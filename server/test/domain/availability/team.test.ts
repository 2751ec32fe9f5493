/**
 * Teams and resources (domain/availability/team.ts, ADR 0018), property-tested. "Free at s" comes
 * from the naive reference engine (reference-engine.ts) on a one-minute grid: an implementation
 * independent of the one under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignProviderForSlot,
  computeSlots,
  countBookingsPerProviderOnDay,
  findSlot,
  type AvailabilityQuery,
  type ResourceAllocation,
  type Slot,
} from '../../../src/domain/availability';
import { arbFillQuery, arbQuery } from './arbitraries';
import { referenceSlots } from './reference-engine';

const MIN = 60_000;
const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

/** Start -> seats left for one provider alone, at every minute (the oracle). */
function freeAlone(q: AvailabilityQuery, id: string): Map<number, number> {
  const p = q.providers.find((x) => x.id === id)!;
  const slots = referenceSlots({
    ...q,
    providers: [{ ...p, host: undefined }],
    providerId: undefined,
    team: undefined,
    resources: undefined,
    allocations: undefined,
    service: { ...q.service, slotIntervalMinutes: 1, slotPlacement: 'grid' },
  });
  return new Map(slots.map((s) => [s.start, s.seatsLeft]));
}

/** Starts each provider offers on its own (its placement): the team's candidates. */
function ownStarts(q: AvailabilityQuery): Set<number> {
  const out = new Set<number>();
  for (const p of q.providers) {
    for (const s of computeSlots({ ...q, providers: [{ ...p, host: undefined }], providerId: undefined, team: undefined }))
      out.add(s.start);
  }
  return out;
}

const withoutPick = (q: AvailabilityQuery): AvailabilityQuery => {
  const { providerId: _drop, ...rest } = q;
  return rest;
};

const arbCollective = fc
  .oneof(arbQuery, arbFillQuery)
  .filter((q) => q.providers.length >= 2)
  .map((q) => ({ ...withoutPick(q), team: { mode: 'collective' as const, missing: 0 } }));

const arbRoundRobin = fc
  .oneof(arbQuery, arbFillQuery)
  .filter((q) => q.providers.length >= 2)
  .chain((q) =>
    fc.integer({ min: 1, max: q.providers.length - 1 }).map((hosts) => ({
      ...withoutPick(q),
      providers: q.providers.map((p, i) => (i < hosts ? { ...p, host: true } : p)),
      team: { mode: 'round_robin' as const, missing: 0 },
    })),
  );

describe('collective services: the intersection of every member', () => {
  it('the generator offers team slots often enough to be meaningful', () => {
    const sample = fc.sample(arbCollective, { numRuns: 120, seed: 11 });
    expect(sample.filter((q) => computeSlots(q).length > 0).length).toBeGreaterThan(20);
  });

  it('a slot is offered exactly when every member is free then (among the members’ own starts)', () => {
    fc.assert(
      fc.property(arbCollective, (q) => {
        const slots = computeSlots(q);
        const free = q.providers.map((p) => freeAlone(q, p.id));
        const expected = [...ownStarts(q)]
          .filter((s) => free.every((f) => f.has(s)))
          .sort((a, b) => a - b);
        expect(slots.map((s) => s.start)).toEqual(expected);
        const members = [...q.providers].sort((a, b) => a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : 1)).map((p) => p.id);
        for (const s of slots) {
          expect(s.providerIds).toEqual(members);
          expect(s.seatsLeft).toBe(Math.min(...free.map((f) => f.get(s.start)!)));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('never offers a time when any member has a booking or busy time then', () => {
    fc.assert(
      fc.property(arbCollective, (q) => {
        const svc = q.service;
        const conflicts: string[] = [];
        for (const s of computeSlots(q)) {
          const os = s.start - svc.bufferBeforeMinutes * MIN;
          const oe = s.end + svc.bufferAfterMinutes * MIN;
          for (const b of q.bookings) {
            if (svc.capacity > 1 && b.serviceId === svc.id && b.start === s.start) continue;
            const bs = b.start - b.bufferBeforeMinutes * MIN;
            const be = b.end + b.bufferAfterMinutes * MIN;
            if (overlaps(os, oe, bs, be)) conflicts.push(`${s.start} vs ${b.providerId}'s booking`);
          }
          for (const x of q.busy)
            if (overlaps(os, oe, x.start, x.end)) conflicts.push(`${s.start} vs ${x.providerId}'s busy time`);
        }
        expect(conflicts).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('a missing member (inactive or deleted) leaves nothing to offer; findSlot agrees with the list', () => {
    fc.assert(
      fc.property(arbCollective, (q) => {
        expect(computeSlots({ ...q, team: { mode: 'collective', missing: 1 } })).toEqual([]);
        for (const s of computeSlots(q).slice(0, 5)) expect(findSlot(q, s.start)).toEqual(s);
      }),
      { numRuns: 40 },
    );
  });
});

describe('round robin with hosts', () => {
  it('offered exactly when every host and at least one pool member are free; lists the free pool', () => {
    fc.assert(
      fc.property(arbRoundRobin, (q) => {
        const hosts = q.providers.filter((p) => p.host);
        const pool = q.providers.filter((p) => !p.host);
        const free = new Map(q.providers.map((p) => [p.id, freeAlone(q, p.id)]));
        const expected = [...ownStarts(q)]
          .filter((s) => hosts.every((h) => free.get(h.id)!.has(s)) && pool.some((p) => free.get(p.id)!.has(s)))
          .sort((a, b) => a - b);
        const slots = computeSlots(q);
        expect(slots.map((s) => s.start)).toEqual(expected);
        for (const s of slots) {
          const freePool = pool.filter((p) => free.get(p.id)!.has(s.start)).map((p) => p.id);
          expect([...s.providerIds].sort()).toEqual(freePool.sort());
        }
      }),
      { numRuns: 80 },
    );
  });

  it('the any-provider rule picks among free pool members only: fewest bookings that day, then order', () => {
    fc.assert(
      fc.property(arbRoundRobin, (q) => {
        for (const s of computeSlots(q).slice(0, 8)) {
          const chosen = assignProviderForSlot(s, q.bookings, q.providers);
          expect(s.providerIds).toContain(chosen);
          expect(q.providers.find((p) => p.id === chosen)!.host).toBeUndefined();
          const counts = countBookingsPerProviderOnDay(q.bookings, q.providers, s.start);
          for (const other of s.providerIds) expect(counts.get(other)!).toBeGreaterThanOrEqual(counts.get(chosen)!);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('a customer’s pick narrows the pool to that member', () => {
    fc.assert(
      fc.property(arbRoundRobin, (q) => {
        const member = q.providers.find((p) => !p.host)!;
        const picked = computeSlots({ ...q, providerId: member.id });
        const all = computeSlots(q).filter((s) => s.providerIds.includes(member.id));
        expect(picked.map((s) => s.start)).toEqual(all.map((s) => s.start));
        for (const s of picked) expect(s.providerIds).toEqual([member.id]);
      }),
      { numRuns: 50 },
    );
  });
});

/** Most distinct sessions holding the resource at one minute of [from, to), by brute force. */
function naivePeak(allocs: ResourceAllocation[], from: number, to: number, own: string | null): number {
  let peak = 0;
  for (let t = from; t < to; t += MIN) {
    const sessions = new Set(allocs.filter((a) => a.start <= t && t < a.end && a.sessionKey !== own).map((a) => a.sessionKey));
    peak = Math.max(peak, sessions.size);
  }
  return peak;
}

const arbResourceQuery = fc
  .oneof(arbQuery, arbCollective)
  .chain((q) => {
    const anchor = Date.parse(`${q.from}T00:00:00Z`);
    return fc
      .record({
        capacity: fc.integer({ min: 1, max: 3 }),
        allocations: fc.array(
          fc.record({
            k: fc.integer({ min: -24, max: 4 * 96 }),
            length: fc.integer({ min: 1, max: 12 }),
            session: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
          }),
          { maxLength: 10 },
        ),
      })
      .map(({ capacity, allocations }) => ({
        ...q,
        resources: [{ id: 'room', capacity, usable: true }],
        allocations: allocations.map((a) => ({
          resourceId: 'room',
          start: anchor + a.k * 15 * MIN,
          end: anchor + (a.k + a.length) * 15 * MIN,
          sessionKey: a.session,
        })),
      }));
  });

describe('resources with a capacity', () => {
  it('a slot is offered exactly when the participants are and the resource has a place left all along', () => {
    fc.assert(
      fc.property(arbResourceQuery, (q) => {
        const svc = q.service;
        const without = computeSlots({ ...q, resources: undefined, allocations: undefined });
        const own = (s: Slot) =>
          svc.capacity > 1 ? `${svc.id}:${new Date(s.start).toISOString()}` : null;
        const fits = (s: Slot) =>
          naivePeak(
            q.allocations!,
            s.start - svc.bufferBeforeMinutes * MIN,
            s.end + svc.bufferAfterMinutes * MIN,
            own(s),
          ) +
            1 <=
          q.resources![0]!.capacity;
        expect(computeSlots(q)).toEqual(without.filter(fits));
      }),
      { numRuns: 80 },
    );
  });

  it('an unusable (inactive or deleted) resource leaves nothing to offer', () => {
    fc.assert(
      fc.property(arbResourceQuery, (q) => {
        expect(computeSlots({ ...q, resources: [{ ...q.resources![0]!, usable: false }] })).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});

/** Locations (ADR 0019): null fits any; two different ones never meet in one booking. */
const arbLoc = fc.constantFrom<string | null>(null, 'A', 'B');
const meet = (a: string | null | undefined, b: string | null | undefined) => a == null || b == null || a === b;

const arbSited = fc.oneof(arbQuery, arbCollective, arbRoundRobin).chain((q) =>
  fc
    .record({
      provider: fc.array(arbLoc, { minLength: q.providers.length, maxLength: q.providers.length }),
      resource: fc.array(arbLoc, { minLength: 1, maxLength: 2 }),
    })
    .map(({ provider, resource }) => ({
      ...q,
      providers: q.providers.map((p, i) => ({ ...p, locationId: provider[i] })),
      resources: resource.map((locationId, i) => ({ id: `r${i}`, capacity: 1, usable: true, locationId })),
      allocations: [],
    })),
);

describe('providers and resources at locations', () => {
  it('the generator offers slots with located resources often enough to be meaningful', () => {
    const sample = fc.sample(arbSited, { numRuns: 150, seed: 5 });
    const located = sample.filter((q) => q.resources.some((r) => r.locationId !== null) && computeSlots(q).length > 0);
    expect(located.length).toBeGreaterThan(15);
  });

  it('never a slot whose chosen provider and a required resource are at different locations', () => {
    fc.assert(
      fc.property(arbSited, (q) => {
        const at = new Map(q.providers.map((p) => [p.id, p.locationId]));
        const hosts = q.providers.filter((p) => p.host === true).map((p) => p.id);
        for (const s of computeSlots(q)) {
          const attending = q.team?.mode === 'round_robin' ? [...hosts, ...s.providerIds] : s.providerIds;
          for (const id of attending)
            for (const r of q.resources) expect(meet(at.get(id), r.locationId)).toBe(true);
          for (const r of q.resources) for (const o of q.resources) expect(meet(r.locationId, o.locationId)).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('only the providers that cannot meet the resources drop out (everyone else offers as without locations)', () => {
    fc.assert(
      fc.property(arbSited, (q) => {
        const mode = q.team?.mode ?? 'single';
        const resourcesMeet = q.resources.every((r) => q.resources.every((o) => meet(r.locationId, o.locationId)));
        const fits = (p: (typeof q.providers)[number]) => q.resources.every((r) => meet(p.locationId, r.locationId));
        const mustAllFit = q.providers.filter((p) => mode === 'collective' || (mode === 'round_robin' && p.host));
        const kept = !resourcesMeet || !mustAllFit.every(fits) ? [] : q.providers.filter(fits);
        const plain = {
          ...q,
          providers: kept.map(({ locationId: _l, ...p }) => p),
          resources: q.resources.map(({ locationId: _l, ...r }) => r),
        };
        expect(computeSlots(q)).toEqual(kept.length === 0 ? [] : computeSlots(plain));
      }),
      { numRuns: 80 },
    );
  });
});
