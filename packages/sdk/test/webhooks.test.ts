import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAndParse, verifyWebhook, WebhookVerificationError, type WebhookEvent } from '../src';

const key = randomBytes(24);
const secret = `whsec_${key.toString('base64')}`;
const payload = JSON.stringify({
  id: 'evt_1',
  type: 'customer.created',
  createdAt: '2026-03-08T14:30:00.000Z',
  tenantId: '7b0f4a52-2a3c-4b8e-9d61-0c5b2a1f9e33',
  data: { customerId: '5d6f0c2b-1e4a-4c7d-8b9e-2f3a4b5c6d7e' },
});
const t = 1_780_000_000;
const now = t * 1000;

/** The Standard Webhooks scheme written out independently of the SDK. */
const sig = (k: Buffer, body = payload, id = 'evt_1', ts = t) =>
  `v1,${createHmac('sha256', k).update(`${id}.${ts}.${body}`).digest('base64')}`;
const headers = (signature: string, extra: Record<string, string> = {}) => ({
  'webhook-id': 'evt_1',
  'webhook-timestamp': String(t),
  'webhook-signature': signature,
  ...extra,
});

const reason = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WebhookVerificationError);
  return (err as WebhookVerificationError).details?.reason;
};

describe('Standard Webhooks verification', () => {
  it('accepts a valid signature and returns a typed event', async () => {
    const event: WebhookEvent = await verifyAndParse(payload, headers(sig(key)), secret, { now });
    expect(event.type).toBe('customer.created');
    if (event.type === 'customer.created') expect(event.data.customerId).toMatch(/^5d6f/);
  });

  it('reads fetch Headers and Node header objects alike (case-insensitive)', async () => {
    await verifyWebhook(payload, new Headers(headers(sig(key))), secret, { now });
    await verifyWebhook(
      payload,
      { 'Webhook-Id': 'evt_1', 'Webhook-Timestamp': String(t), 'Webhook-Signature': sig(key) },
      secret,
      { now },
    );
  });

  it('accepts any of several signatures (rotation) and any of several secrets', async () => {
    const other = randomBytes(24);
    await verifyWebhook(payload, headers(`${sig(other)} ${sig(key)}`), secret, { now });
    await verifyWebhook(payload, headers(sig(key)), [`whsec_${other.toString('base64')}`, secret], {
      now,
    });
  });

  it('rejects a tampered body, a wrong secret, a different id, and a missing header', async () => {
    expect(await reason(verifyWebhook(payload + ' ', headers(sig(key)), secret, { now }))).toBe(
      'signature_mismatch',
    );
    expect(
      await reason(verifyWebhook(payload, headers(sig(randomBytes(24))), secret, { now })),
    ).toBe('signature_mismatch');
    expect(
      await reason(
        verifyWebhook(payload, headers(sig(key), { 'webhook-id': 'evt_2' }), secret, { now }),
      ),
    ).toBe('signature_mismatch');
    expect(await reason(verifyWebhook(payload, { 'webhook-id': 'evt_1' }, secret, { now }))).toBe(
      'missing_headers',
    );
  });

  it('rejects timestamps outside the tolerance, both ways', async () => {
    expect(
      await reason(verifyWebhook(payload, headers(sig(key)), secret, { now: now + 301_000 })),
    ).toBe('timestamp_out_of_tolerance');
    expect(
      await reason(verifyWebhook(payload, headers(sig(key)), secret, { now: now - 301_000 })),
    ).toBe('timestamp_out_of_tolerance');
    await verifyWebhook(payload, headers(sig(key)), secret, { now: now + 299_000 });
  });

  it('rejects a verified payload that is not a known event', async () => {
    const body = JSON.stringify({ id: 'evt_1', type: 'nope', createdAt: 'x', data: {} });
    expect(await reason(verifyAndParse(body, headers(sig(key, body)), secret, { now }))).toBe(
      'invalid_payload',
    );
  });
});
