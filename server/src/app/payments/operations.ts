/**
 * Money operations Slotwise asks of the gateway (capture, release, refund, off-session fee), each
 * written to the ledger as a 'pending' row BEFORE the call, inside the transaction that decided it,
 * then executed after commit with the operation key as the gateway's idempotency key, then closed
 * with a 'succeeded' or 'failed' row. A crash between the row and the call leaves the row pending:
 * the sweeper (or the next action on the booking) runs it again with the same key, and the gateway
 * answers with the first result instead of moving money twice.
 */
import { basisPointsOf, money } from '../../domain/money';
import { ledgerTotals } from '../../domain/payments/ledger';
import { GatewayRefusal, GatewayUnavailable } from '../../ports/payment-gateway';
import type { BookingPaymentRecord, LedgerEntryRecord, NewLedgerEntry, PaymentRepository } from '../../ports/payments';
import type { TenantRepositories } from '../../ports/repositories';
import { gatewayKey, type PaymentDeps } from './deps';

export type OperationKind = 'capture' | 'release' | 'refund' | 'charge';

export interface PlannedOperation {
  kind: OperationKind;
  amountMinor: number;
  /** The intent it acts on (capture, release, refund); null for an off-session charge. */
  intentId: string | null;
  reason: string | null;
  actor: string;
  /** Distinguishes operations of one kind on one booking (e.g. the second partial refund). */
  tag: string;
}

const ENTRY_OF = { capture: 'captured', release: 'released', refund: 'refunded', charge: 'fee' } as const;

export const operationKey = (bookingId: string, op: Pick<PlannedOperation, 'kind' | 'tag'>) => `bk_${bookingId}:${op.kind}:${op.tag}`;

/** Writes the pending rows of planned operations in the caller's transaction. */
export async function planOperations(
  payments: PaymentRepository,
  bp: BookingPaymentRecord,
  ops: PlannedOperation[],
): Promise<void> {
  const rows: NewLedgerEntry[] = ops
    .filter((o) => o.amountMinor > 0)
    .map((o) => ({
      bookingId: bp.bookingId,
      entry: ENTRY_OF[o.kind],
      phase: 'pending',
      amountMinor: o.amountMinor,
      currency: bp.currency,
      operationKey: operationKey(bp.bookingId, o),
      gateway: bp.gateway,
      gatewayRef: o.intentId,
      reason: o.reason,
      actor: o.actor,
      data: { op: o.kind, intentId: o.intentId },
    }));
  await payments.append(rows);
}

/** The pending rows of a booking without an outcome yet. */
export function unfinished(rows: LedgerEntryRecord[]): LedgerEntryRecord[] {
  const done = new Set(rows.filter((r) => r.phase !== 'pending').map((r) => r.operationKey));
  return rows.filter((r) => r.phase === 'pending' && !done.has(r.operationKey));
}

/**
 * Executes the booking's unfinished operations, oldest first. Each outcome is appended in its own
 * transaction. A gateway that cannot be reached leaves the operation pending for the sweeper.
 */
export async function runPendingOperations(deps: PaymentDeps, tenantId: string, bookingId: string): Promise<void> {
  const { uow, gateway } = deps;
  const loaded = await uow.run(tenantId, async (r) => ({
    bp: await r.payments.bookingPayment(bookingId),
    rows: await r.payments.ledger(bookingId),
  }));
  if (!loaded.bp) return;
  const bp = loaded.bp;
  for (const op of unfinished(loaded.rows)) {
    const kind = op.data.op as OperationKind;
    const intentId = typeof op.data.intentId === 'string' ? op.data.intentId : null;
    const key = gatewayKey(op.operationKey);
    const fee = (amount: number) =>
      bp.connectAccount ? basisPointsOf(money(amount, bp.currency), bp.applicationFeeBps).amountMinor : null;
    let outcome: NewLedgerEntry;
    const base = { bookingId, entry: op.entry, amountMinor: op.amountMinor, currency: op.currency, operationKey: op.operationKey, gateway: op.gateway, reason: op.reason, actor: op.actor };
    try {
      if (kind === 'capture') {
        const pi = await gateway.capturePaymentIntent(intentId!, { amountMinor: op.amountMinor, applicationFeeMinor: fee(op.amountMinor), idempotencyKey: key });
        outcome = { ...base, phase: 'succeeded', gatewayRef: pi.id, data: { op: kind, intentId: pi.id } };
      } else if (kind === 'release') {
        const pi = await gateway.cancelPaymentIntent(intentId!, { idempotencyKey: key });
        outcome = { ...base, phase: 'succeeded', gatewayRef: pi.id, data: { op: kind, intentId: pi.id } };
      } else if (kind === 'refund') {
        const re = await gateway.refund({
          paymentIntent: intentId!,
          amountMinor: op.amountMinor,
          reverseTransfer: bp.connectAccount !== null,
          metadata: { booking_id: bookingId, tenant_id: tenantId, operation: op.operationKey },
          idempotencyKey: key,
        });
        const ok = re.status === 'succeeded' || re.status === 'pending';
        outcome = { ...base, phase: ok ? 'succeeded' : 'failed', gatewayRef: re.id, data: { op: kind, intentId, refundId: re.id, status: re.status } };
      } else {
        if (!bp.paymentMethodRef) {
          outcome = { ...base, phase: 'failed', gatewayRef: null, reason: 'no_card_on_file', data: { op: kind } };
        } else {
          const pi = await gateway.createPaymentIntent({
            amountMinor: op.amountMinor,
            currency: bp.currency,
            captureMethod: 'automatic',
            customer: bp.customerRef,
            offSession: { paymentMethod: bp.paymentMethodRef },
            metadata: { booking_id: bookingId, tenant_id: tenantId, kind: 'fee', operation: op.operationKey },
            connect: bp.connectAccount ? { destination: bp.connectAccount, applicationFeeMinor: fee(op.amountMinor)! } : null,
            description: op.reason ?? 'Fee',
            idempotencyKey: key,
          });
          const ok = pi.status === 'succeeded';
          outcome = {
            ...base,
            phase: ok ? 'succeeded' : 'failed',
            gatewayRef: pi.id,
            reason: ok ? op.reason : (pi.lastError?.code ?? pi.status),
            data: { op: kind, intentId: pi.id, ...(ok ? {} : { status: pi.status, error: pi.lastError?.code ?? null }) },
          };
        }
      }
    } catch (err) {
      if (err instanceof GatewayUnavailable) {
        deps.warn('payment gateway unavailable; operation stays pending', { operation: op.operationKey });
        return;
      }
      if (!(err instanceof GatewayRefusal)) throw err;
      outcome = { ...base, phase: 'failed', gatewayRef: intentId, reason: err.code, data: { op: kind, intentId, error: err.message.slice(0, 300) } };
    }
    await uow.run(tenantId, async (r) => {
      const before = kind === 'capture' && outcome.phase === 'succeeded' ? ledgerTotals(await r.payments.ledger(bookingId)) : null;
      await r.payments.append([outcome]);
      // Capturing part of a hold releases the rest (Stripe does so): the ledger says it too.
      if (before && before.heldMinor > op.amountMinor)
        await r.payments.append([
          { ...base, operationKey: `${op.operationKey}-rest`, entry: 'released', phase: 'succeeded', amountMinor: before.heldMinor - op.amountMinor, gatewayRef: intentId, reason: 'rest_of_partial_capture', data: { op: 'release', intentId } },
        ]);
      await afterOutcome(r, bp, outcome);
    });
  }
}

/** Keeps the booking's payment state in step with what an operation did. */
async function afterOutcome(r: TenantRepositories, bp: BookingPaymentRecord, o: NewLedgerEntry): Promise<void> {
  if (o.entry === 'fee' && o.phase === 'failed' && o.reason === 'authentication_required') {
    // The bank wants the customer: the manage link becomes a pay link for this fee.
    await r.payments.updateBookingPayment(bp.bookingId, { state: 'action_required', lastError: 'authentication_required' });
  }
}
