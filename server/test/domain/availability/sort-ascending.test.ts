import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortAscending } from '../../../src/domain/availability/ranges';

describe('sortAscending', () => {
  it('sorts like the native sort, whatever runs the input has', () => {
    const value = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 60 }),
        fc.array(value, { maxLength: 60 }),
        (head, tail) => {
          // A sorted prefix (the snapshot's bookings) followed by anything (busy intervals).
          const input = Float64Array.from([...head.sort((x, y) => x - y), ...tail]);
          const expected = Float64Array.from(input).sort();
          sortAscending(input);
          expect(Array.from(input)).toEqual(Array.from(expected));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
