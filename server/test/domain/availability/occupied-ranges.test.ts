import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeSlots,
  occupiedRange,
  type AvailabilityQuery,
  type OccupiedRanges,
} from '../../../src/domain/availability';
import { arbFillQuery, arbQuery } from './arbitraries';

/**
 * An appointment's public read hands the engine its bookings as occupied-range columns
 * (ADR 0024), possibly in two sets (the split read's halves), against a provider list of their
 * own. The engine must offer exactly what it offers for the same bookings as objects.
 */
function asColumns(
  q: AvailabilityQuery,
  cut: number,
  base: number,
  extraId: boolean,
): AvailabilityQuery {
  // The columns' own provider list: reversed, maybe with a provider the query does not have.
  const providerIds = [...(extraId ? ['gone'] : []), ...q.providers.map((p) => p.id).reverse()];
  const set = (rows: AvailabilityQuery['bookings']): OccupiedRanges => ({
    providerIds,
    base,
    provider: rows.map((b) => providerIds.indexOf(b.providerId)),
    start: rows.map((b) => occupiedRange(b)[0] - base),
    end: rows.map((b) => occupiedRange(b)[1] - base),
  });
  const at = Math.min(cut, q.bookings.length);
  return {
    ...q,
    bookings: [],
    occupied: [set(q.bookings.slice(0, at)), set(q.bookings.slice(at))],
  };
}

describe.each([
  ['grid', arbQuery],
  ['fill', arbFillQuery],
] as const)('occupied-range columns (%s placement)', (_mode, arbQ) => {
  it('give the same slots as the bookings they stand for', () => {
    fc.assert(
      fc.property(
        // Appointments, some providers keeping a minimum gap around their bookings.
        fc
          .tuple(arbQ, fc.array(fc.constantFrom(0, 0, 10, 25), { minLength: 3, maxLength: 3 }))
          .map(([q, gaps]) => ({
            ...q,
            service: { ...q.service, capacity: 1 },
            providers: q.providers.map((p, i) =>
              gaps[i] ? { ...p, limits: { ...p.limits, minGapMinutes: gaps[i] } } : p,
            ),
          })),
        fc.nat(40),
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.boolean(),
        (q, cut, base, extraId) => {
          expect(computeSlots(asColumns(q, cut, base, extraId))).toEqual(computeSlots(q));
        },
      ),
      { numRuns: 200 },
    );
  });
});
