import { z } from 'zod';

/** Every error code the API can return. Documented in docs/guides/errors.md (a test keeps it complete). */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unauthenticated',
  'invalid_credentials',
  'token_expired',
  'refresh_token_reused',
  'invalid_token',
  'forbidden',
  'insufficient_scope',
  'not_found',
  'route_not_found',
  'conflict',
  'email_taken',
  'slug_taken',
  'slot_unavailable',
  'invalid_transition',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'payment_required',
  'card_declined',
  'invalid_signature',
  'unprocessable',
  'rate_limited',
  'internal_error',
  'service_unavailable',
  // Calendar sync: an OAuth state that is forged, expired or someone else's, or a grant the vendor refused.
  'calendar_auth_failed',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const fieldIssueSchema = z.object({
  path: z.string().describe('Dotted path of the offending field, e.g. `body.intervals.0.endTime`'),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code; see the errors guide'),
      message: z.string().describe('Human-readable explanation'),
      details: z
        .object({ issues: z.array(fieldIssueSchema).optional() })
        .passthrough()
        .optional(),
      requestId: z.string().optional(),
    }),
  })
  .describe('Error');
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Declared on every route so the SDK and OpenAPI know every failure a call can produce. */
export const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  422: errorBodySchema,
  429: errorBodySchema,
} as const;
