import { ledgerTotals, type LedgerTotals } from '../../domain/payments/ledger';
import { money } from '../../domain/money';
import type { PaymentPosition } from '../../domain/payments/policy';
import type { BookingPaymentRecord, LedgerEntryRecord } from '../../ports/payments';

/** Where the customer's money stands for the domain's settlement, from the ledger. */
export function positionOf(bp: BookingPaymentRecord, rows: LedgerEntryRecord[]): PaymentPosition & { totals: LedgerTotals } {
  const totals = ledgerTotals(rows);
  return {
    totals,
    captured: money(totals.paidMinor, bp.currency),
    held: money(totals.heldMinor, bp.currency),
    cardOnFile: bp.intentKind === 'setup' && bp.paymentMethodRef !== null,
  };
}

/** The booking's (manual-capture or automatic) intent that captured money can be refunded from. */
export function refundableIntents(rows: LedgerEntryRecord[]): { intentId: string; refundableMinor: number }[] {
  const byIntent = new Map<string, number>();
  for (const r of rows) {
    if (r.phase !== 'succeeded' || !r.gatewayRef) continue;
    const intent = typeof r.data.intentId === 'string' ? r.data.intentId : r.gatewayRef;
    if (r.entry === 'captured' || r.entry === 'fee') byIntent.set(intent, (byIntent.get(intent) ?? 0) + r.amountMinor);
    if (r.entry === 'refunded') byIntent.set(intent, (byIntent.get(intent) ?? 0) - r.amountMinor);
  }
  // Pending refunds count as spent: two refunds in flight must not exceed what was captured.
  for (const r of rows) {
    if (r.entry !== 'refunded' || r.phase !== 'pending') continue;
    const done = rows.some((o) => o.operationKey === r.operationKey && o.phase !== 'pending');
    const intent = typeof r.data.intentId === 'string' ? r.data.intentId : null;
    if (!done && intent) byIntent.set(intent, (byIntent.get(intent) ?? 0) - r.amountMinor);
  }
  return [...byIntent].filter(([, v]) => v > 0).map(([intentId, refundableMinor]) => ({ intentId, refundableMinor }));
}
