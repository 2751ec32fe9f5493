import {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_HEADERS,
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_TOLERANCE_SECONDS,
} from './generated/constants';
import type { WebhookEvent } from './generated/types';
import { SlotwiseError } from './errors';

/**
 * Standard Webhooks verification (https://www.standardwebhooks.com) with WebCrypto only, so it runs
 * in Node ≥ 19, browsers and edge runtimes without a dependency. Any Standard Webhooks library
 * (e.g. the `standardwebhooks` npm package) verifies the same deliveries.
 */

/** Request headers as Node (`req.headers`), fetch (`Headers`) or a plain object gives them. */
export type WebhookHeaders =
  { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** Maximum age (and clock skew) of `webhook-timestamp`, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** The current time (a Date or epoch milliseconds); for tests. */
  now?: Date | number;
}

export type WebhookFailure =
  | 'missing_headers'
  | 'timestamp_out_of_tolerance'
  | 'signature_mismatch'
  | 'invalid_secret'
  | 'invalid_payload';

/** Thrown by `verifyWebhook` / `verifyAndParse`; `details.reason` says why. Answer 400. */
export class WebhookVerificationError extends SlotwiseError {
  override name = 'WebhookVerificationError';
}

function fail(reason: WebhookFailure, message: string): never {
  throw new WebhookVerificationError({
    status: 0,
    code: reason === 'invalid_payload' ? 'invalid_webhook_payload' : 'invalid_webhook_signature',
    message,
    details: { reason },
  });
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  }
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v.join(' ') : v;
  }
  return undefined;
}

function base64ToBytes(b64: string): ArrayBuffer | null {
  try {
    const bin = atob(b64);
    return Uint8Array.from(bin, (c) => c.charCodeAt(0)).buffer;
  } catch {
    return null;
  }
}

function bytesToBase64(bytes: ArrayBuffer): string {
  let bin = '';
  for (const b of new Uint8Array(bytes)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function subtle() {
  const s = (globalThis as { crypto?: typeof globalThis.crypto }).crypto?.subtle;
  if (!s) {
    throw new Error(
      'WebCrypto (globalThis.crypto.subtle) is unavailable; on Node 18 run node with --experimental-global-webcrypto',
    );
  }
  return s;
}

/** Compares in time independent of where the strings differ. */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}

async function sign(key: ArrayBuffer, content: string): Promise<string> {
  const k = await subtle().importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return bytesToBase64(await subtle().sign('HMAC', k, new TextEncoder().encode(content)));
}

/**
 * Resolves when `payload` (the raw body, exactly as received) carries a fresh, valid signature by
 * one of `secret` (pass the old and the new secret while you rotate); throws
 * `WebhookVerificationError` otherwise.
 */
export async function verifyWebhook(
  payload: string,
  headers: WebhookHeaders,
  secret: string | string[],
  opts: VerifyWebhookOptions = {},
): Promise<void> {
  const id = header(headers, WEBHOOK_HEADERS.id);
  const timestamp = header(headers, WEBHOOK_HEADERS.timestamp);
  const signatures = header(headers, WEBHOOK_HEADERS.signature);
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) {
    fail(
      'missing_headers',
      'Missing or malformed webhook-id / webhook-timestamp / webhook-signature header',
    );
  }
  const nowMs =
    opts.now === undefined
      ? Date.now()
      : typeof opts.now === 'number'
        ? opts.now
        : opts.now.getTime();
  const tolerance = opts.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > tolerance) {
    fail('timestamp_out_of_tolerance', 'Webhook timestamp is too old or too far in the future');
  }
  const offered = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3));
  const content = `${id}.${timestamp}.${payload}`;
  let ok = false;
  for (const s of Array.isArray(secret) ? secret : [secret]) {
    const key = base64ToBytes(
      s.startsWith(WEBHOOK_SECRET_PREFIX) ? s.slice(WEBHOOK_SECRET_PREFIX.length) : s,
    );
    if (!key || key.byteLength === 0)
      fail('invalid_secret', 'The secret is not a whsec_… signing secret');
    const expected = await sign(key, content);
    // Every candidate is compared, so timing says nothing about which one matched.
    for (const sig of offered) ok = constantTimeEqual(sig, expected) || ok;
  }
  if (!ok) fail('signature_mismatch', 'Webhook signature does not match');
}

/**
 * Verifies, then parses the delivery into a typed event (narrow it with `switch (event.type)`).
 * Throws `WebhookVerificationError` (code `invalid_webhook_signature` or `invalid_webhook_payload`).
 */
export async function verifyAndParse(
  payload: string,
  headers: WebhookHeaders,
  secret: string | string[],
  opts: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  await verifyWebhook(payload, headers, secret, opts);
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    fail('invalid_payload', 'Webhook payload is not JSON');
  }
  // The signature proves the server sent it, so the envelope is checked, not every field: the SDK
  // ships no schemas (ADR 0014), and a field added to an event must not break older receivers.
  const e = json as Record<string, unknown> | null;
  const known = (WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(e?.type);
  if (
    !e ||
    typeof e !== 'object' ||
    typeof e.id !== 'string' ||
    !known ||
    typeof e.data !== 'object' ||
    e.data === null
  )
    fail('invalid_payload', 'Webhook payload is not a Slotwise event of a known type');
  return e as unknown as WebhookEvent;
}
