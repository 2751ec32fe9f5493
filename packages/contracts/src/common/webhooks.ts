import { z } from 'zod';
import { idSchema, instantSchema } from './primitives';

/**
 * Outgoing webhooks follow the Standard Webhooks spec (https://www.standardwebhooks.com):
 * headers `webhook-id`, `webhook-timestamp` (unix seconds) and
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>` where the key
 * is the base64 part of the endpoint's `whsec_…` secret. While a secret is being rotated the
 * signature header carries one `v1,` entry per secret, separated by spaces.
 * Every event has the same envelope; `data` depends on `type`. This file is the catalogue.
 */
export const WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Deliveries older (or newer) than this are rejected by verifiers, which bounds replays. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const actorSchema = z
  .object({
    type: z.enum(['user', 'api_key', 'customer', 'system']),
    id: z.string().nullable(),
  })
  .describe('Who made the change');

export const webhookBookingSchema = z.object({
  id: idSchema,
  code: z.string().describe('Confirmation code shown to the customer'),
  status: z.enum(['pending', 'pending_payment', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show']),
  serviceId: idSchema,
  providerId: idSchema,
  customerId: idSchema,
  start: instantSchema,
  end: instantSchema,
});

export const bookingEventDataSchema = z.object({
  booking: webhookBookingSchema.describe('The booking after the change'),
  action: z
    .string()
    .describe('What happened: create, approve, confirm, decline, cancel, reschedule, …'),
  actor: actorSchema,
  reason: z.string().nullable(),
});

export const bookingRescheduledDataSchema = bookingEventDataSchema.extend({
  previous: z.object({ start: instantSchema, end: instantSchema, providerId: idSchema }),
});

export const customerEventDataSchema = z.object({
  customerId: idSchema.describe('Fetch the profile with GET /v1/admin/customers/{id}'),
});

export const waitlistSlotAvailableDataSchema = z.object({
  waitlistEntryId: idSchema,
  customerId: idSchema,
  serviceId: idSchema,
  providerId: idSchema,
  start: instantSchema,
  end: instantSchema,
});

export const webhookTestDataSchema = z.object({
  message: z.string(),
});

/** Every event type with the schema of its `data` and what it means. */
export const WEBHOOK_EVENT_CATALOGUE = {
  'booking.created': {
    data: bookingEventDataSchema,
    description: 'A booking was made (pending or confirmed).',
  },
  'booking.confirmed': {
    data: bookingEventDataSchema,
    description: 'A booking became confirmed (at creation, approval or payment).',
  },
  'booking.approved': {
    data: bookingEventDataSchema,
    description: 'Staff approved a pending booking request (also sends booking.confirmed).',
  },
  'booking.declined': {
    data: bookingEventDataSchema,
    description: 'Staff declined a pending booking request (also sends booking.cancelled).',
  },
  'booking.rescheduled': {
    data: bookingRescheduledDataSchema,
    description: 'A booking moved to another time; `previous` holds the old one.',
  },
  'booking.cancelled': {
    data: bookingEventDataSchema,
    description: 'A booking was cancelled (by staff, the customer, or a decline).',
  },
  'booking.checked_in': { data: bookingEventDataSchema, description: 'The customer checked in.' },
  'booking.completed': { data: bookingEventDataSchema, description: 'The appointment took place.' },
  'booking.no_show': { data: bookingEventDataSchema, description: 'The customer did not show up.' },
  'customer.created': {
    data: customerEventDataSchema,
    description: 'A customer was added by staff or through the API.',
  },
  'customer.updated': {
    data: customerEventDataSchema,
    description: 'A customer profile was edited.',
  },
  'customer.erased': {
    data: customerEventDataSchema,
    description: 'A customer’s personal data was erased (GDPR).',
  },
  'waitlist.slot_available': {
    data: waitlistSlotAvailableDataSchema,
    description: 'A slot a waitlisted customer wanted came free.',
  },
  'webhook.test': {
    data: webhookTestDataSchema,
    description: 'Sent by "Send test event"; never by a real change.',
  },
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_CATALOGUE;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_CATALOGUE) as [
  WebhookEventType,
  ...WebhookEventType[],
];
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
/** What an endpoint can subscribe to: everything but the on-demand test event. */
export type SubscribableEventType = Exclude<WebhookEventType, 'webhook.test'>;
export const subscribableEventTypeSchema = z.enum(
  WEBHOOK_EVENT_TYPES.filter((t) => t !== 'webhook.test') as [
    SubscribableEventType,
    ...SubscribableEventType[],
  ],
);

type Catalogue = typeof WEBHOOK_EVENT_CATALOGUE;

function envelope<T extends WebhookEventType>(type: T) {
  return z
    .object({
      id: z
        .string()
        .min(1)
        .describe(
          'Unique per event; retries and replays repeat it (deduplicate on it; also sent as webhook-id)',
        ),
      type: z.literal(type),
      createdAt: instantSchema.describe('When the change happened'),
      tenantId: idSchema.describe('The business the event belongs to'),
      data: WEBHOOK_EVENT_CATALOGUE[type].data as Catalogue[T]['data'],
    })
    .describe(WEBHOOK_EVENT_CATALOGUE[type].description);
}

/** One envelope schema per event type, e.g. `webhookEventSchemas['booking.created']`. */
export const webhookEventSchemas = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((t) => [t, envelope(t)]),
) as { [T in WebhookEventType]: ReturnType<typeof envelope<T>> };

type Schemas = typeof webhookEventSchemas;
/** Any Slotwise webhook event; narrow it with `switch (event.type)`. */
export const webhookEventSchema = z.discriminatedUnion(
  'type',
  Object.values(webhookEventSchemas) as unknown as [
    Schemas[WebhookEventType],
    ...Schemas[WebhookEventType][],
  ],
);
export type WebhookEvent = { [T in WebhookEventType]: z.infer<Schemas[T]> }[WebhookEventType];
export type WebhookEventOf<T extends WebhookEventType> = Extract<WebhookEvent, { type: T }>;
