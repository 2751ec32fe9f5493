import fc from 'fast-check';
import { paymentPolicySchema, type PaymentPolicy } from '@slotwise/contracts';
import { describe, expect, it } from 'vitest';
import { money } from '../../../src/domain/money';
import {
  amountDueAtBooking,
  cancellationFee,
  maximumFee,
  noShowFee,
  securingStrategy,
  settle,
} from '../../../src/domain/payments/policy';
import { ledgerTotals, type LedgerRow } from '../../../src/domain/payments/ledger';

const HOUR = 3_600_000;
const percentArb = fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100);
const priceArb = fc.integer({ min: 0, max: 10_000_000 });
const currencyArb = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD');
const policyArb: fc.Arbitrary<PaymentPolicy> = fc
  .record({
    mode: fc.constantFrom('none', 'full', 'fixed_deposit', 'percent_deposit', 'card_on_file' as const),
    fixed: fc.integer({ min: 1, max: 20_000_000 }),
    pct: fc.integer({ min: 1, max: 10_000 }).map((bp) => bp / 100),
    tiers: fc.uniqueArray(fc.record({ hoursBefore: fc.integer({ min: 0, max: 24 * 30 }), feePercent: percentArb }), {
      selector: (t) => t.hoursBefore,
      maxLength: 5,
    }),
    noShow: fc.oneof(
      fc.constant({ type: 'none' as const, value: 0 }),
      fc.integer({ min: 0, max: 20_000_000 }).map((value) => ({ type: 'fixed' as const, value })),
      percentArb.map((value) => ({ type: 'percent' as const, value })),
    ),
  })
  .map((r) =>
    paymentPolicySchema.parse({
      mode: r.mode,
      depositValue: r.mode === 'fixed_deposit' ? r.fixed : r.mode === 'percent_deposit' ? r.pct : 0,
      cancellationTiers: r.tiers,
      noShowFee: r.noShow,
    }),
  );

describe('payment policy amounts (property)', () => {
  it('every amount is within [0, price], an integer of minor units', () => {
    fc.assert(
      fc.property(policyArb, priceArb, currencyArb, fc.integer({ min: -48, max: 24 * 40 }), (policy, p, cur, hours) => {
        const price = money(p, cur);
        const start = new Date(Date.UTC(2026, 5, 1));
        const now = new Date(start.getTime() - hours * HOUR);
        for (const m of [amountDueAtBooking(policy, price), cancellationFee(policy, price, start, now).fee, noShowFee(policy, price), maximumFee(policy, price)]) {
          expect(Number.isSafeInteger(m.amountMinor)).toBe(true);
          expect(m.amountMinor).toBeGreaterThanOrEqual(0);
          expect(m.amountMinor).toBeLessThanOrEqual(p);
          expect(m.currency).toBe(cur);
        }
        expect(cancellationFee(policy, price, start, now).fee.amountMinor).toBeLessThanOrEqual(maximumFee(policy, price).amountMinor);
      }),
    );
  });

  it('the cancellation fee never goes down as the start approaches', () => {
    fc.assert(
      fc.property(policyArb, priceArb, fc.integer({ min: 0, max: 24 * 40 }), fc.integer({ min: 0, max: 24 * 40 }), (policy, p, a, b) => {
        const price = money(p, 'USD');
        const start = new Date(Date.UTC(2026, 5, 1));
        const [early, late] = a >= b ? [a, b] : [b, a];
        const feeEarly = cancellationFee(policy, price, start, new Date(start.getTime() - early * HOUR)).fee;
        const feeLate = cancellationFee(policy, price, start, new Date(start.getTime() - late * HOUR)).fee;
        expect(feeLate.amountMinor).toBeGreaterThanOrEqual(feeEarly.amountMinor);
      }),
    );
  });

  it('settlement conserves every amount and never goes negative', () => {
    fc.assert(
      fc.property(priceArb, priceArb, priceArb, fc.boolean(), (fee, captured, held, cardOnFile) => {
        const s = settle(money(fee, 'EUR'), { captured: money(captured, 'EUR'), held: money(held, 'EUR'), cardOnFile });
        const v = (m: { amountMinor: number }) => m.amountMinor;
        for (const m of Object.values(s)) expect(v(m)).toBeGreaterThanOrEqual(0);
        expect(v(s.keptFromCaptured) + v(s.captureFromHold) + v(s.chargeOffSession) + v(s.uncollected)).toBe(fee);
        expect(v(s.keptFromCaptured) + v(s.refund)).toBe(captured);
        expect(v(s.captureFromHold) + v(s.release)).toBe(held);
        if (!cardOnFile) expect(v(s.chargeOffSession)).toBe(0);
      }),
    );
  });

  it('ledger totals: paid = collected − refunded, held never negative, pending rows do not count', () => {
    const rowArb = fc.record({
      entry: fc.constantFrom('authorized', 'captured', 'released', 'refunded', 'fee', 'dispute' as const),
      phase: fc.constantFrom('pending', 'succeeded', 'failed' as const),
      amountMinor: fc.integer({ min: 0, max: 100_000 }),
      operationKey: fc.constantFrom('a', 'b', 'c', 'd'),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 20 }), (rows: LedgerRow[]) => {
        const t = ledgerTotals(rows);
        expect(t.paidMinor).toBe(t.collectedMinor - t.refundedMinor);
        expect(t.heldMinor).toBeGreaterThanOrEqual(0);
        const onlyPending = ledgerTotals(rows.map((r) => ({ ...r, phase: 'pending' as const })));
        expect(onlyPending.collectedMinor).toBe(0);
      }),
    );
  });
});

describe('payment policy amounts (examples)', () => {
  const policy = paymentPolicySchema.parse({
    mode: 'percent_deposit',
    depositValue: 20,
    cancellationTiers: [
      { hoursBefore: 48, feePercent: 50 },
      { hoursBefore: 24, feePercent: 100 },
    ],
    noShowFee: { type: 'fixed', value: 1500 },
  });
  const price = money(9_999, 'USD');
  const start = new Date('2026-06-10T10:00:00Z');
  const at = (h: number) => new Date(start.getTime() - h * HOUR);

  it('deposits round half-up in minor units', () => {
    expect(amountDueAtBooking(policy, price).amountMinor).toBe(2000); // 19.998 → 20.00
    expect(amountDueAtBooking({ ...policy, mode: 'full' }, price).amountMinor).toBe(9999);
    expect(amountDueAtBooking({ ...policy, mode: 'card_on_file', depositValue: 0 }, price).amountMinor).toBe(0);
  });

  it('free until 48 h, 50 % until 24 h, 100 % after', () => {
    expect(cancellationFee(policy, price, start, at(48)).fee.amountMinor).toBe(0);
    expect(cancellationFee(policy, price, start, at(47.9)).fee.amountMinor).toBe(5000); // 49.995 → 50.00
    expect(cancellationFee(policy, price, start, at(24)).fee.amountMinor).toBe(5000);
    expect(cancellationFee(policy, price, start, at(23)).fee.amountMinor).toBe(9999);
    expect(cancellationFee(policy, price, start, at(-1)).fee.amountMinor).toBe(9999);
  });

  it('no-show fee and the securing strategy', () => {
    expect(noShowFee(policy, price).amountMinor).toBe(1500);
    expect(noShowFee(policy, money(1000, 'USD')).amountMinor).toBe(1000);
    expect(securingStrategy(start, at(24 * 5))).toBe('hold');
    expect(securingStrategy(start, at(24 * 5 + 1))).toBe('save_card');
  });

  it('a fee above the deposit keeps the deposit and charges the rest to a saved card', () => {
    const s = settle(money(5000, 'USD'), { captured: money(2000, 'USD'), held: money(0, 'USD'), cardOnFile: true });
    expect([s.keptFromCaptured.amountMinor, s.refund.amountMinor, s.chargeOffSession.amountMinor]).toEqual([2000, 0, 3000]);
  });
});
