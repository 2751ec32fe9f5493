import { createHmac } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX } from '@slotwise/contracts';

/**
 * `webhook-signature` of the Standard Webhooks spec: `v1,<base64 HMAC-SHA256>` of
 * `<id>.<timestamp>.<body>`, keyed with the base64-decoded part of `whsec_…`; one entry per secret
 * (the current and, during a rotation's overlap, the previous), separated by spaces.
 */
export function webhookSignature(opts: {
  id: string;
  timestamp: number;
  body: string;
  secrets: string[];
}): string {
  const content = `${opts.id}.${opts.timestamp}.${opts.body}`;
  return opts.secrets
    .map((s) => {
      const key = Buffer.from(s.slice(WEBHOOK_SECRET_PREFIX.length), 'base64');
      return `v1,${createHmac('sha256', key).update(content).digest('base64')}`;
    })
    .join(' ');
}

/** `whsec_` + base64 of 24 random bytes (192 bits), the format Standard Webhooks libraries expect. */
export function formatSecret(random: Buffer): string {
  return `${WEBHOOK_SECRET_PREFIX}${random.toString('base64')}`;
}
