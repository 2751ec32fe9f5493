import { z } from 'zod';
import { instantSchema, idSchema, text } from './primitives';
import { paymentModeSchema, paymentPolicySchema } from './payment-policy';

export const BOOKING_PAYMENT_STATES = [
  'awaiting_payment',
  'action_required',
  'failed',
  'authorized',
  'paid',
  'card_saved',
  'settled',
  'voided',
] as const;
export const bookingPaymentStateSchema = z
  .enum(BOOKING_PAYMENT_STATES)
  .describe(
    'awaiting_payment: not paid yet; action_required: the bank asks the customer to authenticate (pay link); failed: last attempt declined; authorized: a card hold is in place; paid: captured; card_saved: card on file for later fees; settled: cancellation or no-show settled; voided: expired or cancelled unpaid',
  );

/** Amounts are integer minor units of `currency`, all derived from the payments ledger. */
export const paymentSummarySchema = z.object({
  state: bookingPaymentStateSchema,
  mode: paymentModeSchema,
  currency: text(),
  amountDue: z.number().int().describe('Asked at booking (deposit, price, or the card hold)'),
  paid: z.number().int().describe('Collected minus refunded'),
  collected: z.number().int().describe('Captured plus fees charged'),
  refunded: z.number().int(),
  held: z.number().int().describe('Authorised on a card hold, not captured yet'),
  inFlight: z.number().int().describe('Operations sent to the payment provider without an outcome yet'),
  holdExpiresAt: instantSchema.nullable().describe('pending_payment: when the slot is released if unpaid'),
  lastError: text().nullable(),
  policy: paymentPolicySchema,
});
export type PaymentSummary = z.infer<typeof paymentSummarySchema>;

export const paymentCheckoutSchema = paymentSummarySchema.extend({
  clientMode: z
    .enum(['stripe', 'local'])
    .describe('stripe: confirm with Stripe.js / Payment Element; local: the local test-card form'),
  intentKind: z.enum(['payment', 'setup']).nullable(),
  clientSecret: text().nullable().describe('For Stripe.js; null once nothing is left to pay'),
  publishableKey: text().nullable(),
  bookingStatus: text(),
});
export type PaymentCheckout = z.infer<typeof paymentCheckoutSchema>;

export const LEDGER_ENTRY_KINDS = ['authorized', 'captured', 'released', 'refunded', 'fee', 'dispute'] as const;
export const ledgerEntrySchema = z.object({
  id: idSchema,
  bookingId: idSchema,
  booking: z.object({ code: text(), customerName: text(), serviceName: text() }),
  entry: z.enum(LEDGER_ENTRY_KINDS),
  phase: z.enum(['pending', 'succeeded', 'failed']).describe('pending: asked of the provider, outcome not known yet'),
  amount: z.number().int().describe('Minor units'),
  currency: text(),
  operationKey: text().describe('Deterministic idempotency key of the operation (also sent to Stripe)'),
  gatewayRef: text().nullable(),
  reason: text().nullable(),
  actor: text(),
  createdAt: instantSchema,
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const PAYMENT_ACTIONS = ['capture', 'release', 'refund', 'charge_fee'] as const;
export const bookingPaymentDetailSchema = paymentSummarySchema.extend({
  bookingId: idSchema,
  intentId: text().nullable(),
  connected: z.boolean().describe('A Stripe Connect destination charge'),
  refundable: z.number().int(),
  cardOnFile: z.boolean(),
  allowedActions: z.array(z.enum(PAYMENT_ACTIONS)),
  ledger: z.array(ledgerEntrySchema).describe('Oldest first'),
});
export type BookingPaymentDetail = z.infer<typeof bookingPaymentDetailSchema>;

export const bookingPaymentBadgeSchema = z
  .object({ state: bookingPaymentStateSchema, paid: z.number().int(), due: z.number().int(), refunded: z.number().int(), currency: text() })
  .describe('Payment at a glance (bookings that take a payment only)');
