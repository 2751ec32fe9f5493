import Stripe from 'stripe';
import {
  GatewayRefusal,
  GatewayUnavailable,
  WebhookPayloadError,
  WebhookSignatureError,
  type GatewayError,
  type GatewayPaymentIntent,
  type GatewayRefund,
  type GatewaySetupIntent,
  type IntentStatus,
  type PaymentGateway,
} from '../../ports/payment-gateway';

export interface StripeGatewayOptions {
  /** The platform's client (platform-client.ts), shared with Connect and Billing. */
  stripe: Stripe;
  webhookSecret: string | undefined;
  /** Seconds a webhook signature stays valid (replay protection). */
  webhookToleranceSeconds: number;
}

const errorOf = (e: { code?: string | null; decline_code?: string | null; message?: string | null } | null | undefined): GatewayError | null =>
  e ? { code: e.code ?? 'unknown', declineCode: e.decline_code ?? null, message: e.message ?? '' } : null;
const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

function intentOf(pi: Stripe.PaymentIntent): GatewayPaymentIntent {
  const charge = typeof pi.latest_charge === 'object' && pi.latest_charge ? pi.latest_charge : null;
  return {
    id: pi.id,
    status: pi.status as IntentStatus,
    amountMinor: pi.amount,
    capturableMinor: pi.amount_capturable ?? 0,
    receivedMinor: pi.amount_received ?? 0,
    currency: pi.currency.toUpperCase(),
    captureMethod: pi.capture_method === 'manual' ? 'manual' : 'automatic',
    clientSecret: pi.client_secret ?? null,
    paymentMethod: idOf(pi.payment_method),
    customer: idOf(pi.customer),
    metadata: { ...(pi.metadata ?? {}) },
    lastError: errorOf(pi.last_payment_error),
    refundedMinor: charge?.amount_refunded ?? 0,
  };
}

function setupOf(s: Stripe.SetupIntent): GatewaySetupIntent {
  return {
    id: s.id,
    status: s.status as IntentStatus,
    clientSecret: s.client_secret ?? null,
    paymentMethod: idOf(s.payment_method),
    customer: idOf(s.customer),
    metadata: { ...(s.metadata ?? {}) },
    lastError: errorOf(s.last_setup_error),
  };
}

/** Stripe through its official SDK. Connection failures and 5xx become GatewayUnavailable (retried later). */
export function stripePaymentGateway(opts: StripeGatewayOptions): PaymentGateway {
  const { stripe } = opts;

  async function call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof Stripe.errors.StripeConnectionError || err instanceof Stripe.errors.StripeAPIError || err instanceof Stripe.errors.StripeRateLimitError)
        throw new GatewayUnavailable(err.message);
      if (err instanceof Stripe.errors.StripeIdempotencyError) throw new GatewayRefusal('invalid_request', err.message);
      if (err instanceof Stripe.errors.StripeInvalidRequestError)
        throw new GatewayRefusal(err.code === 'resource_missing' ? 'unknown_intent' : 'invalid_state', err.message);
      if (err instanceof Stripe.errors.StripeError && (err.statusCode ?? 500) >= 500) throw new GatewayUnavailable(err.message);
      throw err;
    }
  }
  const retrieveIntent = (id: string) =>
    call(() => stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] })).then(intentOf);

  return {
    name: 'stripe',
    clientMode: 'stripe',
    async createCustomer(p) {
      const c = await call(() =>
        stripe.customers.create({ name: p.name, email: p.email ?? undefined, metadata: p.metadata }, { idempotencyKey: p.idempotencyKey }),
      );
      return c.id;
    },
    async createPaymentIntent(p) {
      const params: Stripe.PaymentIntentCreateParams = {
        amount: p.amountMinor,
        currency: p.currency.toLowerCase(),
        capture_method: p.captureMethod,
        customer: p.customer ?? undefined,
        metadata: p.metadata,
        description: p.description,
        ...(p.connect
          ? { transfer_data: { destination: p.connect.destination }, application_fee_amount: p.connect.applicationFeeMinor }
          : {}),
        ...(p.offSession
          ? { payment_method: p.offSession.paymentMethod, off_session: true, confirm: true }
          : { automatic_payment_methods: { enabled: true } }),
      };
      try {
        return intentOf(await stripe.paymentIntents.create(params, { idempotencyKey: p.idempotencyKey }));
      } catch (err) {
        // An off-session charge the bank refuses or wants authenticated still creates the intent:
        // it comes back inside the card error, with the reason in last_payment_error.
        if (err instanceof Stripe.errors.StripeCardError) {
          const raw = (err.raw as { payment_intent?: { id?: string } } | undefined)?.payment_intent;
          if (raw?.id) return retrieveIntent(raw.id);
        }
        return call(() => Promise.reject(err));
      }
    },
    retrievePaymentIntent: retrieveIntent,
    async capturePaymentIntent(id, p) {
      const pi = await call(() =>
        stripe.paymentIntents.capture(
          id,
          { amount_to_capture: p.amountMinor, ...(p.applicationFeeMinor !== null ? { application_fee_amount: p.applicationFeeMinor } : {}) },
          { idempotencyKey: p.idempotencyKey },
        ),
      );
      return intentOf(pi);
    },
    async cancelPaymentIntent(id, p) {
      return intentOf(await call(() => stripe.paymentIntents.cancel(id, {}, { idempotencyKey: p.idempotencyKey })));
    },
    async createSetupIntent(p) {
      const s = await call(() =>
        stripe.setupIntents.create(
          { customer: p.customer, usage: 'off_session', metadata: p.metadata, automatic_payment_methods: { enabled: true } },
          { idempotencyKey: p.idempotencyKey },
        ),
      );
      return setupOf(s);
    },
    async retrieveSetupIntent(id) {
      return setupOf(await call(() => stripe.setupIntents.retrieve(id)));
    },
    async refund(p) {
      const r = await call(() =>
        stripe.refunds.create(
          { payment_intent: p.paymentIntent, amount: p.amountMinor, metadata: p.metadata, ...(p.reverseTransfer ? { reverse_transfer: true } : {}) },
          { idempotencyKey: p.idempotencyKey },
        ),
      );
      return {
        id: r.id,
        amountMinor: r.amount,
        status: (r.status ?? 'pending') as GatewayRefund['status'],
        paymentIntent: idOf(r.payment_intent),
      };
    },
    parseWebhook(rawBody, signature) {
      if (!opts.webhookSecret) throw new WebhookSignatureError('STRIPE_WEBHOOK_SECRET is not configured');
      if (!signature) throw new WebhookSignatureError('Missing Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, opts.webhookSecret, opts.webhookToleranceSeconds);
      } catch (err) {
        throw new WebhookSignatureError(err instanceof Error ? err.message : 'Invalid signature');
      }
      const object = (event.data as { object?: unknown } | undefined)?.object as Record<string, unknown> | undefined;
      if (typeof event.id !== 'string' || typeof event.type !== 'string' || !object || typeof object !== 'object' || typeof object.id !== 'string')
        throw new WebhookPayloadError('The body is not a Stripe event with an object');
      return {
        id: event.id,
        type: event.type,
        account: event.account ?? null,
        objectId: object.id,
        object,
      };
    },
  };
}
