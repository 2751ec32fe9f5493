/**
 * POST /v1/webhooks/stripe: verify, deduplicate, dispatch. The dispatch table is keyed by event
 * type; payments registers its handlers here and other modules (Connect onboarding's
 * account.updated, billing's customer.subscription.*) register theirs with `register` at the
 * composition root. Handlers never trust the event's copy of the object: they re-fetch it (events
 * arrive twice, late and out of order), so applying an old event applies the current state.
 */
import { WebhookPayloadError, WebhookSignatureError, type GatewayEvent, type PaymentGateway } from '../../ports/payment-gateway';
import type { ProcessedEvents } from '../../ports/payments';
import { AppError } from '../errors';
import { applyIntent } from './checkout';
import type { PaymentDeps } from './deps';
import { runPendingOperations } from './operations';
import { refundableIntents } from './position';

export type StripeEventHandler = (event: GatewayEvent) => Promise<void>;

export interface StripeWebhooks {
  /** Adds handlers; a type registered twice is a wiring mistake and throws at start-up. */
  register(handlers: Record<string, StripeEventHandler>): void;
  /** Handles one delivery; answers what the HTTP layer returns (a duplicate is a 200 too). */
  receive(rawBody: Buffer, signature: string | undefined): Promise<{ id: string; type: string; duplicate: boolean; handled: boolean }>;
  types(): string[];
}

export function stripeWebhooks(deps: { gateway: PaymentGateway; events: ProcessedEvents; warn?: (msg: string, data: Record<string, unknown>) => void }): StripeWebhooks {
  const table = new Map<string, StripeEventHandler>();
  return {
    register(handlers) {
      for (const [type, h] of Object.entries(handlers)) {
        if (table.has(type)) throw new Error(`A Stripe handler for ${type} is already registered`);
        table.set(type, h);
      }
    },
    types: () => [...table.keys()].sort(),
    async receive(rawBody, signature) {
      let event: GatewayEvent;
      try {
        event = deps.gateway.parseWebhook(rawBody, signature);
      } catch (err) {
        if (err instanceof WebhookSignatureError) throw new AppError('invalid_signature', `Webhook refused: ${err.message}`);
        if (err instanceof WebhookPayloadError) throw new AppError('bad_request', err.message);
        throw err;
      }
      if (!(await deps.events.claim({ id: event.id, type: event.type, account: event.account })))
        return { id: event.id, type: event.type, duplicate: true, handled: false };
      const handler = table.get(event.type);
      try {
        if (handler) await handler(event);
        await deps.events.markProcessed(event.id);
      } catch (err) {
        // Not processed: Stripe retries the delivery, and the retry must not look like a duplicate.
        await deps.events.release(event.id).catch(() => undefined);
        deps.warn?.('stripe event handling failed; Stripe will retry', { eventId: event.id, type: event.type, err: String(err) });
        // 503, never a 500: a transient failure (Stripe or the database down) that Stripe retries.
        throw new AppError('service_unavailable', 'The event could not be handled now; retry later');
      }
      return { id: event.id, type: event.type, duplicate: false, handled: !!handler };
    },
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The payment events: each re-fetches its object and applies the current state. */
export function paymentEventHandlers(deps: PaymentDeps): Record<string, StripeEventHandler> {
  const { gateway, uow } = deps;
  const onIntent: StripeEventHandler = async (e) => {
    const pi = await gateway.retrievePaymentIntent(e.objectId);
    const tenantId = pi.metadata.tenant_id;
    const bookingId = pi.metadata.booking_id;
    if (!tenantId || !bookingId) return; // not one of ours
    await applyIntent(deps, tenantId, bookingId, { kind: 'payment', pi });
  };
  const onSetup: StripeEventHandler = async (e) => {
    const si = await gateway.retrieveSetupIntent(e.objectId);
    if (!si.metadata.tenant_id || !si.metadata.booking_id) return;
    await applyIntent(deps, si.metadata.tenant_id, si.metadata.booking_id, { kind: 'setup', si });
  };
  /** A refund made outside Slotwise (the Stripe dashboard) is recorded so the ledger matches Stripe. */
  const onRefunded: StripeEventHandler = async (e) => {
    const intentId = str(e.object.payment_intent);
    if (!intentId) return;
    const pi = await gateway.retrievePaymentIntent(intentId);
    const { tenant_id: tenantId, booking_id: bookingId } = pi.metadata;
    if (!tenantId || !bookingId) return;
    await uow.run(tenantId, async (r) => {
      const bp = await r.payments.bookingPayment(bookingId, { lock: true });
      if (!bp) return;
      const rows = await r.payments.ledger(bookingId);
      const inLedger = rows
        .filter((x) => x.entry === 'refunded' && x.phase !== 'failed' && x.data.intentId === pi.id)
        .filter((x) => x.phase === 'succeeded' || !rows.some((o) => o.operationKey === x.operationKey && o.phase !== 'pending'))
        .reduce((s, x) => s + x.amountMinor, 0);
      const missing = pi.refundedMinor - inLedger;
      if (missing <= 0) return;
      // Keyed by the intent's refunded total: the same event twice writes one row.
      await r.payments.append([
        { bookingId, entry: 'refunded', phase: 'succeeded', amountMinor: Math.min(missing, refundableIntents(rows).find((x) => x.intentId === pi.id)?.refundableMinor ?? missing), currency: bp.currency, operationKey: `${pi.id}:refunded-to:${pi.refundedMinor}`, gateway: bp.gateway, gatewayRef: pi.id, reason: 'refunded_in_stripe', actor: 'stripe', data: { intentId: pi.id } },
      ]);
    });
  };
  const onDispute: StripeEventHandler = async (e) => {
    const intentId = str(e.object.payment_intent);
    if (!intentId) return;
    const pi = await gateway.retrievePaymentIntent(intentId);
    const { tenant_id: tenantId, booking_id: bookingId } = pi.metadata;
    if (!tenantId || !bookingId) return;
    const amount = Math.min(typeof e.object.amount === 'number' ? e.object.amount : pi.receivedMinor, pi.receivedMinor);
    await uow.run(tenantId, async (r) => {
      const bp = await r.payments.bookingPayment(bookingId);
      if (!bp) return;
      await r.payments.append([
        { bookingId, entry: 'dispute', phase: 'succeeded', amountMinor: amount, currency: bp.currency, operationKey: `${e.objectId}:dispute`, gateway: bp.gateway, gatewayRef: e.objectId, reason: str(e.object.reason), actor: 'stripe', data: { intentId: pi.id } },
      ]);
    });
    await runPendingOperations(deps, tenantId, bookingId);
  };
  return {
    'payment_intent.succeeded': onIntent,
    'payment_intent.amount_capturable_updated': onIntent,
    'payment_intent.payment_failed': onIntent,
    'payment_intent.canceled': onIntent,
    'payment_intent.requires_action': onIntent,
    'setup_intent.succeeded': onSetup,
    'setup_intent.setup_failed': onSetup,
    'charge.refunded': onRefunded,
    'charge.dispute.created': onDispute,
  };
}
