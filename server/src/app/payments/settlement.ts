/**
 * What a cancellation or a no-show does to a booking's money, decided by the domain from the
 * policy the booking was made under and the ledger, and written as pending operations in the
 * transaction of the status change (runPendingOperations executes them after commit).
 */
import { money, type Money } from '../../domain/money';
import { cancellationFee, noShowFee, settle, type Settlement } from '../../domain/payments/policy';
import type { BookingPaymentRecord, LedgerEntryRecord } from '../../ports/payments';
import type { BookingRecord } from '../../ports/records';
import type { TenantRepositories } from '../../ports/repositories';
import { planOperations, type PlannedOperation } from './operations';
import { positionOf, refundableIntents } from './position';

export type SettlementCause = { kind: 'cancel'; initiatedBy: 'customer' | 'business' } | { kind: 'no_show' };

/** The fee the policy charges for this cause at `now`. The business cancelling never charges. */
export function feeFor(bp: BookingPaymentRecord, b: Pick<BookingRecord, 'priceCents' | 'currency' | 'startAt'>, cause: SettlementCause, now: Date): Money {
  const price = money(b.priceCents, b.currency);
  if (cause.kind === 'no_show') return noShowFee(bp.policy, price);
  if (cause.initiatedBy === 'business') return money(0, b.currency);
  return cancellationFee(bp.policy, price, b.startAt, now).fee;
}

export function settlementFor(bp: BookingPaymentRecord, rows: LedgerEntryRecord[], b: BookingRecord, cause: SettlementCause, now: Date): Settlement {
  return settle(feeFor(bp, b, cause, now), positionOf(bp, rows));
}

/** Turns a settlement into gateway operations: refund per intent, capture/release of the hold, fee. */
export function operationsOf(s: Settlement, rows: LedgerEntryRecord[], bp: BookingPaymentRecord, tag: string, actor: string): PlannedOperation[] {
  const ops: PlannedOperation[] = [];
  let toRefund = s.refund.amountMinor;
  for (const x of refundableIntents(rows)) {
    if (toRefund <= 0) break;
    const amount = Math.min(toRefund, x.refundableMinor);
    ops.push({ kind: 'refund', amountMinor: amount, intentId: x.intentId, reason: tag, actor, tag: `${tag}-${x.intentId}` });
    toRefund -= amount;
  }
  const holdIntent = rows.find((r) => r.entry === 'authorized' && r.phase === 'succeeded' && bp.captureMethod === 'manual')?.gatewayRef ?? null;
  if (holdIntent && s.captureFromHold.amountMinor > 0)
    ops.push({ kind: 'capture', amountMinor: s.captureFromHold.amountMinor, intentId: holdIntent, reason: tag, actor, tag });
  // Capturing part of a hold releases the rest by itself (Stripe); only a hold with nothing to take is cancelled.
  if (holdIntent && s.release.amountMinor > 0 && s.captureFromHold.amountMinor === 0)
    ops.push({ kind: 'release', amountMinor: s.release.amountMinor, intentId: holdIntent, reason: tag, actor, tag });
  if (s.chargeOffSession.amountMinor > 0)
    ops.push({ kind: 'charge', amountMinor: s.chargeOffSession.amountMinor, intentId: null, reason: tag, actor, tag });
  return ops;
}

const amount = (m: Money) => ({ amount: m.amountMinor, currency: m.currency });

/**
 * Settles a booking with a payment row on cancel / no-show: plans the operations and returns what
 * the history row and the outbox events carry (fee charged, amount refunded). Null when the booking
 * takes no payment (the tenant's legacy policy applies then).
 */
export async function settleBooking(
  r: TenantRepositories,
  b: BookingRecord,
  cause: SettlementCause,
  now: Date,
  actor: string,
): Promise<Record<string, unknown> | null> {
  const bp = await r.payments.bookingPayment(b.id, { lock: true });
  if (!bp) return null;
  const rows = await r.payments.ledger(b.id);
  const s = settlementFor(bp, rows, b, cause, now);
  const tag = cause.kind === 'no_show' ? 'no-show' : 'cancel';
  await planOperations(r.payments, bp, operationsOf(s, rows, bp, tag, actor));
  await r.payments.updateBookingPayment(b.id, { state: bp.state === 'awaiting_payment' || bp.state === 'failed' || bp.state === 'action_required' ? 'voided' : 'settled' });
  const charged = s.keptFromCaptured.amountMinor + s.captureFromHold.amountMinor + s.chargeOffSession.amountMinor;
  return {
    settlement: {
      fee: amount(s.fee),
      retained: amount(money(s.keptFromCaptured.amountMinor + s.captureFromHold.amountMinor, s.fee.currency)),
      refund: amount(s.refund),
      outstanding: amount(money(s.chargeOffSession.amountMinor + s.uncollected.amountMinor, s.fee.currency)),
      release: amount(s.release),
      chargeOffSession: amount(s.chargeOffSession),
      uncollected: amount(s.uncollected),
    },
    // For the customer's email (messaging module): what was kept or charged and what comes back.
    feeChargedMinor: charged,
    refundedMinor: s.refund.amountMinor,
    currency: s.fee.currency,
  };
}
