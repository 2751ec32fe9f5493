import { z } from 'zod';
import { bookingParticipantsSchema } from './resources';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { pageSchema, paginationQuerySchema } from '../common/pagination';
import { idSchema, instantSchema, localDateSchema, text } from '../common/primitives';
import { bookingPaymentBadgeSchema, paymentCheckoutSchema } from '../common/payments';
import { bookingLocationSchema } from './locations';
import {
  emailSchema,
  intakeAnswersSchema,
  intakeValueSchema,
  phoneSchema,
  timeZoneSchema,
} from '../common/fields';

export const BOOKING_STATUSES = [
  'pending',
  'pending_payment',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
] as const;
export const bookingStatusSchema = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

export const bookingActionSchema = z.enum([
  'approve',
  'decline',
  'confirm',
  'check_in',
  'complete',
  'cancel',
  'mark_no_show',
  'reschedule',
]);
export type BookingAction = z.infer<typeof bookingActionSchema>;

export const bookingSourceSchema = z.enum(['public', 'admin']);
export type BookingSource = z.infer<typeof bookingSourceSchema>;

export const bookingCustomerInputSchema = z
  .object({
    name: text().trim().min(1).max(120),
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    smsOptIn: z
      .boolean()
      .optional()
      .describe('The customer agrees to booking texts at `phone` (they can reply STOP at any time)'),
  })
  .strict()
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: 'Give an email address or a phone number',
    path: ['email'],
  })
  .refine((c) => !c.smsOptIn || c.phone !== undefined, {
    message: 'Give a phone number to receive texts',
    path: ['phone'],
  });

export const INTAKE_FIELD_TYPES = [
  'text',
  'textarea',
  'email',
  'phone',
  'number',
  'date',
  'select',
  'multiselect',
  'checkbox',
] as const;

export const intakeFieldSchema = z.object({
  key: text(),
  label: text(),
  type: z.enum(INTAKE_FIELD_TYPES),
  required: z.boolean(),
  options: z.array(text()).describe('Choices of select / multiselect fields'),
});

export const intakeAnswerSchema = z.object({
  key: text(),
  label: text(),
  value: intakeValueSchema,
});

/** `providerId`: a provider's id, or "any" / null / omitted to let Slotwise pick a free one. */
const providerChoiceSchema = z
  .union([idSchema, z.literal('any')])
  .nullable()
  .optional()
  .describe('A provider id, or "any" (also null or omitted) for the least busy free provider');

export const createBookingBodySchema = z
  .object({
    serviceId: idSchema,
    providerId: providerChoiceSchema,
    locationId: idSchema
      .optional()
      .describe(
        'The location the customer chose: the provider (or "any" provider) must work there; the booking records the provider\u2019s location either way',
      ),
    start: instantSchema.describe('Start of one of the slots from the availability route'),
    customer: bookingCustomerInputSchema,
    timeZone: timeZoneSchema.describe('The customer\u2019s zone, used in their emails and invite'),
    language: z
      .enum(['en', 'es', 'fr'])
      .optional()
      .describe('The customer\u2019s language for their emails; the business\u2019s when omitted'),
    notes: text().max(2000).default(''),
    answers: intakeAnswersSchema
      .default({})
      .describe('Intake answers by field key, validated against the service\u2019s intake fields'),
  })
  .strict();

export const adminCreateBookingBodySchema = createBookingBodySchema
  .extend({
    timeZone: timeZoneSchema
      .optional()
      .describe('The customer\u2019s zone; the business\u2019s when omitted'),
    overrideAvailability: z
      .boolean()
      .default(false)
      .describe('Book outside working hours, notice and horizon. Never over another booking.'),
    staffNotes: text().max(5000).default(''),
    recordPast: z
      .boolean()
      .default(false)
      .describe(
        'Required for a start in the past: records a visit that already happened (422 unprocessable, reason in_the_past, without it)',
      ),
  })
  .strict();

export const bookingSchema = z.object({
  id: idSchema,
  code: text().describe('8-character confirmation code, unique per business'),
  status: bookingStatusSchema,
  service: z.object({ id: idSchema, name: text(), durationMinutes: z.number().int() }),
  provider: z.object({ id: idSchema, name: text() }),
  customer: z.object({
    id: idSchema,
    name: text(),
    email: text().nullable(),
    phone: text().nullable(),
  }),
  start: instantSchema,
  end: instantSchema,
  timeZone: text().nullable().describe('The customer\u2019s zone; null when unknown'),
  seats: z.number().int(),
  priceCents: z.number().int(),
  depositCents: z.number().int(),
  currency: text(),
  notes: text().describe('What the customer wrote'),
  cancelReason: text().nullable(),
  cancelledAt: instantSchema.nullable(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Booking = z.infer<typeof bookingSchema>;

export const adminBookingSchema = bookingSchema.extend({
  staffNotes: text(),
  source: bookingSourceSchema,
  outsideAvailability: z
    .boolean()
    .describe('Booked by staff outside the provider\u2019s availability'),
  allowedActions: z
    .array(bookingActionSchema)
    .describe('Lifecycle actions legal from the current status'),
  payment: bookingPaymentBadgeSchema.nullable().optional(),
});
export type AdminBooking = z.infer<typeof adminBookingSchema>;

export const bookingEventSchema = z.object({
  id: idSchema,
  action: text(),
  fromStatus: bookingStatusSchema.nullable(),
  toStatus: bookingStatusSchema.nullable(),
  actor: z.object({
    type: text().describe('user, api_key, customer or system'),
    id: text().nullable(),
  }),
  reason: text().nullable(),
  data: z.record(z.unknown()),
  at: instantSchema,
});

export const bookingDetailSchema = adminBookingSchema.extend({
  participants: bookingParticipantsSchema.describe(
    'Every provider and resource the booking holds (team services hold several)',
  ),
  answers: z.array(intakeAnswerSchema),
  history: z.array(bookingEventSchema).describe('Oldest first'),
});

const manageLinkSchema = z.object({
  manageToken: text()
    .describe('Secret of the self-service link; returned only here, never again'),
  manageUrl: text().describe('Link where the customer can view, cancel or reschedule'),
});

export const createdBookingSchema = bookingSchema.merge(manageLinkSchema).extend({
  location: bookingLocationSchema.optional(),
  payment: paymentCheckoutSchema
    .nullable()
    .optional()
    .describe('pending_payment: what to pay and what the card form needs (also at GET /v1/public/bookings/{token}/payment)'),
});
export const adminCreatedBookingSchema = adminBookingSchema.merge(manageLinkSchema);

export const reasonBodySchema = z.object({ reason: text().trim().max(500).optional() }).strict();

/** Either an instant or a date (YYYY-MM-DD, a whole day in the business's zone). */
const instantOrDateSchema = z.union([instantSchema, localDateSchema]);

const statusListSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : v),
  z.array(bookingStatusSchema).min(1).max(BOOKING_STATUSES.length),
);

export const listBookingsQuerySchema = paginationQuerySchema.extend({
  from: instantOrDateSchema
    .optional()
    .describe('Bookings starting at or after this instant / on or after this date'),
  to: instantOrDateSchema
    .optional()
    .describe('Bookings starting before this instant / on or before this date'),
  status: statusListSchema
    .optional()
    .describe('One status, several comma-separated, or the parameter repeated'),
  providerId: idSchema.optional(),
  serviceId: idSchema.optional(),
  customerId: idSchema.optional(),
  code: text()
    .trim()
    .max(16)
    .optional()
    .describe('Confirmation code; case, spaces and dashes ignored'),
  q: text()
    .trim()
    .max(100)
    .optional()
    .describe(
      'Search: customer name or email containing it (any case), phone containing its digits, or the confirmation code',
    ),
  sort: z
    .enum(['start', '-start', 'created', '-created'])
    .optional()
    .describe('By appointment start or by when booked; "-" for latest first. Default -created'),
});

const idParams = z.object({ id: idSchema });
const staffWrite = meta({ auth: 'member', minRole: 'staff', scope: 'write', tags: ['Bookings'] });
const viewerRead = meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Bookings'] });

function lifecycleRoute(path: string, summary: string) {
  return {
    method: 'POST' as const,
    path: `/v1/admin/bookings/:id/${path}`,
    summary,
    pathParams: idParams,
    body: reasonBodySchema,
    responses: { 200: bookingDetailSchema },
    metadata: staffWrite,
  };
}

export const bookingsContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/bookings',
      summary: 'List bookings, newest first, with filters',
      query: listBookingsQuerySchema,
      responses: { 200: pageSchema(adminBookingSchema) },
      metadata: viewerRead,
    },
    create: {
      method: 'POST',
      path: '/v1/admin/bookings',
      summary:
        'Book on a customer\u2019s behalf (optionally outside availability, never over another booking)',
      body: adminCreateBookingBodySchema,
      responses: { 201: adminCreatedBookingSchema },
      metadata: { ...staffWrite, secrets: ['manageToken', 'manageUrl'], errors: [402] },
    },
    get: {
      method: 'GET',
      path: '/v1/admin/bookings/:id',
      summary: 'A booking with its intake answers and history',
      pathParams: idParams,
      responses: { 200: bookingDetailSchema },
      metadata: viewerRead,
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/bookings/:id',
      summary: 'Edit staff notes',
      pathParams: idParams,
      body: z.object({ staffNotes: text().max(5000) }).strict(),
      responses: { 200: bookingDetailSchema },
      metadata: staffWrite,
    },
    approve: lifecycleRoute('approve', 'Accept a pending request (pending \u2192 confirmed)'),
    decline: lifecycleRoute(
      'decline',
      'Turn down a pending request; a reason is required (pending \u2192 cancelled)',
    ),
    confirm: lifecycleRoute(
      'confirm',
      'Confirm a pending booking, e.g. once its deposit is paid (pending \u2192 confirmed)',
    ),
    checkIn: lifecycleRoute('check-in', 'The customer has arrived (confirmed \u2192 checked_in)'),
    complete: lifecycleRoute(
      'complete',
      'The appointment took place (confirmed | checked_in \u2192 completed)',
    ),
    cancel: lifecycleRoute(
      'cancel',
      'Cancel on the business\u2019s side: no fee, full refund (pending | confirmed \u2192 cancelled)',
    ),
    noShow: lifecycleRoute(
      'no-show',
      'The customer did not come (confirmed \u2192 no_show, only after the start)',
    ),
    reschedule: {
      method: 'POST',
      path: '/v1/admin/bookings/:id/reschedule',
      summary: 'Move a booking to another time (and optionally provider) in one step',
      pathParams: idParams,
      body: z
        .object({
          start: instantSchema,
          providerId: idSchema
            .optional()
            .describe('Also move it to this provider; the current one when omitted'),
          overrideAvailability: z.boolean().default(false),
          reason: text().trim().max(500).optional(),
        })
        .strict(),
      responses: { 200: bookingDetailSchema },
      metadata: staffWrite,
    },
    reassign: {
      method: 'POST',
      path: '/v1/admin/bookings/:id/reassign',
      summary: 'Give a booking to another provider who offers the service, at the same time',
      pathParams: idParams,
      body: z
        .object({
          providerId: idSchema,
          overrideAvailability: z
            .boolean()
            .default(false)
            .describe('Skip the working-hours check; conflicts still apply'),
          reason: text().trim().max(500).optional(),
        })
        .strict(),
      responses: { 200: bookingDetailSchema },
      metadata: staffWrite,
    },
    availableProviders: {
      method: 'GET',
      path: '/v1/admin/bookings/:id/available-providers',
      summary: 'Other providers of the service who are free for this booking\u2019s time',
      pathParams: idParams,
      responses: {
        200: z.object({ items: z.array(z.object({ id: idSchema, name: text() })) }),
      },
      metadata: viewerRead,
    },
  },
  { commonResponses: errorResponses },
);

export const publicBookingsContract = c.router(
  {
    create: {
      method: 'POST',
      path: '/v1/public/tenants/:slug/bookings',
      summary:
        'Book a slot. Re-checked against availability; 409 slot_unavailable when just taken.',
      pathParams: z.object({ slug: text().max(64) }),
      body: createBookingBodySchema,
      responses: { 201: createdBookingSchema },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags: ['Public'], secrets: ['manageToken', 'manageUrl'], errors: [402] }),
    },
    intakeFields: {
      method: 'GET',
      path: '/v1/public/tenants/:slug/services/:serviceId/intake-fields',
      summary: 'The questions asked when booking a service',
      pathParams: z.object({ slug: text().max(64), serviceId: idSchema }),
      responses: { 200: z.object({ items: z.array(intakeFieldSchema) }) },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags: ['Public'] }),
    },
  },
  { commonResponses: errorResponses },
);
