/**
 * The payment provider, as the payment use cases need it (Stripe's model: PaymentIntents,
 * SetupIntents, refunds, signed webhook events). Adapters: adapters/payments-stripe (the official
 * SDK) and adapters/payments-local (in process, the embedded default; behaves like Stripe with
 * test cards). Every call that moves money takes an idempotency key: the same key returns the
 * first result, never a second movement.
 */

export type IntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

export interface GatewayError {
  code: string;
  declineCode: string | null;
  message: string;
}

export interface GatewayPaymentIntent {
  id: string;
  status: IntentStatus;
  amountMinor: number;
  /** Authorised and still capturable (manual capture). */
  capturableMinor: number;
  /** Captured. */
  receivedMinor: number;
  /** Upper case ISO 4217. */
  currency: string;
  captureMethod: 'automatic' | 'manual';
  clientSecret: string | null;
  paymentMethod: string | null;
  customer: string | null;
  metadata: Record<string, string>;
  lastError: GatewayError | null;
  /** Refunded so far on its charge. */
  refundedMinor: number;
}

export interface GatewaySetupIntent {
  id: string;
  status: IntentStatus;
  clientSecret: string | null;
  paymentMethod: string | null;
  customer: string | null;
  metadata: Record<string, string>;
  lastError: GatewayError | null;
}

export interface GatewayRefund {
  id: string;
  amountMinor: number;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled' | 'requires_action';
  paymentIntent: string | null;
}

/** Stripe Connect destination charge: the tenant's account gets the money, the platform its fee. */
export interface ConnectTarget {
  destination: string;
  applicationFeeMinor: number;
}

export interface GatewayEvent {
  id: string;
  type: string;
  /** The connected account the event is about (Connect events), else null. */
  account: string | null;
  /** The object's id (pi_…, seti_…, ch_…, dp_…, acct_…). */
  objectId: string;
  /** The object as sent; handlers re-fetch it before changing state (events arrive late and twice). */
  object: Record<string, unknown>;
}

/** A correctly signed body that is not a Stripe event with an object (400 bad_request, nothing changes). */
export class WebhookPayloadError extends Error {}

/** The signature of a webhook did not verify (forged, altered, too old): 400, nothing changes. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}

/** The gateway could not be reached or answered 5xx: the operation stays pending and is retried. */
export class GatewayUnavailable extends Error {
  override readonly name = 'GatewayUnavailable';
}

/** The gateway refused the request itself (bad card input, unknown intent, wrong state): a 4xx. */
export class GatewayRefusal extends Error {
  override readonly name = 'GatewayRefusal';
  constructor(
    readonly code: 'invalid_card' | 'unknown_intent' | 'invalid_state' | 'invalid_request',
    message: string,
  ) {
    super(message);
  }
}

export interface TestCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface PaymentGateway {
  readonly name: 'stripe' | 'local';
  /** Whether the booking app confirms with Stripe.js (stripe) or the local card form (local). */
  readonly clientMode: 'stripe' | 'local';
  createCustomer(p: { name: string; email: string | null; metadata: Record<string, string>; idempotencyKey: string }): Promise<string>;
  createPaymentIntent(p: {
    amountMinor: number;
    currency: string;
    captureMethod: 'automatic' | 'manual';
    customer: string | null;
    /** Charge a saved card now, without the customer (off-session). */
    offSession?: { paymentMethod: string } | null;
    metadata: Record<string, string>;
    connect: ConnectTarget | null;
    description?: string;
    idempotencyKey: string;
  }): Promise<GatewayPaymentIntent>;
  retrievePaymentIntent(id: string): Promise<GatewayPaymentIntent>;
  capturePaymentIntent(id: string, p: { amountMinor: number; applicationFeeMinor: number | null; idempotencyKey: string }): Promise<GatewayPaymentIntent>;
  cancelPaymentIntent(id: string, p: { idempotencyKey: string }): Promise<GatewayPaymentIntent>;
  createSetupIntent(p: { customer: string; metadata: Record<string, string>; idempotencyKey: string }): Promise<GatewaySetupIntent>;
  retrieveSetupIntent(id: string): Promise<GatewaySetupIntent>;
  refund(p: { paymentIntent: string; amountMinor: number; reverseTransfer: boolean; metadata: Record<string, string>; idempotencyKey: string }): Promise<GatewayRefund>;
  /** Verifies the signature over the raw body (with a timestamp tolerance) and parses the event. */
  parseWebhook(rawBody: Buffer, signature: string | undefined): GatewayEvent;
  /**
   * The local adapter's card form: confirms an intent with a test card as Stripe.js would
   * (4242… succeeds, 4000 0000 0000 0002 is declined, 4000 0025 0000 3155 requires authentication).
   */
  confirmWithTestCard?(intentId: string, card: TestCard): Promise<void>;
  /** The local adapter's stand-in for the 3-D Secure page. */
  completeAuthentication?(intentId: string, approve: boolean): Promise<void>;
}
