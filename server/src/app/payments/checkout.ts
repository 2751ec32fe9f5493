/**
 * The customer's side of a booking that needs money: the intent behind the booking app's card form
 * (created once, with a deterministic idempotency key), applying what the gateway says happened to
 * it (from the app's confirmation call, a webhook, or the expiry job: always re-fetched), and the
 * hold that expires by itself.
 */
import { randomUUID } from 'node:crypto';
import { basisPointsOf, money } from '../../domain/money';
import { paymentDueAtBooking } from './amounts';
import type { GatewayPaymentIntent, GatewaySetupIntent } from '../../ports/payment-gateway';
import type { BookingPaymentRecord, BookingPaymentState, NewLedgerEntry } from '../../ports/payments';
import type { BookingRecord } from '../../ports/records';
import type { TenantRepositories } from '../../ports/repositories';
import { AppError, notFound } from '../errors';
import { applyAction } from '../bookings/transitions';
import { gatewayKey, systemActor, type PaymentDeps } from './deps';
import { planOperations, runPendingOperations } from './operations';
import { positionOf, refundableIntents } from './position';

export interface PaymentView {
  booking: BookingRecord;
  payment: BookingPaymentRecord;
  clientSecret: string | null;
  publishableKey: string | null;
  holdExpiresAt: Date | null;
  totals: ReturnType<typeof positionOf>['totals'];
}

/** Creates the booking's payment row (first call) and its intent; returns what the card form needs. */
export async function preparePayment(deps: PaymentDeps, tenantId: string, bookingId: string): Promise<PaymentView> {
  const { uow, gateway } = deps;
  const now = deps.clock.now();
  // 1. The row, from the service's policy now (kept as the booking's terms).
  const first = await uow.run(tenantId, async (r) => {
    const b = await r.bookings.find(bookingId);
    if (!b) throw notFound('Booking');
    let bp = await r.payments.bookingPayment(bookingId, { lock: true });
    if (!bp) {
      if (b.status !== 'pending_payment') throw new AppError('unprocessable', 'This booking takes no payment', { reason: 'no_payment' });
      const service = await r.services.get(b.serviceId);
      const policy = service?.paymentPolicy;
      if (!policy || policy.mode === 'none') throw new AppError('unprocessable', 'This booking takes no payment', { reason: 'no_payment' });
      // A plan without payments takes none (402 before any intent exists).
      await deps.plans?.requireFeature(r, 'payments');
      const price = money(b.priceCents, b.currency);
      // The tenant's connected account (stripe_connect_accounts, kept by Connect onboarding and
      // account.updated): destination charges only once it can take charges.
      const account = await r.billing.connectAccount();
      const connect = gateway.name === 'stripe' && account?.chargesEnabled ? account.accountId : null;
      // The same rule that priced the booking (app/payments/amounts.ts): card on file with nothing
      // to hold now (far away, or no fee at all) only saves the card.
      const due = paymentDueAtBooking({ paymentPolicy: policy, priceCents: price.amountMinor, currency: price.currency }, b.startAt.getTime(), now);
      const setup = policy.mode === 'card_on_file' && due.amountMinor === 0;
      const row: Omit<BookingPaymentRecord, 'createdAt' | 'updatedAt' | 'lastError'> = {
        id: randomUUID(),
        bookingId,
        gateway: gateway.name,
        mode: policy.mode,
        policy,
        amountDueMinor: due.amountMinor,
        currency: b.currency,
        intentKind: setup ? 'setup' : 'payment',
        intentId: null,
        captureMethod: setup ? null : policy.mode === 'card_on_file' ? 'manual' : 'automatic',
        customerRef: null,
        paymentMethodRef: null,
        connectAccount: connect,
        applicationFeeBps: connect ? deps.platformFeeBps : 0,
        state: 'awaiting_payment',
      };
      await r.payments.createBookingPayment(row);
      bp = { ...row, lastError: null, createdAt: now, updatedAt: now };
    }
    return { b, bp: bp as BookingPaymentRecord, settings: await r.payments.settings() };
  });
  let { bp } = first;
  const { b } = first;
  // 2. The intent, outside any transaction; the keys make a repeated call return the same objects.
  if (!bp.intentId && bp.state === 'awaiting_payment' && b.status === 'pending_payment') {
    const metadata = { booking_id: b.id, tenant_id: tenantId, kind: 'booking' };
    const customer =
      bp.customerRef ??
      (await gateway.createCustomer({ name: b.customer.name, email: b.customer.email, metadata, idempotencyKey: gatewayKey(`bk_${b.id}:customer`) }));
    let intentId: string;
    if (bp.intentKind === 'setup') {
      intentId = (await gateway.createSetupIntent({ customer, metadata, idempotencyKey: gatewayKey(`bk_${b.id}:setup`) })).id;
    } else {
      intentId = (
        await gateway.createPaymentIntent({
          amountMinor: bp.amountDueMinor,
          currency: bp.currency,
          captureMethod: bp.captureMethod ?? 'automatic',
          customer,
          metadata,
          connect: bp.connectAccount
            ? { destination: bp.connectAccount, applicationFeeMinor: basisPointsOf(money(bp.amountDueMinor, bp.currency), bp.applicationFeeBps).amountMinor }
            : null,
          description: `${b.service.name} ${b.confirmationCode}`,
          idempotencyKey: gatewayKey(`bk_${b.id}:intent`),
        })
      ).id;
    }
    await uow.run(tenantId, (r) => r.payments.updateBookingPayment(b.id, { customerRef: customer, intentId }));
    bp = { ...bp, customerRef: customer, intentId };
  }
  return viewOf(deps, tenantId, bookingId, first.settings.publishableKey);
}

async function viewOf(deps: PaymentDeps, tenantId: string, bookingId: string, tenantKey: string | null): Promise<PaymentView> {
  const loaded = await deps.uow.run(tenantId, async (r) => ({
    booking: (await r.bookings.find(bookingId))!,
    payment: await r.payments.bookingPayment(bookingId),
    rows: await r.payments.ledger(bookingId),
    holdExpiresAt: await r.payments.holdExpiresAt(bookingId),
  }));
  if (!loaded.payment) throw new AppError('unprocessable', 'This booking takes no payment', { reason: 'no_payment' });
  const payable = ['awaiting_payment', 'failed', 'action_required'].includes(loaded.payment.state);
  let clientSecret: string | null = null;
  // The client secret is never stored: fetched from the gateway while the customer can still pay.
  if (payable && loaded.payment.intentId && loaded.booking.status === 'pending_payment') {
    const intent = loaded.payment.intentKind === 'setup'
      ? await deps.gateway.retrieveSetupIntent(loaded.payment.intentId)
      : await deps.gateway.retrievePaymentIntent(loaded.payment.intentId);
    clientSecret = intent.clientSecret;
  }
  return {
    booking: loaded.booking,
    payment: loaded.payment,
    clientSecret,
    publishableKey: deps.gateway.clientMode === 'stripe' ? (tenantKey ?? deps.platformPublishableKey) : null,
    holdExpiresAt: loaded.holdExpiresAt,
    totals: positionOf(loaded.payment, loaded.rows).totals,
  };
}

export const paymentView = (deps: PaymentDeps, tenantId: string, bookingId: string) =>
  deps.uow.run(tenantId, (r) => r.payments.settings()).then((s) => viewOf(deps, tenantId, bookingId, s.publishableKey));

const STATE_OF: Partial<Record<GatewayPaymentIntent['status'], BookingPaymentState>> = {
  requires_action: 'action_required',
  requires_capture: 'authorized',
  succeeded: 'paid',
  canceled: 'voided',
};

/**
 * Applies the gateway's current state of the booking's intent: ledger rows keyed by the intent (so
 * a second webhook or confirmation adds nothing), the payment state, and the booking confirmed
 * when its payment succeeded. Money that arrives for a booking already cancelled (the hold
 * expired first) is refunded or released at once.
 */
export async function applyIntent(
  deps: PaymentDeps,
  tenantId: string,
  bookingId: string,
  intent: { kind: 'payment'; pi: GatewayPaymentIntent } | { kind: 'setup'; si: GatewaySetupIntent },
): Promise<void> {
  const changed = await deps.uow.run(tenantId, async (r) => {
    const b = await r.bookings.findForUpdate(bookingId);
    const bp = await r.payments.bookingPayment(bookingId, { lock: true });
    if (!b || !bp) return false;
    if (intent.kind === 'payment' && intent.pi.metadata.kind === 'fee') return applyFeeIntent(r, bp, intent.pi);
    if (bp.intentId !== (intent.kind === 'payment' ? intent.pi.id : intent.si.id)) return false;
    const rows: NewLedgerEntry[] = [];
    const base = { bookingId, currency: bp.currency, gateway: bp.gateway, reason: null, actor: 'customer' };
    let state: BookingPaymentState = bp.state;
    let lastError: string | null = null;
    let paymentMethodRef = bp.paymentMethodRef;
    let secured = false;
    if (intent.kind === 'payment') {
      const pi = intent.pi;
      const authorized = pi.status === 'succeeded' ? pi.receivedMinor : pi.status === 'requires_capture' ? pi.capturableMinor : 0;
      if (authorized > 0) {
        rows.push({ ...base, entry: 'authorized', phase: 'succeeded', amountMinor: authorized, operationKey: `${pi.id}:authorized`, gatewayRef: pi.id, data: { intentId: pi.id } });
        secured = true;
      }
      if (pi.status === 'succeeded' && pi.captureMethod === 'automatic')
        rows.push({ ...base, entry: 'captured', phase: 'succeeded', amountMinor: pi.receivedMinor, operationKey: `${pi.id}:captured`, gatewayRef: pi.id, data: { intentId: pi.id } });
      state = STATE_OF[pi.status] ?? (pi.lastError ? 'failed' : bp.state);
      lastError = pi.lastError?.code ?? null;
      paymentMethodRef = pi.paymentMethod ?? paymentMethodRef;
      // A capture Slotwise asked for is recorded by its operation; the state only follows.
      if (pi.status === 'succeeded' && pi.captureMethod === 'manual') state = bp.state === 'settled' ? 'settled' : 'paid';
    } else {
      const si = intent.si;
      if (si.status === 'succeeded') {
        state = 'card_saved';
        paymentMethodRef = si.paymentMethod;
        secured = true;
      } else if (si.status === 'requires_action') state = 'action_required';
      else if (si.status === 'canceled') state = 'voided';
      else if (si.lastError) state = 'failed';
      lastError = si.lastError?.code ?? null;
    }
    if (bp.state === 'settled' || bp.state === 'voided') state = bp.state === 'voided' && secured ? 'settled' : bp.state;
    const written = await r.payments.append(rows);
    // Money seen for the first time now (not a repeat of an event already applied).
    const newMoney = written.some((x) => x.entry === 'authorized');
    await r.payments.updateBookingPayment(bookingId, { state, lastError, paymentMethodRef });
    if (secured && b.status === 'pending_payment') {
      const tenant = await r.tenant.get();
      await applyAction(r, b, { action: 'confirm', actor: systemActor, initiatedBy: 'business', tenant, now: deps.clock.now() });
    } else if (newMoney && b.status === 'cancelled') {
      // Paid after the hold expired (or after a cancellation): give it back.
      const ledger = await r.payments.ledger(bookingId);
      const pos = positionOf({ ...bp, paymentMethodRef }, ledger);
      await planOperations(r.payments, bp, [
        ...refundableIntents(ledger).map((x) => ({ kind: 'refund' as const, amountMinor: x.refundableMinor, intentId: x.intentId, reason: 'paid_after_cancellation', actor: 'system', tag: `late-${x.intentId}` })),
        ...(pos.held.amountMinor > 0 && intent.kind === 'payment'
          ? [{ kind: 'release' as const, amountMinor: pos.held.amountMinor, intentId: intent.pi.id, reason: 'paid_after_cancellation', actor: 'system', tag: `late-${intent.pi.id}` }]
          : []),
      ]);
      return true;
    }
    return written.length > 0;
  });
  if (changed) await runPendingOperations(deps, tenantId, bookingId);
}

/** An off-session fee the customer completed through the pay link (or its webhook). */
async function applyFeeIntent(r: TenantRepositories, bp: BookingPaymentRecord, pi: GatewayPaymentIntent): Promise<boolean> {
  if (pi.status !== 'succeeded') return false;
  const ledger = await r.payments.ledger(bp.bookingId);
  // The operation that created it may already have recorded the success.
  if (ledger.some((x) => x.entry === 'fee' && x.phase === 'succeeded' && x.gatewayRef === pi.id)) return false;
  await r.payments.append([
    { bookingId: bp.bookingId, entry: 'fee', phase: 'succeeded', amountMinor: pi.receivedMinor, currency: bp.currency, operationKey: `${pi.id}:fee`, gateway: bp.gateway, gatewayRef: pi.id, reason: 'authenticated_by_customer', actor: 'customer', data: { intentId: pi.id } },
  ]);
  if (bp.state === 'action_required') await r.payments.updateBookingPayment(bp.bookingId, { state: 'settled', lastError: null });
  return false;
}

/** Re-fetches the booking's intent from the gateway and applies it. */
export async function syncPayment(deps: PaymentDeps, tenantId: string, bookingId: string): Promise<void> {
  const bp = await deps.uow.run(tenantId, (r) => r.payments.bookingPayment(bookingId));
  if (!bp?.intentId) return;
  if (bp.intentKind === 'setup') await applyIntent(deps, tenantId, bookingId, { kind: 'setup', si: await deps.gateway.retrieveSetupIntent(bp.intentId) });
  else await applyIntent(deps, tenantId, bookingId, { kind: 'payment', pi: await deps.gateway.retrievePaymentIntent(bp.intentId) });
}

/**
 * The hold's expiry: re-fetch the intent first (a payment that succeeded while its webhook is still
 * on the way confirms the booking), then cancel the booking if it is still unpaid and its hold is
 * over (the database's clock decides), then void the intent so it cannot be paid any more.
 */
export async function expireHold(deps: PaymentDeps, tenantId: string, bookingId: string): Promise<void> {
  await syncPayment(deps, tenantId, bookingId).catch((err: unknown) => deps.warn('payment sync before expiry failed', { bookingId, err: String(err) }));
  const expired = await deps.uow.run(tenantId, async (r) => {
    const b = await r.bookings.findForUpdate(bookingId);
    if (!b || b.status !== 'pending_payment') return false;
    const until = await r.payments.holdExpiresAt(bookingId);
    if (!(await r.payments.holdIsOver(bookingId)) || !until) return false;
    const tenant = await r.tenant.get();
    await applyAction(r, b, { action: 'cancel', reason: 'payment_expired', actor: systemActor, initiatedBy: 'business', tenant, now: deps.clock.now() });
    return true;
  });
  if (expired) await voidIntent(deps, tenantId, bookingId);
}

/**
 * A cancelled booking's intent that was never paid is cancelled so it can no longer be paid; one
 * that was paid meanwhile is applied (which refunds it, the booking being cancelled). Best effort:
 * a payment that still slips through is refunded by its webhook.
 */
export async function voidIntent(deps: PaymentDeps, tenantId: string, bookingId: string): Promise<void> {
  const { bp, status } = await deps.uow.run(tenantId, async (r) => ({
    bp: await r.payments.bookingPayment(bookingId),
    status: (await r.bookings.find(bookingId))?.status,
  }));
  if (!bp?.intentId || bp.intentKind !== 'payment' || status !== 'cancelled') return;
  try {
    const current = await deps.gateway.retrievePaymentIntent(bp.intentId);
    if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(current.status)) {
      await applyIntent(deps, tenantId, bookingId, { kind: 'payment', pi: current });
      return;
    }
    const pi = await deps.gateway.cancelPaymentIntent(bp.intentId, { idempotencyKey: gatewayKey(`bk_${bookingId}:void`) });
    await applyIntent(deps, tenantId, bookingId, { kind: 'payment', pi });
  } catch (err) {
    // Already paid or captured meanwhile: applying it refunds (the booking is cancelled).
    deps.warn('voiding a payment intent failed; syncing instead', { bookingId, err: String(err) });
    await syncPayment(deps, tenantId, bookingId);
  }
  await deps.uow.run(tenantId, async (r) => {
    const now = await r.payments.bookingPayment(bookingId);
    if (now && ['awaiting_payment', 'failed', 'action_required'].includes(now.state))
      await r.payments.updateBookingPayment(bookingId, { state: 'voided' });
  });
}
