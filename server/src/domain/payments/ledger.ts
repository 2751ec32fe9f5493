/**
 * A booking's money, derived from its ledger rows (never stored as a balance). Pure.
 *
 * Only operations with a 'succeeded' outcome count; a 'pending' row is an operation asked of the
 * gateway whose outcome is not known yet (shown as in flight), a 'failed' one moved nothing.
 */
export const LEDGER_ENTRIES = ['authorized', 'captured', 'released', 'refunded', 'fee', 'dispute'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRIES)[number];
export type LedgerPhase = 'pending' | 'succeeded' | 'failed';

export interface LedgerRow {
  entry: LedgerEntryKind;
  phase: LedgerPhase;
  amountMinor: number;
  operationKey: string;
}

export interface LedgerTotals {
  /** Money taken from the customer: captures plus fees charged. */
  collectedMinor: number;
  refundedMinor: number;
  /** collected − refunded. */
  paidMinor: number;
  /** Authorised on a hold and neither captured nor released. */
  heldMinor: number;
  disputedMinor: number;
  /** Operations written but without an outcome yet. */
  inFlight: number;
}

export function ledgerTotals(rows: readonly LedgerRow[]): LedgerTotals {
  const sum = (kind: LedgerEntryKind) =>
    rows.filter((r) => r.phase === 'succeeded' && r.entry === kind).reduce((s, r) => s + r.amountMinor, 0);
  const outcomes = new Set(rows.filter((r) => r.phase !== 'pending').map((r) => r.operationKey));
  const captured = sum('captured');
  const collected = captured + sum('fee');
  const refunded = sum('refunded');
  return {
    collectedMinor: collected,
    refundedMinor: refunded,
    paidMinor: collected - refunded,
    heldMinor: Math.max(0, sum('authorized') - captured - sum('released')),
    disputedMinor: sum('dispute'),
    inFlight: rows.filter((r) => r.phase === 'pending' && !outcomes.has(r.operationKey)).length,
  };
}
