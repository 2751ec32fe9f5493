import type { Logger } from 'pino';
import type { WebhookDelivery } from '../app/webhooks/delivery';

/** Every few seconds, queues webhook deliveries whose job was lost (see WebhookDelivery.sweep). */
export function webhookSweeper(deps: {
  webhooks: WebhookDelivery;
  logger: Logger;
  intervalMs?: number;
}) {
  const interval = deps.intervalMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    running = deps.webhooks
      .sweep()
      .catch((err) => deps.logger.warn({ err }, 'webhook sweep failed'));
    await running;
    if (!stopped) {
      timer = setTimeout(loop, interval);
      timer.unref();
    }
  };
  return {
    start() {
      stopped = false;
      void loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
