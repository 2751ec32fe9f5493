import type {
  PlatformBilling,
  StripeEvent,
  StripeEventVerifier,
} from '../../ports/platform-billing';
import type { StripeEventLog } from '../../ports/plans';
import { AppError } from '../errors';
import type { BillingService } from './billing';
import type { ConnectService } from './connect';

export type StripeEventHandler = (event: StripeEvent) => Promise<void>;

/**
 * The plan and Connect handlers, keyed by event type, to be merged into the one Stripe endpoint's
 * dispatch table. Each handler re-fetches the object from Stripe before changing anything.
 */
export function planEventHandlers(
  billing: BillingService,
  connect: ConnectService,
): Record<string, StripeEventHandler> {
  return {
    'account.updated': (e) => connect.onAccountUpdated(e.account ?? e.objectId),
    'customer.subscription.created': (e) => billing.onSubscriptionEvent(e.objectId),
    'customer.subscription.updated': (e) => billing.onSubscriptionEvent(e.objectId),
    'customer.subscription.deleted': (e) => billing.onSubscriptionEvent(e.objectId),
    'checkout.session.completed': (e) => billing.onCheckoutCompleted(e.objectId),
  };
}

export interface StripeWebhookDeps {
  verifier: StripeEventVerifier;
  log: StripeEventLog;
  handlers: Record<string, StripeEventHandler>;
  warn: (msg: string, data: Record<string, unknown>) => void;
}

/**
 * POST /v1/webhooks/stripe: verify the signature over the raw body, deduplicate on the event id,
 * dispatch by type. A failed handler answers 503 and leaves the id unrecorded, so Stripe retries it.
 */
export function stripeWebhookReceiver(deps: StripeWebhookDeps) {
  return {
    async receive(
      rawBody: Buffer,
      signature: string | undefined,
    ): Promise<{ received: true; duplicate: boolean; handled: boolean }> {
      const event = deps.verifier.verify(rawBody, signature);
      if (!event)
        throw new AppError('bad_request', 'Invalid Stripe signature, timestamp or payload');
      const handler = deps.handlers[event.type];
      if (!handler) return { received: true, duplicate: false, handled: false };
      if (await deps.log.seen(event.id)) return { received: true, duplicate: true, handled: false };
      try {
        await handler(event);
      } catch (err) {
        deps.warn('stripe event handling failed; Stripe will retry', {
          eventId: event.id,
          type: event.type,
          err: String(err),
        });
        throw new AppError(
          'service_unavailable',
          'The event could not be handled now; retry later',
        );
      }
      // Recorded after the effect: a crash before this line means Stripe's retry is handled again.
      await deps.log.record(event.id, event.type);
      return { received: true, duplicate: false, handled: true };
    },
  };
}
export type StripeWebhookReceiver = ReturnType<typeof stripeWebhookReceiver>;

export type { PlatformBilling };
