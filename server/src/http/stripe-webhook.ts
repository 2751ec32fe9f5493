import express, { type Express } from 'express';
import type { StripeWebhooks } from '../app/payments/stripe-webhooks';
import { catchRejections } from './request-guards';

export const STRIPE_WEBHOOK_PATH = '/v1/webhooks/stripe';

/**
 * POST /v1/webhooks/stripe, mounted before the JSON body parser: the signature covers the exact
 * bytes Stripe sent, so the body is read raw (up to 1 MB) and handed over untouched. A bad
 * signature is 400 invalid_signature; a handler failure is a 503, which makes Stripe retry.
 */
export function stripeWebhookEndpoint(webhooks: StripeWebhooks) {
  return (app: Express) => {
    app.post(
      STRIPE_WEBHOOK_PATH,
      express.raw({ type: () => true, limit: '1mb' }),
      catchRejections(async (req, res) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const r = await webhooks.receive(body, req.header('stripe-signature') ?? undefined);
        res.status(200).json({ received: true, id: r.id, duplicate: r.duplicate, handled: r.handled });
      }),
    );
  };
}
