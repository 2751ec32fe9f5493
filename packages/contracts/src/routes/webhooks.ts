import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { pageSchema, paginationQuerySchema } from '../common/pagination';
import { idSchema, instantSchema, text } from '../common/primitives';
import { subscribableEventTypeSchema, webhookEventTypeSchema } from '../common/webhooks';

const tags = ['Webhooks'];
const read = meta({ auth: 'member', minRole: 'admin', scope: 'read', tags });
const write = meta({ auth: 'member', minRole: 'admin', scope: 'write', tags });
// The signing secret is shown once: no-store, and a keyed replay is stored sealed (ADR 0008).
const writeSecret = meta({ ...write, secrets: ['secret'] });

/** Endpoints a business may register (a per-plan limit replaces it once plans exist). */
export const MAX_WEBHOOK_ENDPOINTS = 20;
/** How long the previous secret keeps signing after a rotation, at most. */
export const MAX_SECRET_OVERLAP_SECONDS = 7 * 86_400;

const urlSchema = text()
  .trim()
  .max(2048)
  .url()
  .describe('Where deliveries are POSTed; https, on a public address');

// Events are a set: duplicates are folded, and an empty list would silently receive nothing.
const eventsSchema = z
  .array(subscribableEventTypeSchema)
  .min(1)
  .max(50)
  .transform((a) => [...new Set(a)])
  .describe('Event types this endpoint receives');

export const webhookEndpointSchema = z.object({
  id: idSchema,
  url: z.string(),
  description: z.string(),
  events: z.array(webhookEventTypeSchema),
  enabled: z.boolean(),
  disabledReason: z
    .string()
    .nullable()
    .describe(
      'Why the endpoint was disabled: by an admin, answered 410 Gone, or failing for 5 days',
    ),
  failingSince: instantSchema.nullable().describe('First failure since the last success'),
  secretRotationEndsAt: instantSchema
    .nullable()
    .describe('Until then the previous secret signs too (two v1 signatures)'),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type WebhookEndpointDto = z.infer<typeof webhookEndpointSchema>;

const withSecret = z.object({
  endpoint: webhookEndpointSchema,
  secret: z.string().describe('whsec_…: the signing secret, shown in this response only'),
});

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  startedAt: instantSchema,
  durationMs: z.number().int(),
  responseStatus: z.number().int().nullable(),
  responseExcerpt: z.string().describe('The first bytes of the response body'),
  error: z.string().nullable().describe('Network error, timeout, refused address, …'),
});

export const webhookDeliveryStatusSchema = z.enum(['pending', 'succeeded', 'failed']);

export const webhookDeliverySchema = z.object({
  id: idSchema,
  endpointId: idSchema,
  eventId: z.string(),
  eventType: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: instantSchema.nullable(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: instantSchema.nullable(),
  createdAt: instantSchema,
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryDetailSchema = webhookDeliverySchema.extend({
  payload: z.unknown().describe('The event exactly as sent'),
  attemptLog: z.array(webhookAttemptSchema),
});

export const createWebhookEndpointSchema = z
  .object({
    url: urlSchema,
    description: text().trim().max(500).default(''),
    events: eventsSchema,
  })
  .strict();

export const updateWebhookEndpointSchema = z
  .object({
    url: urlSchema.optional(),
    description: text().trim().max(500).optional(),
    events: eventsSchema.optional(),
    enabled: z
      .boolean()
      .optional()
      .describe('false disables it; true re-enables it and clears the failure state'),
  })
  .strict();

const idParams = z.object({ id: idSchema });

export const webhookEndpointsContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/webhooks/endpoints',
      summary: 'List webhook endpoints (secrets are never shown again)',
      query: paginationQuerySchema,
      responses: { 200: pageSchema(webhookEndpointSchema) },
      metadata: read,
    },
    create: {
      method: 'POST',
      path: '/v1/admin/webhooks/endpoints',
      summary: `Register an endpoint (at most ${MAX_WEBHOOK_ENDPOINTS}); the signing secret is in this response only`,
      body: createWebhookEndpointSchema,
      responses: { 201: withSecret },
      metadata: { ...writeSecret, errors: [402] },
    },
    get: {
      method: 'GET',
      path: '/v1/admin/webhooks/endpoints/:id',
      summary: 'One webhook endpoint',
      pathParams: idParams,
      responses: { 200: webhookEndpointSchema },
      metadata: read,
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/webhooks/endpoints/:id',
      summary: 'Change the URL, description or events, or disable / re-enable the endpoint',
      pathParams: idParams,
      body: updateWebhookEndpointSchema,
      responses: { 200: webhookEndpointSchema },
      metadata: write,
    },
    delete: {
      method: 'DELETE',
      path: '/v1/admin/webhooks/endpoints/:id',
      summary: 'Delete an endpoint and its delivery log',
      pathParams: idParams,
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: write,
    },
    rotateSecret: {
      method: 'POST',
      path: '/v1/admin/webhooks/endpoints/:id/rotate-secret',
      summary: 'New signing secret (shown once); the old one keeps signing during the overlap',
      pathParams: idParams,
      body: z
        .object({
          overlapSeconds: z
            .number()
            .int()
            .min(0)
            .max(MAX_SECRET_OVERLAP_SECONDS)
            .default(86_400)
            .describe(
              'How long deliveries carry a signature by the old secret as well (default 24 h)',
            ),
        })
        .strict(),
      responses: { 200: withSecret },
      metadata: writeSecret,
    },
    sendTest: {
      method: 'POST',
      path: '/v1/admin/webhooks/endpoints/:id/test',
      summary: 'Send a webhook.test event to this endpoint now',
      pathParams: idParams,
      body: z.object({}).strict(),
      responses: { 202: webhookDeliverySchema },
      metadata: write,
    },
    replay: {
      method: 'POST',
      path: '/v1/admin/webhooks/endpoints/:id/replay',
      summary:
        'After an outage: send again, in order, every subscribed event since a time that the endpoint has not acknowledged (re-enables a disabled endpoint)',
      pathParams: idParams,
      body: z
        .object({
          since: instantSchema.describe('Events from this instant on (at most 30 days back)'),
        })
        .strict(),
      responses: { 202: z.object({ queued: z.number().int().describe('Deliveries queued') }) },
      metadata: write,
    },
  },
  { commonResponses: errorResponses },
);

export const webhookDeliveriesContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/webhooks/deliveries',
      summary: 'The delivery log, newest first',
      query: paginationQuerySchema.extend({
        endpointId: idSchema.optional(),
        status: webhookDeliveryStatusSchema.optional(),
      }),
      responses: { 200: pageSchema(webhookDeliverySchema) },
      metadata: read,
    },
    get: {
      method: 'GET',
      path: '/v1/admin/webhooks/deliveries/:id',
      summary: 'One delivery with its payload and every attempt',
      pathParams: idParams,
      responses: { 200: webhookDeliveryDetailSchema },
      metadata: read,
    },
    redeliver: {
      method: 'POST',
      path: '/v1/admin/webhooks/deliveries/:id/redeliver',
      summary: 'Send this delivery again now (same webhook-id, so receivers can deduplicate)',
      pathParams: idParams,
      body: z.object({}).strict(),
      responses: { 202: webhookDeliverySchema },
      metadata: write,
    },
  },
  { commonResponses: errorResponses },
);
