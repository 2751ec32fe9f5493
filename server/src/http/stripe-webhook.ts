import express, { type Express } from 'express';
import type { StripeWebhookReceiver } from '../app/plans/stripe-events';
import { sendError } from './error-mapper';

/**
 * POST /v1/webhooks/stripe, mounted before the JSON body parser: the signature covers the raw
 * bytes, so the body is read as a Buffer and parsed only by the verifier. Outside the contract:
 * Stripe is its only caller. Without STRIPE_WEBHOOK_SECRET it answers 404 like any unknown route.
 */
export function stripeWebhookEndpoint(receiver: StripeWebhookReceiver | undefined) {
  return (app: Express) => {
    app.post(
      '/v1/webhooks/stripe',
      express.raw({ type: () => true, limit: '512kb' }),
      (req, res, next) => {
        if (!receiver)
          return sendError(
            res,
            'route_not_found',
            'Stripe webhooks are not configured on this deployment',
          );
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        receiver
          .receive(body, req.header('stripe-signature'))
          .then((r) => res.status(200).json(r))
          .catch(next);
      },
    );
  };
}
