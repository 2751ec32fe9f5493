import { hashToken, tokensEqual } from '../../domain/booking/confirmation-code';
import { GatewayRefusal, type TestCard } from '../../ports/payment-gateway';
import type { LedgerFilter, PaymentSettingsView, TenantPaymentSettingsRecord } from '../../ports/payments';
import type { ManageLinkDirectory, TenantRepositories } from '../../ports/repositories';
import { AppError, notFound } from '../errors';
import type { Principal } from '../principal';
import { expireHold, paymentView, preparePayment, syncPayment, voidIntent, type PaymentView } from './checkout';
import { PAYMENT_EXPIRE_JOB, type PaymentDeps } from './deps';
import { planOperations, runPendingOperations, type OperationKind, type PlannedOperation } from './operations';
import { positionOf, refundableIntents } from './position';

export interface PaymentDetail extends PaymentView {
  refundableMinor: number;
  cardOnFile: boolean;
  allowedActions: ('capture' | 'release' | 'refund' | 'charge_fee')[];
  ledger: Awaited<ReturnType<TenantRepositories['payments']['ledger']>>;
}

/** The payment use cases behind the HTTP routes, the booking hooks and the jobs. */
export function paymentService(deps: PaymentDeps & { links: ManageLinkDirectory }) {
  const { uow, gateway } = deps;

  /** A manage-link token → its booking (same checks as the manage page: hash lookup, constant-time compare). */
  async function byToken(token: string): Promise<{ tenantId: string; bookingId: string }> {
    const hash = hashToken(token);
    const ref = await deps.links.find(hash);
    if (!ref) throw notFound('Booking');
    const ok = await uow.run(ref.tenantId, async (r) => {
      const b = await r.bookings.find(ref.bookingId);
      return !!b && tokensEqual(hash, b.manageTokenHash);
    });
    if (!ok) throw notFound('Booking');
    return ref;
  }

  const local = () => {
    if (!gateway.confirmWithTestCard || !gateway.completeAuthentication)
      throw new AppError('unprocessable', 'Payments go through Stripe here; use the Payment Element', { reason: 'not_local_gateway' });
    return { confirm: gateway.confirmWithTestCard.bind(gateway), authenticate: gateway.completeAuthentication.bind(gateway) };
  };

  /** After the local card form: a decline is a 402 the form shows; anything else is the view. */
  const declinedOrView = (v: PaymentView) => {
    if (v.payment.state === 'failed')
      throw new AppError('card_declined', v.payment.lastError === 'card_declined' ? 'Your card was declined' : 'The payment failed', {
        reason: v.payment.lastError,
      });
    return v;
  };
  const refusal = (err: unknown): never => {
    if (err instanceof GatewayRefusal) {
      if (err.code === 'invalid_card') throw new AppError('validation_failed', err.message, { issues: [{ path: 'body.number', message: err.message }] });
      throw new AppError('unprocessable', err.message, { reason: err.code });
    }
    throw err;
  };

  async function detail(tenantId: string, bookingId: string): Promise<PaymentDetail> {
    const view = await paymentView(deps, tenantId, bookingId);
    const rows = await uow.run(tenantId, (r) => r.payments.ledger(bookingId));
    const pos = positionOf(view.payment, rows);
    const refundable = refundableIntents(rows).reduce((s, x) => s + x.refundableMinor, 0);
    const chargeable = view.booking.priceCents - pos.totals.paidMinor;
    const actions: PaymentDetail['allowedActions'] = [];
    if (pos.held.amountMinor > 0) actions.push('capture', 'release');
    if (refundable > 0) actions.push('refund');
    if ((pos.held.amountMinor > 0 || pos.cardOnFile) && chargeable > 0) actions.push('charge_fee');
    return { ...view, refundableMinor: refundable, cardOnFile: pos.cardOnFile, allowedActions: actions, ledger: rows };
  }

  /** A staff money action: checked and planned under the payment row's lock, run after commit. */
  async function staffAction(p: Principal, bookingId: string, plan: (ctx: {
    r: TenantRepositories;
    held: number;
    refundable: ReturnType<typeof refundableIntents>;
    cardOnFile: boolean;
    paid: number;
    price: number;
    holdIntent: string | null;
    tag: (kind: OperationKind) => string;
  }) => PlannedOperation[]) {
    await uow.run(p.tenantId, async (r) => {
      const b = await r.bookings.find(bookingId);
      const bp = b && (await r.payments.bookingPayment(bookingId, { lock: true }));
      if (!b || !bp) throw notFound('Payment');
      const rows = await r.payments.ledger(bookingId);
      const pos = positionOf(bp, rows);
      const holdIntent = rows.find((x) => x.entry === 'authorized' && x.phase === 'succeeded' && bp.captureMethod === 'manual')?.gatewayRef ?? null;
      const count = (kind: OperationKind) => new Set(rows.filter((x) => x.data.op === kind && x.operationKey.includes(':staff-')).map((x) => x.operationKey)).size;
      const ops = plan({
        r,
        held: pos.held.amountMinor,
        refundable: refundableIntents(rows),
        cardOnFile: pos.cardOnFile,
        paid: pos.totals.paidMinor,
        price: b.priceCents,
        holdIntent,
        tag: (kind) => `staff-${count(kind) + 1}`,
      });
      await planOperations(r.payments, bp, ops);
    });
    await runPendingOperations(deps, p.tenantId, bookingId);
    return detail(p.tenantId, bookingId);
  }
  const staff = (p: Principal) => (p.kind === 'api_key' ? `api_key:${p.keyId}` : `user:${p.userId}`);

  return {
    holdMinutes: deps.holdMinutes,

    /** Booking hook: a pending_payment booking exists; schedule its expiry, prepare its intent. */
    async opened(tenantId: string, bookingId: string): Promise<PaymentView | null> {
      await deps.queue.enqueue(PAYMENT_EXPIRE_JOB, { tenantId, bookingId }, { jobId: `hold-${bookingId}`, delayMs: deps.holdMinutes * 60_000 + 1_000 });
      try {
        return await preparePayment(deps, tenantId, bookingId);
      } catch (err) {
        // The booking and its hold stand; the booking app prepares again through the manage link.
        deps.warn('preparing a payment failed; the customer can retry', { bookingId, err: String(err) });
        return null;
      }
    },
    async afterChange(tenantId: string, bookingId: string) {
      await runPendingOperations(deps, tenantId, bookingId).catch((err: unknown) =>
        deps.warn('payment operations failed; the sweeper retries them', { bookingId, err: String(err) }),
      );
      await voidIntent(deps, tenantId, bookingId).catch(() => undefined);
    },

    checkout: async (token: string) => {
      const ref = await byToken(token);
      return preparePayment(deps, ref.tenantId, ref.bookingId);
    },
    confirm: async (token: string) => {
      const ref = await byToken(token);
      await syncPayment(deps, ref.tenantId, ref.bookingId);
      return paymentView(deps, ref.tenantId, ref.bookingId);
    },
    payWithCard: async (token: string, card: TestCard) => {
      const l = local();
      const ref = await byToken(token);
      const v = await preparePayment(deps, ref.tenantId, ref.bookingId);
      if (v.booking.status !== 'pending_payment' || !v.payment.intentId)
        throw new AppError('unprocessable', 'Nothing is left to pay for this booking', { reason: 'nothing_to_pay', status: v.booking.status });
      await l.confirm(v.payment.intentId, card).catch(refusal);
      await syncPayment(deps, ref.tenantId, ref.bookingId);
      return declinedOrView(await paymentView(deps, ref.tenantId, ref.bookingId));
    },
    authenticate: async (token: string, approve: boolean) => {
      const l = local();
      const ref = await byToken(token);
      const v = await paymentView(deps, ref.tenantId, ref.bookingId);
      if (!v.payment.intentId) throw new AppError('unprocessable', 'Nothing is waiting for authentication', { reason: 'nothing_to_pay' });
      await l.authenticate(v.payment.intentId, approve).catch(refusal);
      await syncPayment(deps, ref.tenantId, ref.bookingId);
      return declinedOrView(await paymentView(deps, ref.tenantId, ref.bookingId));
    },

    detail: (p: Principal, bookingId: string) => detail(p.tenantId, bookingId),
    capture: (p: Principal, bookingId: string, amount?: number) =>
      staffAction(p, bookingId, (c) => {
        if (c.held === 0 || !c.holdIntent) throw new AppError('unprocessable', 'There is no card hold to capture', { reason: 'nothing_held' });
        const amt = amount ?? c.held;
        if (amt > c.held) throw new AppError('unprocessable', `At most ${c.held} can be captured`, { reason: 'exceeds_hold', held: c.held });
        return [{ kind: 'capture', amountMinor: amt, intentId: c.holdIntent, reason: 'staff_capture', actor: staff(p), tag: c.tag('capture') }];
      }),
    release: (p: Principal, bookingId: string) =>
      staffAction(p, bookingId, (c) => {
        if (c.held === 0 || !c.holdIntent) throw new AppError('unprocessable', 'There is no card hold to release', { reason: 'nothing_held' });
        return [{ kind: 'release', amountMinor: c.held, intentId: c.holdIntent, reason: 'staff_release', actor: staff(p), tag: c.tag('release') }];
      }),
    refund: (p: Principal, bookingId: string, amount: number, reason: string) =>
      staffAction(p, bookingId, (c) => {
        const total = c.refundable.reduce((s, x) => s + x.refundableMinor, 0);
        if (amount > total) throw new AppError('unprocessable', `At most ${total} can be refunded`, { reason: 'exceeds_refundable', refundable: total });
        const ops: PlannedOperation[] = [];
        let left = amount;
        const tag = c.tag('refund');
        for (const x of c.refundable) {
          if (left <= 0) break;
          const a = Math.min(left, x.refundableMinor);
          ops.push({ kind: 'refund', amountMinor: a, intentId: x.intentId, reason, actor: staff(p), tag: `${tag}-${x.intentId}` });
          left -= a;
        }
        return ops;
      }),
    chargeFee: (p: Principal, bookingId: string, amount: number, reason: string) =>
      staffAction(p, bookingId, (c) => {
        // Never more than the price: what was kept plus this fee stays within it.
        if (amount > c.price - c.paid)
          throw new AppError('unprocessable', `At most ${Math.max(0, c.price - c.paid)} more can be charged for this booking`, { reason: 'exceeds_price' });
        if (c.held >= amount && c.holdIntent)
          return [{ kind: 'capture', amountMinor: amount, intentId: c.holdIntent, reason, actor: staff(p), tag: c.tag('capture') }];
        if (!c.cardOnFile) throw new AppError('unprocessable', 'No card hold or saved card to charge', { reason: 'no_card_on_file' });
        return [{ kind: 'charge', amountMinor: amount, intentId: null, reason, actor: staff(p), tag: c.tag('charge') }];
      }),

    ledger: (p: Principal, f: LedgerFilter) => uow.run(p.tenantId, (r) => r.payments.list(f)),
    revenue: (p: Principal, from: Date, to: Date) => uow.run(p.tenantId, (r) => r.payments.collectedRevenue(from, to)),
    settings: (p: Principal) => uow.run(p.tenantId, (r) => settingsView(r)),
    updateSettings: (p: Principal, patch: Pick<TenantPaymentSettingsRecord, 'publishableKey'>) =>
      uow.run(p.tenantId, async (r) => {
        await r.payments.saveSettings({ publishableKey: patch.publishableKey });
        return settingsView(r);
      }),
    gatewayName: gateway.name,

    /** Payment badges of a page of bookings (one query per table). */
    badges: (tenantId: string, bookingIds: string[]) =>
      uow.run(tenantId, async (r) => {
        const bps = await r.payments.bookingPayments(bookingIds);
        if (bps.length === 0) return new Map<string, { state: string; paid: number; due: number; refunded: number; currency: string }>();
        const rows = await r.payments.ledgers(bps.map((b) => b.bookingId));
        return new Map(
          bps.map((bp) => {
            const t = positionOf(bp, rows.filter((x) => x.bookingId === bp.bookingId)).totals;
            return [bp.bookingId, { state: bp.state, paid: t.paidMinor, due: Math.max(0, bp.amountDueMinor - t.collectedMinor), refunded: t.refundedMinor, currency: bp.currency }];
          }),
        );
      }),

    /** Jobs. */
    expire: (tenantId: string, bookingId: string) => expireHold(deps, tenantId, bookingId),
    voidIntent: (tenantId: string, bookingId: string) => voidIntent(deps, tenantId, bookingId),
    /** Holds past their expiry whose job was lost, and operations a crash left pending. */
    async sweep() {
      for (const h of await deps.sweep.expiredHolds(50)) await expireHold(deps, h.tenantId, h.bookingId);
      for (const o of await deps.sweep.unfinishedOperations(30_000, 50)) await runPendingOperations(deps, o.tenantId, o.bookingId);
    },
  };
}
export type PaymentService = ReturnType<typeof paymentService>;

/** The settings page: the publishable key and the connected account (stripe_connect_accounts), one transaction. */
async function settingsView(r: TenantRepositories): Promise<PaymentSettingsView> {
  const settings = await r.payments.settings();
  const account = await r.billing.connectAccount();
  return { ...settings, stripeAccountId: account?.accountId ?? null, chargesEnabled: account?.chargesEnabled ?? false };
}
