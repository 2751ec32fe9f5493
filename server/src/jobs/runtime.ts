import type { Logger } from 'pino';
import type { JobHandler, JobQueue } from '../ports/job-queue';
import type { Mailer } from '../ports/mailer';
import type { NotificationReader } from '../ports/notification-reader';
import type { OutboxFeed } from '../ports/outbox';
import type { Secrets } from '../ports/secrets';
import { BOOKING_EMAIL_TOPICS, bookingEmailHandler } from './booking-emails';
import { outboxDispatcher } from './outbox-dispatcher';
import { WEBHOOK_DELIVER_JOB } from '../app/webhooks/deps';
import type { WebhookDelivery } from '../app/webhooks/delivery';
import { webhookSweeper } from './webhook-sweeper';
import type { CalendarService } from '../app/calendar';
import { calendarTicker } from './calendar-ticker';

export interface JobRuntimeDeps {
  outbox: OutboxFeed;
  queue: JobQueue;
  mailer: Mailer;
  reader: NotificationReader;
  secrets: Pick<Secrets, 'manageToken'>;
  logger: Logger;
  publicUrl: string;
  mailFrom: string;
  webhooks: WebhookDelivery;
  calendar: CalendarService;
}

/** The outbox dispatcher plus every job handler; API processes and worker processes both use it. */
export function jobRuntime(deps: JobRuntimeDeps) {
  const fanOut = async (e: Parameters<WebhookDelivery['fanOut']>[0]) => {
    await deps.webhooks.fanOut(e);
    await deps.calendar.fanOut(e);
  };
  const dispatcher = outboxDispatcher({ feed: deps.outbox, queue: deps.queue, logger: deps.logger, fanOut });
  const email = bookingEmailHandler({ reader: deps.reader, mailer: deps.mailer, secrets: deps.secrets, publicUrl: deps.publicUrl, from: deps.mailFrom });
  const handlers: Record<string, JobHandler> = {
    ...Object.fromEntries(BOOKING_EMAIL_TOPICS.map((t) => [t, email])),
    [WEBHOOK_DELIVER_JOB]: deps.webhooks.handler,
    ...deps.calendar.handlers,
  };
  const sweeper = webhookSweeper({ webhooks: deps.webhooks, logger: deps.logger });
  const calendarTick = calendarTicker({ calendar: deps.calendar, logger: deps.logger });
  let stopping: Promise<void> | undefined;
  return {
    dispatcher,
    handlers,
    async start() {
      await deps.queue.work(handlers);
      dispatcher.start();
      sweeper.start();
      calendarTick.start();
    },
    /** Stops polling, then lets running jobs finish (the queue's close drains). Idempotent. */
    stop() {
      stopping ??= (async () => {
        await sweeper.stop();
        await calendarTick.stop();
        await dispatcher.stop();
        await deps.queue.close();
      })();
      return stopping;
    },
  };
}
export type JobRuntime = ReturnType<typeof jobRuntime>;
