import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { idSchema, instantSchema, moneySchema, text } from '../common/primitives';
import { bookingSchema } from './bookings';
import { bookingParticipantsSchema } from './resources';
import { paymentSummarySchema } from '../common/payments';
import { cancellationPolicySchema } from './tenant';

/** The secret of a manage link: base64url. Anything else is simply an unknown link (404). */
const tokenParams = z.object({
  token: text().regex(/^[A-Za-z0-9_-]{20,128}$/, 'Not a manage link token'),
});

export const manageBookingSchema = z.object({
  booking: bookingSchema,
  // The shared schema itself (a $ref, `BookingParticipants` in the SDK), as in the booking detail.
  participants: bookingParticipantsSchema,
  tenant: z.object({
    slug: text(),
    name: text(),
    timeZone: text(),
    email: text().nullable(),
    phone: text().nullable(),
    address: text().nullable(),
  }),
  policy: cancellationPolicySchema,
  cancellation: z
    .object({
      allowed: z.boolean(),
      reason: z.enum(['booking_started', 'not_cancellable']).nullable(),
      late: z.boolean().describe('Inside the late-cancellation window'),
      fee: moneySchema,
      refund: moneySchema,
      retained: moneySchema.describe('Kept from the deposit'),
      outstanding: moneySchema.describe('Part of the fee the deposit does not cover'),
    })
    .describe('What cancelling now would cost'),
  reschedule: z.object({
    allowed: z.boolean(),
    reason: z.enum(['reschedule_disabled', 'past_cutoff', 'not_reschedulable']).nullable(),
  }),
  payment: paymentSummarySchema
    .extend({ noShowFee: moneySchema })
    .nullable()
    .optional()
    .describe('Bookings that take a payment: what was paid, and the service\u2019s payment policy (its cancellation tiers set `cancellation`)'),
});
export type ManageBooking = z.infer<typeof manageBookingSchema>;

const manageMeta = meta({ auth: 'none', rateLimit: 'auth', tags: ['Public'] });

export const manageContract = c.router(
  {
    get: {
      method: 'GET',
      path: '/v1/public/bookings/:token',
      summary: 'The booking behind a manage link, with what cancelling or rescheduling now implies',
      pathParams: tokenParams,
      responses: { 200: manageBookingSchema },
      metadata: manageMeta,
    },
    cancel: {
      method: 'POST',
      path: '/v1/public/bookings/:token/cancel',
      summary: 'Cancel as the customer; the business\u2019s cancellation policy applies',
      pathParams: tokenParams,
      body: z.object({ reason: text().trim().max(500).optional() }).strict(),
      responses: { 200: manageBookingSchema },
      metadata: manageMeta,
    },
    reschedule: {
      method: 'POST',
      path: '/v1/public/bookings/:token/reschedule',
      summary: 'Move the booking to another free slot (atomically; same booking, same link)',
      pathParams: tokenParams,
      body: z
        .object({
          start: instantSchema,
          providerId: idSchema
            .optional()
            .describe('Another provider of the service; the current one when omitted'),
        })
        .strict(),
      responses: { 200: manageBookingSchema },
      metadata: manageMeta,
    },
    calendar: {
      method: 'GET',
      path: '/v1/public/bookings/:token/calendar.ics',
      summary:
        'The booking as an iCalendar invite (stable UID; cancelled bookings give METHOD:CANCEL)',
      pathParams: tokenParams,
      responses: {
        200: c.otherResponse({ contentType: 'text/calendar; charset=utf-8', body: text() }),
      },
      metadata: manageMeta,
    },
  },
  { commonResponses: errorResponses },
);
