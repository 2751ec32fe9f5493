import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorBodySchema, errorResponses } from '../common/errors';
import { pageSchema, paginationQuerySchema } from '../common/pagination';
import { idSchema, instantSchema, text } from '../common/primitives';
import {
  bookingPaymentDetailSchema,
  LEDGER_ENTRY_KINDS,
  ledgerEntrySchema,
  paymentCheckoutSchema,
} from '../common/payments';

const tags = ['Payments'];
const idParams = z.object({ id: idSchema });
const tokenParams = z.object({
  token: text().regex(/^[A-Za-z0-9_-]{20,128}$/, 'Not a manage link token'),
});
const positiveAmount = z.number().int().min(1).max(100_000_000).describe('Minor units');
const reason = text().trim().min(1).max(500);

export const ledgerQuerySchema = paginationQuerySchema.extend({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  entry: z.enum(LEDGER_ENTRY_KINDS).optional(),
  phase: z.enum(['pending', 'succeeded', 'failed']).optional(),
  bookingId: idSchema.optional(),
});

export const collectedRevenueSchema = z.object({
  items: z.array(
    z.object({ currency: text(), collected: z.number().int(), refunded: z.number().int(), net: z.number().int() }),
  ),
});

export const paymentSettingsSchema = z.object({
  stripeAccountId: text().nullable().describe('Connected account (set by Connect onboarding)'),
  chargesEnabled: z.boolean(),
  publishableKey: text().nullable(),
  gateway: z.enum(['stripe', 'local']),
});

export const paymentsContract = c.router(
  {
    ledger: {
      method: 'GET',
      path: '/v1/admin/payments',
      summary: 'The payments ledger, newest first (append-only: every money movement and its outcome)',
      query: ledgerQuerySchema,
      responses: { 200: pageSchema(ledgerEntrySchema) },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'read', tags }),
    },
    revenue: {
      method: 'GET',
      path: '/v1/admin/payments/revenue',
      summary: 'Money collected and refunded in a period, from the ledger, per currency',
      query: z.object({ from: instantSchema, to: instantSchema }),
      responses: { 200: collectedRevenueSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'read', tags }),
    },
    settings: {
      method: 'GET',
      path: '/v1/admin/payment-settings',
      summary: 'The business\u2019s payment settings',
      responses: { 200: paymentSettingsSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'read', tags }),
    },
    updateSettings: {
      method: 'PATCH',
      path: '/v1/admin/payment-settings',
      summary: 'Set the Stripe publishable key the booking app uses',
      body: z
        .object({
          publishableKey: text()
            .regex(/^pk_(test|live)_[A-Za-z0-9_]{1,200}$/, 'Expected a publishable key, pk_test_… or pk_live_…')
            .nullable(),
        })
        .strict(),
      responses: { 200: paymentSettingsSchema },
      metadata: meta({ auth: 'member', minRole: 'owner', scope: 'write', tags }),
    },
    booking: {
      method: 'GET',
      path: '/v1/admin/bookings/:id/payment',
      summary: 'A booking\u2019s payment: amounts from the ledger, its timeline, the actions possible',
      pathParams: idParams,
      responses: { 200: bookingPaymentDetailSchema },
      metadata: meta({ auth: 'member', minRole: 'staff', scope: 'read', tags }),
    },
    capture: {
      method: 'POST',
      path: '/v1/admin/bookings/:id/payment/capture',
      summary: 'Capture the card hold (all of it, or `amount`); the rest is released',
      pathParams: idParams,
      body: z.object({ amount: positiveAmount.optional() }).strict(),
      responses: { 200: bookingPaymentDetailSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    release: {
      method: 'POST',
      path: '/v1/admin/bookings/:id/payment/release',
      summary: 'Release the card hold without charging',
      pathParams: idParams,
      body: z.object({}).strict(),
      responses: { 200: bookingPaymentDetailSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    refund: {
      method: 'POST',
      path: '/v1/admin/bookings/:id/payment/refund',
      summary: 'Refund fully or partly (at most what was paid and not refunded yet), with a reason',
      pathParams: idParams,
      body: z.object({ amount: positiveAmount, reason }).strict(),
      responses: { 200: bookingPaymentDetailSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    chargeFee: {
      method: 'POST',
      path: '/v1/admin/bookings/:id/payment/charge-fee',
      summary: 'Charge a fee: from the card hold when there is one, else off-session to the saved card',
      pathParams: idParams,
      body: z.object({ amount: positiveAmount, reason }).strict(),
      responses: { 200: bookingPaymentDetailSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
  },
  { commonResponses: errorResponses },
);

const manageMeta = meta({ auth: 'none', rateLimit: 'auth', tags: ['Public'] });
/** The local card form's routes answer 402 `card_declined` when the card is declined. */
const cardMeta = meta({ auth: 'none', rateLimit: 'auth', tags: ['Public'], errors: [402] });

export const localCardSchema = z
  .object({
    number: text().regex(/^[0-9 -]{12,23}$/, 'Card number: 12 to 19 digits'),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvc: text().regex(/^[0-9]{3,4}$/, '3 or 4 digits'),
  })
  .strict()
  .describe('Test card for the local payment gateway (never a real card: the local gateway moves no money)');

export const publicPaymentsContract = c.router(
  {
    get: {
      method: 'GET',
      path: '/v1/public/bookings/:token/payment',
      summary: 'What the customer pays for this booking, and what the card form needs',
      pathParams: tokenParams,
      responses: { 200: paymentCheckoutSchema },
      metadata: manageMeta,
    },
    confirm: {
      method: 'POST',
      path: '/v1/public/bookings/:token/payment/confirm',
      summary: 'After Stripe.js confirmed the payment: re-read it from Stripe and confirm the booking',
      pathParams: tokenParams,
      body: z.object({}).strict(),
      responses: { 200: paymentCheckoutSchema },
      metadata: manageMeta,
    },
    card: {
      method: 'POST',
      path: '/v1/public/bookings/:token/payment/card',
      summary: 'Local gateway only: pay with a test card (4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0025 0000 3155 asks for authentication)',
      pathParams: tokenParams,
      body: localCardSchema,
      responses: { 200: paymentCheckoutSchema, 402: errorBodySchema },
      metadata: cardMeta,
    },
    authenticate: {
      method: 'POST',
      path: '/v1/public/bookings/:token/payment/authenticate',
      summary: 'Local gateway only: complete (or refuse) the authentication the card asked for',
      pathParams: tokenParams,
      body: z.object({ approve: z.boolean() }).strict(),
      responses: { 200: paymentCheckoutSchema, 402: errorBodySchema },
      metadata: cardMeta,
    },
  },
  { commonResponses: errorResponses },
);
