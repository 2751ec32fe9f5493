import { everyInterval } from './recurring';
import type { Logger } from 'pino';
import type { WebhookDelivery } from '../app/webhooks/delivery';

/** Every few seconds, queues webhook deliveries whose job was lost (see WebhookDelivery.sweep). */
export function webhookSweeper(deps: {
  webhooks: WebhookDelivery;
  logger: Logger;
  intervalMs?: number;
}) {
  const interval = deps.intervalMs ?? 5_000;
  return everyInterval(interval, () => deps.webhooks.sweep(), deps.logger, 'webhook sweep');
}
