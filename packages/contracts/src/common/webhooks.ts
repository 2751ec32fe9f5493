import { z } from 'zod';

/**
 * Outgoing webhook signatures. The server signs with `signWebhookPayload`, receivers verify with the
 * SDK's `verifyWebhookSignature`; both read the constants below, so the scheme lives in one place.
 *
 * Header: `Slotwise-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * Several `v1=` entries may appear while a secret is being rotated (one per active secret).
 * Only WebCrypto is used, so the same code runs in Node and in browsers/edge runtimes.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'Slotwise-Signature';
export const WEBHOOK_SIGNATURE_SCHEME = 'v1';
/** Signatures older (or newer) than this are rejected, which bounds replay attacks. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The envelope of every webhook delivery; `data` depends on `type`. */
export const webhookEventSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .describe('Unique per event; deliveries of one event share it (dedupe on it)'),
    type: z.string().min(1).describe('e.g. booking.created'),
    createdAt: z.string().describe('ISO-8601 instant the event happened'),
    data: z.unknown(),
  })
  .passthrough();
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export interface ParsedSignatureHeader {
  timestamp: number;
  signatures: string[];
}

function subtle() {
  const s = (globalThis as { crypto?: typeof globalThis.crypto }).crypto?.subtle;
  // Node 18 hides the global behind a flag; Node ≥ 19, browsers and edge runtimes have it.
  if (!s)
    throw new Error(
      'WebCrypto (globalThis.crypto.subtle) is unavailable; on Node 18 run node with --experimental-global-webcrypto',
    );
  return s;
}

function toHex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hex HMAC-SHA256 of `<timestamp>.<payload>` with the endpoint secret. */
export async function computeWebhookSignature(
  secret: string,
  timestamp: number,
  payload: string,
): Promise<string> {
  const enc = new TextEncoder();
  const key = await subtle().importKey(
    'raw',
    enc.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toHex(await subtle().sign('HMAC', key, enc.encode(`${timestamp}.${payload}`)));
}

/**
 * The header value for a payload. Pass several secrets while rotating so receivers holding either
 * the old or the new secret accept the delivery.
 */
export async function signWebhookPayload(opts: {
  payload: string;
  secret: string | string[];
  /** Unix seconds; now when omitted. */
  timestamp?: number;
}): Promise<string> {
  const t = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const secrets = Array.isArray(opts.secret) ? opts.secret : [opts.secret];
  const sigs = await Promise.all(secrets.map((s) => computeWebhookSignature(s, t, opts.payload)));
  return [`t=${t}`, ...sigs.map((s) => `${WEBHOOK_SIGNATURE_SCHEME}=${s}`)].join(',');
}

/** Null when the header is malformed (no timestamp or no v1 signature). Unknown schemes are ignored. */
export function parseWebhookSignatureHeader(header: string): ParsedSignatureHeader | null {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    else if (k === WEBHOOK_SIGNATURE_SCHEME && /^[0-9a-f]{64}$/i.test(v))
      signatures.push(v.toLowerCase());
  }
  return timestamp === undefined || signatures.length === 0 ? null : { timestamp, signatures };
}

/** Compares in time independent of where the strings differ, so timing leaks nothing about the secret. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}
