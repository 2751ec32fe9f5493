/**
 * The money a payment policy implies, in minor units (domain/money). Pure.
 *
 * - What is charged at booking: the price (full), a fixed or percent deposit (never more than the
 *   price), or nothing (card on file: the card is held or saved, fees are charged later).
 * - What cancelling costs: the highest fee of the tiers whose window the cancellation falls into
 *   ("less than `hoursBefore` hours before the start"); a cancellation at or after the start falls
 *   into every tier. Percent of the price, half-up (money.ts), never more than the price.
 * - What a no-show costs: a fixed amount or a percent of the price, never more than the price.
 * - How a fee is settled against what the customer already paid or authorised: see `settle`.
 */
import type { CancellationTier, PaymentPolicy } from '@slotwise/contracts';
import { minMoney, money, percentOf, subtract, type Money } from '../money';

const HOUR_MS = 3_600_000;
/** Card authorisations expire after about 7 days; holds are placed only this close to the start. */
export const AUTHORIZATION_WINDOW_DAYS = 5;

export function amountDueAtBooking(policy: PaymentPolicy, price: Money): Money {
  switch (policy.mode) {
    case 'full':
      return price;
    case 'fixed_deposit':
      return minMoney(money(policy.depositValue, price.currency), price);
    case 'percent_deposit':
      return minMoney(percentOf(price, policy.depositValue), price);
    default:
      return money(0, price.currency);
  }
}

/** Whether a booking under this policy waits in pending_payment for the customer's card. */
export function needsPaymentAtBooking(policy: PaymentPolicy, price: Money): boolean {
  if (policy.mode === 'card_on_file') return true;
  return amountDueAtBooking(policy, price).amountMinor > 0;
}

export interface CancellationFee {
  fee: Money;
  /** The tier applied, null when cancelling is free. */
  tier: CancellationTier | null;
}

export function cancellationFee(policy: PaymentPolicy, price: Money, start: Date, now: Date): CancellationFee {
  const remainingMs = start.getTime() - now.getTime();
  let tier: CancellationTier | null = null;
  for (const t of policy.cancellationTiers) {
    if (remainingMs < t.hoursBefore * HOUR_MS && (!tier || t.feePercent > tier.feePercent)) tier = t;
  }
  const fee = tier ? minMoney(percentOf(price, tier.feePercent), price) : money(0, price.currency);
  return { fee, tier };
}

export function noShowFee(policy: PaymentPolicy, price: Money): Money {
  const f = policy.noShowFee;
  if (f.type === 'fixed') return minMoney(money(f.value, price.currency), price);
  if (f.type === 'percent') return minMoney(percentOf(price, f.value), price);
  return money(0, price.currency);
}

/** The most any fee of the policy can come to: what a card-on-file hold authorises. */
export function maximumFee(policy: PaymentPolicy, price: Money): Money {
  let max = noShowFee(policy, price);
  for (const t of policy.cancellationTiers) {
    const f = minMoney(percentOf(price, t.feePercent), price);
    if (f.amountMinor > max.amountMinor) max = f;
  }
  return max;
}

/**
 * How the card is secured for a card-on-file booking: a manual-capture authorisation when the
 * appointment is inside the authorisation window, else a saved card (SetupIntent) charged
 * off-session later.
 */
export function securingStrategy(start: Date, now: Date): 'hold' | 'save_card' {
  return start.getTime() - now.getTime() <= AUTHORIZATION_WINDOW_DAYS * 24 * HOUR_MS ? 'hold' : 'save_card';
}

/** Where the customer's money stands, from the ledger. */
export interface PaymentPosition {
  /** Captured and not refunded. */
  captured: Money;
  /** Authorised on a hold, neither captured nor released. */
  held: Money;
  /** A saved card can be charged off-session. */
  cardOnFile: boolean;
}

export interface Settlement {
  fee: Money;
  /** Part of the fee kept from what was captured. */
  keptFromCaptured: Money;
  refund: Money;
  captureFromHold: Money;
  release: Money;
  chargeOffSession: Money;
  /** Owed but with no way to collect it (no card on file). */
  uncollected: Money;
}

/**
 * Settles `fee` against the position: keep what was captured first (refund the rest), then capture
 * from the hold (release the rest), then charge the saved card; what remains is uncollected.
 * Always: kept + captureFromHold + chargeOffSession + uncollected = fee; kept + refund = captured;
 * captureFromHold + release = held; no amount is negative.
 */
export function settle(fee: Money, pos: PaymentPosition): Settlement {
  const kept = minMoney(fee, pos.captured);
  const afterCaptured = subtract(fee, kept);
  const fromHold = minMoney(afterCaptured, pos.held);
  const afterHold = subtract(afterCaptured, fromHold);
  const zero = money(0, fee.currency);
  return {
    fee,
    keptFromCaptured: kept,
    refund: subtract(pos.captured, kept),
    captureFromHold: fromHold,
    release: subtract(pos.held, fromHold),
    chargeOffSession: pos.cardOnFile ? afterHold : zero,
    uncollected: pos.cardOnFile ? zero : afterHold,
  };
}
