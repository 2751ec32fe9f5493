import {
  computeWebhookSignature,
  constantTimeEqual,
  parseWebhookSignatureHeader,
  webhookEventSchema,
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookEvent,
} from '@slotwise/contracts';
import { SlotwiseError } from './errors';

export interface VerifyWebhookOptions {
  /** The raw request body exactly as received (not re-serialised JSON). */
  payload: string;
  /** The `Slotwise-Signature` header value. */
  header: string | null | undefined;
  /** The endpoint's signing secret; several while you rotate it. */
  secret: string | string[];
  /** Maximum age (and clock skew) of the signature. Default 300. */
  toleranceSeconds?: number;
  /** The current time (a Date or epoch milliseconds); for tests. */
  now?: Date | number;
}

export type WebhookFailure =
  'malformed_header' | 'timestamp_out_of_tolerance' | 'signature_mismatch';

/** Thrown by `constructWebhookEvent`; `details.reason` says why. */
export class WebhookVerificationError extends SlotwiseError {
  override name = 'WebhookVerificationError';
}

async function check(opts: VerifyWebhookOptions): Promise<WebhookFailure | null> {
  const parsed = opts.header ? parseWebhookSignatureHeader(opts.header) : null;
  if (!parsed) return 'malformed_header';
  const nowMs =
    opts.now === undefined
      ? Date.now()
      : typeof opts.now === 'number'
        ? opts.now
        : opts.now.getTime();
  const tolerance = opts.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (Math.abs(Math.floor(nowMs / 1000) - parsed.timestamp) > tolerance)
    return 'timestamp_out_of_tolerance';
  const secrets = Array.isArray(opts.secret) ? opts.secret : [opts.secret];
  for (const secret of secrets) {
    const expected = await computeWebhookSignature(secret, parsed.timestamp, opts.payload);
    // Compare against every candidate without stopping early, so timing says nothing about which matched.
    let ok = false;
    for (const sig of parsed.signatures) ok = constantTimeEqual(sig, expected) || ok;
    if (ok) return null;
  }
  return 'signature_mismatch';
}

/** True when the header holds a fresh, valid signature of `payload` by (one of) `secret`. Never throws on bad input. */
export async function verifyWebhookSignature(opts: VerifyWebhookOptions): Promise<boolean> {
  return (await check(opts)) === null;
}

/**
 * Verifies, then parses the delivery. Throws `WebhookVerificationError` (code
 * `invalid_webhook_signature` or `invalid_webhook_payload`) so a handler can answer 400.
 */
export async function constructWebhookEvent<T extends WebhookEvent = WebhookEvent>(
  opts: VerifyWebhookOptions,
): Promise<T> {
  const failure = await check(opts);
  if (failure) {
    throw new WebhookVerificationError({
      status: 0,
      code: 'invalid_webhook_signature',
      message: `Webhook signature rejected: ${failure.replace(/_/g, ' ')}`,
      details: { reason: failure },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(opts.payload);
  } catch {
    json = undefined;
  }
  const event = webhookEventSchema.safeParse(json);
  if (!event.success) {
    throw new WebhookVerificationError({
      status: 0,
      code: 'invalid_webhook_payload',
      message: 'Webhook payload is not a Slotwise event',
    });
  }
  return event.data as T;
}
