import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PLAN_FEATURES,
  PLAN_IDS,
  PLANS,
  fitsLimit,
  planForSubscription,
  planOf,
} from '../../src/domain/plans';

const statuses = [
  'active',
  'trialing',
  'past_due',
  'canceled',
  'unpaid',
  'incomplete',
  'incomplete_expired',
  'paused',
];

describe('plans (pure)', () => {
  it('fitsLimit: one more fits exactly while usage is below the limit; null is unlimited', () => {
    fc.assert(
      fc.property(fc.option(fc.nat(10_000), { nil: null }), fc.nat(20_000), (limit, usage) => {
        expect(fitsLimit(limit, usage)).toBe(limit === null || usage < limit);
        // Filling up one at a time admits exactly `limit` units.
        if (limit !== null && limit < 200) {
          let used = 0;
          while (fitsLimit(limit, used)) used++;
          expect(used).toBe(limit);
        }
      }),
    );
  });

  it('a subscription grants its price\u2019s plan only while active, trialing or past_due; never a plan it has no price for', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses, 'anything'),
        fc.constantFrom(...PLAN_IDS, null),
        (status, pricePlan) => {
          const plan = planForSubscription(status, pricePlan);
          if (pricePlan === null || !['active', 'trialing', 'past_due'].includes(status))
            expect(plan).toBe('free');
          else expect(plan).toBe(pricePlan);
        },
      ),
    );
  });

  it('planOf falls back to free for anything unknown', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(planOf(s).id).toBe((PLAN_IDS as readonly string[]).includes(s) ? s : 'free');
      }),
    );
    expect(planOf(null).id).toBe('free');
  });

  it('pro includes everything free has, and more', () => {
    expect(PLANS.pro.providers! > PLANS.free.providers!).toBe(true);
    expect(PLANS.pro.monthlyBookings! > PLANS.free.monthlyBookings!).toBe(true);
    expect([...PLANS.pro.features].sort()).toEqual([...PLAN_FEATURES].sort());
    expect(PLANS.free.features).toEqual([]);
  });
});
