import type { Logger } from 'pino';
import type { JobHandler, JobQueue } from '../ports/job-queue';
import type { OutboxFeed } from '../ports/outbox';
import { outboxDispatcher } from './outbox-dispatcher';
import { WEBHOOK_DELIVER_JOB } from '../app/webhooks/deps';
import type { WebhookDelivery } from '../app/webhooks/delivery';
import type { MessageDeps } from '../app/messages/deps';
import { webhookSweeper } from './webhook-sweeper';
import { messageJobs, reminderSweeper } from './messages';

export interface JobRuntimeDeps {
  outbox: OutboxFeed;
  queue: JobQueue;
  logger: Logger;
  webhooks: WebhookDelivery;
  /** Customer and business messages and reminders (ADR 0011). */
  messages: MessageDeps;
  reminderSweepMs?: number;
}

/** The outbox dispatcher plus every job handler; API processes and worker processes both use it. */
export function jobRuntime(deps: JobRuntimeDeps) {
  const dispatcher = outboxDispatcher({ feed: deps.outbox, queue: deps.queue, logger: deps.logger, fanOut: deps.webhooks.fanOut });
  const handlers: Record<string, JobHandler> = {
    ...messageJobs(deps.messages),
    [WEBHOOK_DELIVER_JOB]: deps.webhooks.handler,
  };
  const sweeper = webhookSweeper({ webhooks: deps.webhooks, logger: deps.logger });
  const reminders = reminderSweeper({ ...deps.messages, logger: deps.logger, intervalMs: deps.reminderSweepMs });
  let stopping: Promise<void> | undefined;
  return {
    dispatcher,
    handlers,
    reminders,
    async start() {
      await deps.queue.work(handlers);
      dispatcher.start();
      sweeper.start();
      reminders.start();
    },
    /** Stops polling, then lets running jobs finish (the queue's close drains). Idempotent. */
    stop() {
      stopping ??= (async () => {
        await reminders.stop();
        await sweeper.stop();
        await dispatcher.stop();
        await deps.queue.close();
      })();
      return stopping;
    },
  };
}
export type JobRuntime = ReturnType<typeof jobRuntime>;
