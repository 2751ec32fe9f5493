import type pg from 'pg';
import type { Logger } from 'pino';
import type { JobHandler, JobQueue } from '../ports/job-queue';
import type { Mailer } from '../ports/mailer';
import type { NotificationReader } from '../ports/notification-reader';
import { BOOKING_EMAIL_TOPICS, bookingEmailHandler } from './booking-emails';
import { outboxDispatcher } from './outbox-dispatcher';
import { pgOutboxFeed } from '../adapters/postgres/outbox-feed';

export interface JobRuntimeDeps {
  pool: pg.Pool;
  queue: JobQueue;
  mailer: Mailer;
  reader: NotificationReader;
  logger: Logger;
  publicUrl: string;
  mailFrom: string;
}

/** The outbox dispatcher plus every job handler; API processes and worker processes both use it. */
export function jobRuntime(deps: JobRuntimeDeps) {
  const dispatcher = outboxDispatcher({ feed: pgOutboxFeed(deps.pool), queue: deps.queue, logger: deps.logger });
  const email = bookingEmailHandler({ reader: deps.reader, mailer: deps.mailer, publicUrl: deps.publicUrl, from: deps.mailFrom });
  const handlers: Record<string, JobHandler> = Object.fromEntries(BOOKING_EMAIL_TOPICS.map((t) => [t, email]));
  return {
    dispatcher,
    handlers,
    async start() {
      await deps.queue.work(handlers);
      dispatcher.start();
    },
    async stop() {
      await dispatcher.stop();
      await deps.queue.close();
    },
  };
}
export type JobRuntime = ReturnType<typeof jobRuntime>;
