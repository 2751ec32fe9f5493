import { money, subtract, type Money } from '../../domain/money';
import { noShowFee } from '../../domain/payments/policy';
import type { LedgerTotals } from '../../domain/payments/ledger';
import type { BookingPaymentRecord } from '../../ports/payments';
import type { BookingRecord } from '../../ports/records';
import type { TenantRepositories } from '../../ports/repositories';
import { positionOf } from './position';
import { settlementFor } from './settlement';

export interface ManageMoney {
  payment: BookingPaymentRecord;
  totals: LedgerTotals;
  holdExpiresAt: Date | null;
  noShowFee: Money;
  /** What a customer cancellation now would do, in the manage page's terms. */
  cancellation: { late: boolean; fee: Money; refund: Money; retained: Money; outstanding: Money };
}

/** The manage page's money for a booking that takes a payment (null otherwise): the exact amounts. */
export async function manageMoney(r: TenantRepositories, b: BookingRecord, now: Date): Promise<ManageMoney | null> {
  const bp = await r.payments.bookingPayment(b.id);
  if (!bp) return null;
  const rows = await r.payments.ledger(b.id);
  const s = settlementFor(bp, rows, b, { kind: 'cancel', initiatedBy: 'customer' }, now);
  const retained = money(s.keptFromCaptured.amountMinor + s.captureFromHold.amountMinor, b.currency);
  return {
    payment: bp,
    totals: positionOf(bp, rows).totals,
    holdExpiresAt: await r.payments.holdExpiresAt(b.id),
    noShowFee: noShowFee(bp.policy, money(b.priceCents, b.currency)),
    cancellation: {
      late: s.fee.amountMinor > 0,
      fee: s.fee,
      refund: s.refund,
      retained,
      outstanding: subtract(s.fee, retained),
    },
  };
}
