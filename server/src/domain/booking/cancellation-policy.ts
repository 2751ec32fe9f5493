/**
 * Tenant cancellation / no-show / reschedule policy and the money it implies.
 *
 * Money model (applies to cancellations and no-shows alike):
 * - `fee` is what the policy says the customer owes: a percentage of the booking PRICE.
 * - Only what was actually paid (the deposit) can be kept without a further charge, so
 *   `retained = min(fee, depositPaid)` and `refund = depositPaid − retained`.
 *   Hence refund + retained === depositPaid, and neither is ever negative.
 * - `outstanding = fee − retained` is the part of the fee the deposit does not cover.
 *   Whether to charge it (card on file) or waive it is the use case's decision; the
 *   domain only reports it.
 *
 * Time rules (all boundaries inclusive in the customer's favour):
 * - Free cancellation when at least `freeCancellationHours` remain before the start;
 *   less than that is "late".
 * - Customers cannot cancel once the booking has started (it is then a completion or a
 *   no-show); the business can always cancel, with no fee and a full refund.
 * - Customers may reschedule only if the policy allows it and at least
 *   `rescheduleCutoffHours` remain before the start.
 */
import { type Money, money, minMoney, percentOf, percentToBasisPoints, subtract } from '../money';
import { type Instant, toEpochMs } from './instant';

const MS_PER_HOUR = 3_600_000;

export type CancellationPolicy = {
  freeCancellationHours: number;
  /** 0–100, at most 2 decimals; of the booking price. */
  lateCancellationFeePercent: number;
  /** 0–100, at most 2 decimals; of the booking price. */
  noShowFeePercent: number;
  allowCustomerReschedule: boolean;
  rescheduleCutoffHours: number;
};

/** A lenient default for new tenants: free until 24 h before, no fees, reschedule until 24 h. */
export const DEFAULT_CANCELLATION_POLICY: Readonly<CancellationPolicy> = Object.freeze({
  freeCancellationHours: 24,
  lateCancellationFeePercent: 0,
  noShowFeePercent: 0,
  allowCustomerReschedule: true,
  rescheduleCutoffHours: 24,
});

export type CancellableBooking = {
  start: Instant;
  priceMinor: number;
  currency: string;
  depositPaidMinor: number;
};

export type FeeSettlement = {
  /** What the policy charges (percentage of the price); may exceed the deposit. */
  fee: Money;
  /** Kept from the deposit: min(fee, depositPaid). */
  retained: Money;
  /** Returned to the customer: depositPaid − retained. */
  refund: Money;
  /** fee − retained: not covered by the deposit. */
  outstanding: Money;
};

export type CancellationBlockReason = 'booking_started';

export type CancellationOutcome = FeeSettlement & {
  /** False when the cancellation must be rejected; then all amounts are zero (nothing moves). */
  allowed: boolean;
  /** Inside the late window (informational for business cancellations). */
  late: boolean;
  reason?: CancellationBlockReason;
};

export type CancellationInitiator = 'customer' | 'business';

export type NoShowOutcome = FeeSettlement & {
  /** A booking cannot be a no-show before it starts. */
  allowed: boolean;
  reason?: 'not_started';
};

export type RescheduleBlockReason = 'reschedule_disabled' | 'past_cutoff';

/** Lists what is wrong with a policy (empty when valid), for config/API validation. */
export function validateCancellationPolicy(policy: CancellationPolicy): string[] {
  const problems: string[] = [];
  const hours = (name: 'freeCancellationHours' | 'rescheduleCutoffHours') => {
    const v = policy[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      problems.push(`${name} must be a non-negative number`);
  };
  const percent = (name: 'lateCancellationFeePercent' | 'noShowFeePercent') => {
    const v = policy[name];
    let ok = typeof v === 'number' && v >= 0 && v <= 100;
    if (ok) {
      try {
        percentToBasisPoints(v);
      } catch {
        ok = false;
      }
    }
    if (!ok) problems.push(`${name} must be between 0 and 100 with at most 2 decimals`);
  };
  hours('freeCancellationHours');
  hours('rescheduleCutoffHours');
  percent('lateCancellationFeePercent');
  percent('noShowFeePercent');
  if (typeof policy.allowCustomerReschedule !== 'boolean')
    problems.push('allowCustomerReschedule must be a boolean');
  return problems;
}

function assertValidPolicy(policy: CancellationPolicy): void {
  const problems = validateCancellationPolicy(policy);
  if (problems.length > 0)
    throw new RangeError(`Invalid cancellation policy: ${problems.join('; ')}`);
}

function settle(feeWanted: Money, depositPaid: Money): FeeSettlement {
  const retained = minMoney(feeWanted, depositPaid);
  return {
    fee: feeWanted,
    retained,
    refund: subtract(depositPaid, retained),
    outstanding: subtract(feeWanted, retained),
  };
}

function zeroSettlement(currency: string): FeeSettlement {
  const zero = money(0, currency);
  return { fee: zero, retained: zero, refund: zero, outstanding: zero };
}

/** What cancelling `booking` at `now` costs and refunds. */
export function cancellationOutcome(
  policy: CancellationPolicy,
  booking: CancellableBooking,
  now: Instant,
  options: { initiatedBy?: CancellationInitiator } = {},
): CancellationOutcome {
  assertValidPolicy(policy);
  const start = toEpochMs(booking.start, 'booking start');
  const at = toEpochMs(now, 'now');
  const price = money(booking.priceMinor, booking.currency);
  const deposit = money(booking.depositPaidMinor, booking.currency);
  const late = start - at < policy.freeCancellationHours * MS_PER_HOUR;

  if ((options.initiatedBy ?? 'customer') === 'business') {
    // The business broke the appointment: the customer never pays for that.
    return { allowed: true, late, ...settle(money(0, price.currency), deposit) };
  }
  if (at >= start) {
    return {
      allowed: false,
      late: true,
      reason: 'booking_started',
      ...zeroSettlement(price.currency),
    };
  }
  const fee = late ? percentOf(price, policy.lateCancellationFeePercent) : money(0, price.currency);
  return { allowed: true, late, ...settle(fee, deposit) };
}

/** What marking `booking` as a no-show costs and refunds (lifecycle legality is separate). */
export function noShowOutcome(
  policy: CancellationPolicy,
  booking: CancellableBooking,
  now: Instant,
): NoShowOutcome {
  assertValidPolicy(policy);
  const start = toEpochMs(booking.start, 'booking start');
  const price = money(booking.priceMinor, booking.currency);
  const deposit = money(booking.depositPaidMinor, booking.currency);
  if (toEpochMs(now, 'now') < start) {
    return { allowed: false, reason: 'not_started', ...zeroSettlement(price.currency) };
  }
  return { allowed: true, ...settle(percentOf(price, policy.noShowFeePercent), deposit) };
}

/** Why a customer may not reschedule now, or null if they may. */
export function customerRescheduleBlockReason(
  policy: CancellationPolicy,
  start: Instant,
  now: Instant,
): RescheduleBlockReason | null {
  assertValidPolicy(policy);
  if (!policy.allowCustomerReschedule) return 'reschedule_disabled';
  const remaining = toEpochMs(start, 'booking start') - toEpochMs(now, 'now');
  // `remaining > 0` matters when the cutoff is 0: a started booking is never movable.
  if (remaining <= 0 || remaining < policy.rescheduleCutoffHours * MS_PER_HOUR)
    return 'past_cutoff';
  return null;
}

export function canCustomerReschedule(
  policy: CancellationPolicy,
  start: Instant,
  now: Instant,
): boolean {
  return customerRescheduleBlockReason(policy, start, now) === null;
}
