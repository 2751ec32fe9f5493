import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActionsAt,
  BOOKING_STATUSES,
  timingProblem,
} from '../../../src/domain/booking/lifecycle';

const MIN = 60_000;
const start = new Date('2030-01-08T10:00:00Z');

describe('timingProblem / allowedActionsAt', () => {
  it('check-in opens exactly checkInOpensMinutes before the start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1440 }),
        fc.integer({ min: -3000, max: 3000 }),
        (opens, offset) => {
          const now = new Date(start.getTime() + offset * MIN);
          const problem = timingProblem('check_in', start, { now, checkInOpensMinutes: opens });
          expect(problem === null).toBe(offset >= -opens);
        },
      ),
    );
  });

  it('complete and no-show only from the start; other actions never wait for the clock', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 3000 }), (offset) => {
        const clock = { now: new Date(start.getTime() + offset * MIN), checkInOpensMinutes: 60 };
        for (const a of ['complete', 'mark_no_show'] as const)
          expect(timingProblem(a, start, clock) === null).toBe(offset >= 0);
        for (const a of ['approve', 'decline', 'confirm', 'cancel', 'reschedule'] as const)
          expect(timingProblem(a, start, clock)).toBeNull();
      }),
    );
  });

  it('offers only what is legal now, and never Confirm next to Approve', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BOOKING_STATUSES),
        fc.integer({ min: -3000, max: 3000 }),
        (status, offset) => {
          const clock = { now: new Date(start.getTime() + offset * MIN), checkInOpensMinutes: 60 };
          const offered = allowedActionsAt(status, start, clock);
          for (const a of offered) expect(timingProblem(a, start, clock)).toBeNull();
          expect(offered.includes('confirm')).toBe(false);
        },
      ),
    );
  });
});
