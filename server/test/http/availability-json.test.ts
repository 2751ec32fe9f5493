import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAvailabilityResult } from '../../src/app/availability';
import { computeSlots } from '../../src/domain/availability';
import { renderAvailabilityJson } from '../../src/http/availability-json';
import { availabilityDto } from '../../src/http/presenters';
import { arbFillQuery, arbQuery } from '../domain/availability/arbitraries';

describe('availability JSON written straight from the engine', () => {
  it('is byte for byte the document the object presenter would produce', () => {
    fc.assert(
      fc.property(fc.oneof(arbQuery, arbFillQuery), fc.boolean(), (q, providerIds) => {
        const raw = {
          serviceId: 'c8a1e2f0-0000-4000-8000-000000000001',
          timeZone: q.viewerTimeZone,
          from: q.from,
          to: q.to,
          providerIds,
          slots: computeSlots(q),
        };
        const bytes = renderAvailabilityJson(raw).toString('utf8');
        expect(bytes).toBe(JSON.stringify(availabilityDto(toAvailabilityResult(raw))));
        // Ids only when asked for; the count always (ADR 0021).
        expect(bytes.includes('"providerIds"')).toBe(providerIds && raw.slots.length > 0);
        expect(bytes.includes('"providerCount"')).toBe(raw.slots.length > 0);
      }),
      { numRuns: 200 },
    );
  });
});
