import { generateSchema } from '@anatine/zod-openapi';
import {
  WEBHOOK_EVENT_CATALOGUE,
  WEBHOOK_EVENT_TYPES,
  webhookEventSchemas,
  type WebhookEventType,
} from './common/webhooks';

type Json = Record<string, unknown>;

/** `booking.checked_in` → `WebhookBookingCheckedIn` (component name) / `webhookBookingCheckedIn` (operationId). */
function schemaName(type: WebhookEventType): string {
  return `Webhook${type
    .split(/[._]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('')}`;
}

const SIGNATURE_TEXT = [
  'Sent as `POST` with a JSON body and the Standard Webhooks headers `webhook-id` (the event id; retries repeat it), ',
  '`webhook-timestamp` (unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, ',
  'keyed with the base64 part of the endpoint secret `whsec_…`; two space-separated signatures while a secret rotates). ',
  'Verify with any Standard Webhooks library or the SDK’s `verifyAndParse`. Answer 2xx within 15 s; anything else ',
  '(3xx included) is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; 410 disables the endpoint.',
].join('');

/**
 * The event catalogue as OpenAPI: one component schema per event and, since the document is
 * OpenAPI 3.0 (which has no `webhooks` field), the 3.1-style map under `x-webhooks` that Redocly
 * and other tools render as webhooks.
 */
export function webhookDocument(): {
  schemas: Record<string, Json>;
  webhooks: Record<string, Json>;
} {
  const schemas: Record<string, Json> = {};
  const webhooks: Record<string, Json> = {};
  for (const type of WEBHOOK_EVENT_TYPES) {
    const name = schemaName(type);
    schemas[name] = generateSchema(webhookEventSchemas[type], true) as Json;
    webhooks[type] = {
      post: {
        operationId: name.charAt(0).toLowerCase() + name.slice(1),
        summary: type,
        description: `${WEBHOOK_EVENT_CATALOGUE[type].description}\n\n${SIGNATURE_TEXT}`,
        tags: ['Webhooks'],
        security: [],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
        },
        responses: {
          '200': { description: 'Received (any 2xx)' },
          '400': {
            description: 'The receiver rejected it (e.g. bad signature); retried on the schedule',
          },
          '410': { description: 'Gone: the endpoint is disabled and receives nothing more' },
        },
      },
    };
  }
  return { schemas, webhooks };
}
