import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offeredAt, offeringBreaches } from '../../../src/domain/locations/offering';

const ids = fc.constantFrom('a', 'b', 'c', 'd');

describe('offeredAt', () => {
  it('a service without chosen locations is offered everywhere; with some, exactly there', () => {
    fc.assert(
      fc.property(fc.uniqueArray(ids, { maxLength: 4 }), ids, (chosen, at) => {
        expect(offeredAt(chosen, at)).toBe(chosen.length === 0 || chosen.includes(at));
      }),
    );
  });
});

describe('offeringBreaches', () => {
  const world = fc.record({
    assignments: fc.array(fc.record({ providerId: ids, serviceId: ids }), { maxLength: 8 }),
    providerLocation: fc.dictionary(ids, fc.option(ids, { nil: null })),
    serviceLocations: fc.dictionary(ids, fc.uniqueArray(ids, { maxLength: 3 })),
  });

  it('flags exactly the providers at a location offering a service not offered there', () => {
    fc.assert(
      fc.property(world, (w) => {
        const pl = new Map(Object.entries(w.providerLocation));
        const sl = new Map(Object.entries(w.serviceLocations));
        const bad = offeringBreaches(w.assignments, pl, sl);
        for (const a of w.assignments) {
          const at = pl.get(a.providerId) ?? null;
          const breaks = at !== null && !offeredAt(sl.get(a.serviceId) ?? [], at);
          expect(bad.includes(a)).toBe(breaks);
        }
      }),
    );
  });

  it('a business without locations never breaks the rule', () => {
    fc.assert(
      fc.property(world, (w) => {
        expect(
          offeringBreaches(w.assignments, new Map(), new Map(Object.entries(w.serviceLocations))),
        ).toEqual([]);
      }),
    );
  });
});
