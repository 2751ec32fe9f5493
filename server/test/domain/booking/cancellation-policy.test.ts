import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CANCELLATION_POLICY,
  canCustomerReschedule,
  cancellationOutcome,
  customerRescheduleBlockReason,
  noShowOutcome,
  validateCancellationPolicy,
  type CancellationPolicy,
} from '../../../src/domain/booking/cancellation-policy';
import { add } from '../../../src/domain/money';

const H = 3_600_000;
const START = Date.UTC(2025, 5, 10, 14, 0, 0);

const policy: CancellationPolicy = {
  freeCancellationHours: 24,
  lateCancellationFeePercent: 50,
  noShowFeePercent: 100,
  allowCustomerReschedule: true,
  rescheduleCutoffHours: 12,
};

const booking = { start: START, priceMinor: 10_000, currency: 'EUR', depositPaidMinor: 2_000 };
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('cancellationOutcome (customer)', () => {
  it.each([
    // label, hours before start, deposit, fee, retained, refund, outstanding, late
    ['a week ahead', 168, 2_000, 0, 0, 2_000, 0, false],
    ['exactly at the free boundary', 24, 2_000, 0, 0, 2_000, 0, false],
    ['one ms inside the late window', 24 - 1 / H, 2_000, 5_000, 2_000, 0, 3_000, true],
    ['late, deposit smaller than fee', 2, 2_000, 5_000, 2_000, 0, 3_000, true],
    ['late, deposit larger than fee', 2, 8_000, 5_000, 5_000, 3_000, 0, true],
    ['late, paid in full', 2, 10_000, 5_000, 5_000, 5_000, 0, true],
    ['late, nothing paid', 2, 0, 5_000, 0, 0, 5_000, true],
    ['free, nothing paid', 48, 0, 0, 0, 0, 0, false],
  ] as const)('%s', (_label, hoursBefore, deposit, fee, retained, refund, outstanding, late) => {
    const out = cancellationOutcome(
      policy,
      { ...booking, depositPaidMinor: deposit },
      START - hoursBefore * H,
    );
    expect(out).toEqual({
      allowed: true,
      late,
      fee: eur(fee),
      retained: eur(retained),
      refund: eur(refund),
      outstanding: eur(outstanding),
    });
  });

  it.each([
    ['at the start', 0],
    ['after the start', -1],
  ])('is not allowed %s, and moves no money', (_l, hoursBefore) => {
    const out = cancellationOutcome(policy, booking, START - hoursBefore * H);
    expect(out).toEqual({
      allowed: false,
      late: true,
      reason: 'booking_started',
      fee: eur(0),
      retained: eur(0),
      refund: eur(0),
      outstanding: eur(0),
    });
  });

  it('rounds the fee half-up in minor units', () => {
    const out = cancellationOutcome(
      { ...policy, lateCancellationFeePercent: 12.5 },
      { ...booking, priceMinor: 1_004, depositPaidMinor: 1_004 },
      START - H,
    );
    expect(out.fee).toEqual(eur(126)); // 125.5 → 126
    expect(out.refund).toEqual(eur(878));
  });

  it('a zero free window makes every cancellation before the start free', () => {
    const out = cancellationOutcome({ ...policy, freeCancellationHours: 0 }, booking, START - 1);
    expect(out).toMatchObject({ allowed: true, late: false, fee: eur(0), refund: eur(2_000) });
  });

  it('accepts Date instants and lower-case currencies', () => {
    const out = cancellationOutcome(
      policy,
      { ...booking, start: new Date(START), currency: 'eur' },
      new Date(START - 2 * H),
    );
    expect(out.fee).toEqual(eur(5_000));
  });

  it('rejects invalid input', () => {
    expect(() =>
      cancellationOutcome({ ...policy, lateCancellationFeePercent: 101 }, booking, 0),
    ).toThrow(RangeError);
    expect(() => cancellationOutcome(policy, { ...booking, start: Number.NaN }, 0)).toThrow(
      RangeError,
    );
    expect(() => cancellationOutcome(policy, booking, new Date('nope'))).toThrow(RangeError);
    expect(() => cancellationOutcome(policy, { ...booking, depositPaidMinor: -1 }, 0)).toThrow(
      /non-negative/,
    );
  });
});

describe('cancellationOutcome (business)', () => {
  it('always allowed, no fee, full refund — even late or after the start', () => {
    for (const now of [START - 100 * H, START - H, START + H]) {
      const out = cancellationOutcome(policy, booking, now, { initiatedBy: 'business' });
      expect(out).toMatchObject({
        allowed: true,
        fee: eur(0),
        retained: eur(0),
        refund: eur(2_000),
        outstanding: eur(0),
      });
      expect(out.reason).toBeUndefined();
    }
    expect(cancellationOutcome(policy, booking, START - H, { initiatedBy: 'business' }).late).toBe(
      true,
    );
  });
});

describe('noShowOutcome', () => {
  it('charges the no-show percentage of the price, settled against the deposit', () => {
    expect(noShowOutcome(policy, booking, START + H)).toEqual({
      allowed: true,
      fee: eur(10_000),
      retained: eur(2_000),
      refund: eur(0),
      outstanding: eur(8_000),
    });
    expect(noShowOutcome({ ...policy, noShowFeePercent: 0 }, booking, START)).toMatchObject({
      allowed: true,
      fee: eur(0),
      refund: eur(2_000),
    });
  });

  it('is not allowed before the start', () => {
    expect(noShowOutcome(policy, booking, START - 1)).toMatchObject({
      allowed: false,
      reason: 'not_started',
      refund: eur(0),
    });
  });
});

describe('property: settlement invariants', () => {
  const policyArb = fc.record({
    freeCancellationHours: fc.integer({ min: 0, max: 24 * 14 }),
    lateCancellationFeePercent: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
    noShowFeePercent: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
    allowCustomerReschedule: fc.boolean(),
    rescheduleCutoffHours: fc.integer({ min: 0, max: 72 }),
  });
  const caseArb = fc.record({
    policy: policyArb,
    price: fc.integer({ min: 0, max: 10_000_000 }),
    depositShare: fc.double({ min: 0, max: 1.5, noNaN: true }),
    offsetMs: fc.integer({ min: -30 * 24 * H, max: 30 * 24 * H }),
    initiatedBy: fc.constantFrom('customer' as const, 'business' as const),
  });

  it('refund + retained == deposit paid, fee == retained + outstanding, all ≥ 0', () => {
    fc.assert(
      fc.property(caseArb, ({ policy: p, price, depositShare, offsetMs, initiatedBy }) => {
        const deposit = Math.floor(price * depositShare);
        const b = { start: START, priceMinor: price, currency: 'USD', depositPaidMinor: deposit };
        const now = START - offsetMs;
        const outcomes = [
          cancellationOutcome(p, b, now, { initiatedBy }),
          noShowOutcome(p, b, now),
        ];
        for (const o of outcomes) {
          for (const m of [o.fee, o.retained, o.refund, o.outstanding]) {
            expect(m.amountMinor).toBeGreaterThanOrEqual(0);
            expect(m.currency).toBe('USD');
          }
          expect(o.fee).toEqual(add(o.retained, o.outstanding));
          if (o.allowed) {
            expect(add(o.refund, o.retained).amountMinor).toBe(deposit);
            expect(o.fee.amountMinor).toBeLessThanOrEqual(price); // percentages are ≤ 100
          } else {
            expect(o.refund.amountMinor + o.retained.amountMinor).toBe(0);
          }
        }
      }),
    );
  });

  it('cancelling earlier never costs more than cancelling later', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.integer({ min: 1, max: 30 * 24 * H }),
        fc.integer({ min: 1, max: 30 * 24 * H }),
        (p, a, b) => {
          const [early, late] = a >= b ? [a, b] : [b, a];
          const fee = (before: number) =>
            cancellationOutcome(p, booking, START - before).fee.amountMinor;
          expect(fee(early)).toBeLessThanOrEqual(fee(late));
        },
      ),
    );
  });
});

describe('customer reschedule', () => {
  it.each([
    ['well before the cutoff', policy, START - 48 * H, null],
    ['exactly at the cutoff', policy, START - 12 * H, null],
    ['inside the cutoff', policy, START - 12 * H + 1, 'past_cutoff'],
    ['after the start', policy, START + H, 'past_cutoff'],
    [
      'disabled by policy',
      { ...policy, allowCustomerReschedule: false },
      START - 48 * H,
      'reschedule_disabled',
    ],
    ['zero cutoff, 1 ms before', { ...policy, rescheduleCutoffHours: 0 }, START - 1, null],
    ['zero cutoff, at the start', { ...policy, rescheduleCutoffHours: 0 }, START, 'past_cutoff'],
  ] as const)('%s', (_l, p, now, reason) => {
    expect(customerRescheduleBlockReason(p, START, now)).toBe(reason);
    expect(canCustomerReschedule(p, START, now)).toBe(reason === null);
  });
});

describe('validateCancellationPolicy', () => {
  it('accepts the default and a typical policy', () => {
    expect(validateCancellationPolicy(DEFAULT_CANCELLATION_POLICY)).toEqual([]);
    expect(validateCancellationPolicy(policy)).toEqual([]);
    expect(validateCancellationPolicy({ ...policy, lateCancellationFeePercent: 12.34 })).toEqual(
      [],
    );
  });

  it('reports every problem', () => {
    const problems = validateCancellationPolicy({
      freeCancellationHours: -1,
      lateCancellationFeePercent: 100.5,
      noShowFeePercent: 33.333,
      allowCustomerReschedule: 'yes' as unknown as boolean,
      rescheduleCutoffHours: Number.NaN,
    });
    expect(problems).toHaveLength(5);
  });
});
