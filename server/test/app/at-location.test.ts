import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLocation } from '../../src/app/availability/at-location';
import type { ProviderInput, ResourceInput } from '../../src/domain/availability';

// Seen from a location (ADR 0019): its providers only; resources elsewhere cannot be held there.
const ids: string[] = ['a', 'b', 'c'];
const provider = fc.record({
  id: fc.constantFrom(...ids),
  timeZone: fc.constant('UTC'),
  sortOrder: fc.nat(5),
});
const resource = fc.record({
  id: fc.uuid(),
  capacity: fc.integer({ min: 1, max: 5 }),
  usable: fc.boolean(),
  locationId: fc.option(fc.constantFrom('L1', 'L2'), { nil: null }),
});

describe('atLocation', () => {
  it('keeps the providers there, and a resource usable only when it is usable and not elsewhere', () => {
    fc.assert(
      fc.property(
        fc.array(provider, { maxLength: 5 }),
        fc.option(fc.array(resource, { maxLength: 5 }), { nil: undefined }),
        fc.subarray([...ids]),
        fc.constantFrom('L1', 'L2'),
        (providers: ProviderInput[], resources: ResourceInput[] | undefined, here, locationId) => {
          const seen = atLocation({ providers, resources }, { locationId, providerIds: here });
          expect(seen.providers).toEqual(providers.filter((p) => here.includes(p.id)));
          expect(seen.resources).toEqual(
            resources?.map((r) => ({
              ...r,
              usable: r.usable && (r.locationId === null || r.locationId === locationId),
            })),
          );
        },
      ),
    );
  });
});
