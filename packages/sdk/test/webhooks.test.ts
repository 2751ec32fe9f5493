import { describe, expect, it } from 'vitest';
import {
  constructWebhookEvent,
  signWebhookPayload,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookVerificationError,
} from '../src';
import { computeWebhookSignature, parseWebhookSignatureHeader } from '@slotwise/contracts';
import { createHmac } from 'node:crypto';

const secret = 'whsec_test_123';
const payload = JSON.stringify({
  id: 'evt_1',
  type: 'booking.created',
  createdAt: '2026-03-08T14:30:00Z',
  data: { bookingId: 'b1' },
});
const t = 1_780_000_000;
const now = t * 1000;

describe('webhook signatures', () => {
  it('uses the documented scheme: t=<unix>,v1=hex HMAC-SHA256(secret, "<t>.<body>")', async () => {
    const header = await signWebhookPayload({ payload, secret, timestamp: t });
    const expected = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${expected}`);
    expect(WEBHOOK_SIGNATURE_HEADER).toBe('Slotwise-Signature');
  });

  it('accepts a fresh valid signature', async () => {
    const header = await signWebhookPayload({ payload, secret, timestamp: t });
    expect(await verifyWebhookSignature({ payload, header, secret, now })).toBe(true);
    expect(
      await verifyWebhookSignature({ payload, header, secret, now: new Date(now + 299_000) }),
    ).toBe(true);
  });

  it('rejects a tampered body, a wrong secret, and a stale or future timestamp', async () => {
    const header = await signWebhookPayload({ payload, secret, timestamp: t });
    expect(
      await verifyWebhookSignature({ payload: payload.replace('b1', 'b2'), header, secret, now }),
    ).toBe(false);
    expect(await verifyWebhookSignature({ payload, header, secret: 'whsec_other', now })).toBe(
      false,
    );
    expect(await verifyWebhookSignature({ payload, header, secret, now: now + 301_000 })).toBe(
      false,
    );
    expect(await verifyWebhookSignature({ payload, header, secret, now: now - 301_000 })).toBe(
      false,
    );
    expect(
      await verifyWebhookSignature({
        payload,
        header,
        secret,
        now: now + 3_600_000,
        toleranceSeconds: 7200,
      }),
    ).toBe(true);
  });

  it('rejects malformed headers without throwing', async () => {
    for (const header of [
      '',
      'garbage',
      `t=${t}`,
      'v1=abc',
      `t=abc,v1=${'0'.repeat(64)}`,
      undefined,
      null,
    ]) {
      expect(await verifyWebhookSignature({ payload, header, secret, now })).toBe(false);
    }
  });

  it('supports rotation: several v1 entries on the header, several secrets on the receiver', async () => {
    const rotating = await signWebhookPayload({
      payload,
      secret: ['whsec_old', secret],
      timestamp: t,
    });
    expect(parseWebhookSignatureHeader(rotating)?.signatures).toHaveLength(2);
    expect(await verifyWebhookSignature({ payload, header: rotating, secret, now })).toBe(true);
    expect(
      await verifyWebhookSignature({ payload, header: rotating, secret: 'whsec_old', now }),
    ).toBe(true);
    const single = await signWebhookPayload({ payload, secret: 'whsec_new', timestamp: t });
    expect(
      await verifyWebhookSignature({
        payload,
        header: single,
        secret: ['whsec_old', 'whsec_new'],
        now,
      }),
    ).toBe(true);
  });

  it('ignores unknown schemes next to v1', async () => {
    const sig = await computeWebhookSignature(secret, t, payload);
    expect(
      await verifyWebhookSignature({
        payload,
        header: `t=${t}, v0=deadbeef, v1=${sig.toUpperCase()}`,
        secret,
        now,
      }),
    ).toBe(true);
  });

  it('constructWebhookEvent returns the parsed event, or throws a typed error saying why', async () => {
    const header = await signWebhookPayload({ payload, secret, timestamp: t });
    const event = await constructWebhookEvent({ payload, header, secret, now });
    expect(event).toMatchObject({
      id: 'evt_1',
      type: 'booking.created',
      data: { bookingId: 'b1' },
    });

    const bad = await constructWebhookEvent({ payload, header, secret, now: now + 600_000 }).catch(
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(WebhookVerificationError);
    expect(bad).toMatchObject({
      code: 'invalid_webhook_signature',
      details: { reason: 'timestamp_out_of_tolerance' },
    });

    const notEvent = '{"hello":1}';
    const h2 = await signWebhookPayload({ payload: notEvent, secret, timestamp: t });
    await expect(
      constructWebhookEvent({ payload: notEvent, header: h2, secret, now }),
    ).rejects.toMatchObject({ code: 'invalid_webhook_payload' });
  });
});
