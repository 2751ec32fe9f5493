import type { Logger } from 'pino';
import type { JobHandler, JobQueue } from '../ports/job-queue';
import type { OutboxFeed } from '../ports/outbox';
import { outboxDispatcher } from './outbox-dispatcher';
import { WEBHOOK_DELIVER_JOB } from '../app/webhooks/deps';
import type { WebhookDelivery } from '../app/webhooks/delivery';
import type { MessageDeps } from '../app/messages/deps';
import { webhookSweeper } from './webhook-sweeper';
import { ACCOUNT_EMAIL_JOB_TOPICS, accountEmailHandler } from './account-emails';
import type { AccountTokens } from '../ports/account-tokens';
import type { Directory } from '../ports/repositories';
import type { PaymentService } from '../app/payments/payment-service';
import { paymentJobHandlers, paymentSweeper } from './payment-jobs';
import type { CalendarService } from '../app/calendar';
import { calendarTicker } from './calendar-ticker';
import { messageJobs, reminderSweeper } from './messages';
import type { Mailer } from '../ports/mailer';
import type { Secrets } from '../ports/secrets';
import type { ReportBacklog, UnitOfWork } from '../ports/repositories';
import { reportFolder } from './report-folder';

export interface JobRuntimeDeps {
  outbox: OutboxFeed;
  queue: JobQueue;
  mailer: Mailer;
  secrets: Pick<Secrets, 'manageToken' | 'accountToken'>;
  publicUrl: string;
  logger: Logger;
  webhooks: WebhookDelivery;
  /** Password reset and email verification emails (ADR 0012). */
  accountTokens: AccountTokens;
  directory: Directory;
  now: () => Date;
  /** Absent: no payment jobs (tests of other jobs). */
  payments?: PaymentService;
  calendar: CalendarService;
  /** Customer and business messages and reminders, by email and SMS (ADR 0011, 0012). */
  messages: MessageDeps;
  reminderSweepMs?: number;
  /** Folds queued booking creates into the report roll-ups (ADR 0022). Absent: no folding (tests of other jobs). */
  reports?: { uow: UnitOfWork; backlog: ReportBacklog; intervalMs?: number };
}

/** The outbox dispatcher plus every job handler; API processes and worker processes both use it. */
export function jobRuntime(deps: JobRuntimeDeps) {
  const fanOut = async (e: Parameters<WebhookDelivery['fanOut']>[0]) => {
    await deps.webhooks.fanOut(e);
    await deps.calendar.fanOut(e);
  };
  const dispatcher = outboxDispatcher({ feed: deps.outbox, queue: deps.queue, logger: deps.logger, fanOut });
  const messages = messageJobs(deps.messages);
  const handlers: Record<string, JobHandler> = {
    ...messages,
    [WEBHOOK_DELIVER_JOB]: deps.webhooks.handler,
    ...Object.fromEntries(
      ACCOUNT_EMAIL_JOB_TOPICS.map((t) => [
        t,
        accountEmailHandler({ tokens: deps.accountTokens, directory: deps.directory, tenants: deps.messages.reader, mailer: deps.mailer, secrets: deps.secrets, publicUrl: deps.publicUrl, now: deps.now }),
      ]),
    ),
    // A topic both modules handle (booking.payment_expired): the payment work, then the message.
    ...Object.fromEntries(
      Object.entries(deps.payments ? paymentJobHandlers(deps.payments) : {}).map(([t, h]) => {
        const m = messages[t];
        return [t, m ? async (job: Parameters<JobHandler>[0]) => { await h(job); await m(job); } : h];
      }),
    ),
    ...deps.calendar.handlers,
  };
  const sweeper = webhookSweeper({ webhooks: deps.webhooks, logger: deps.logger });
  const paySweeper = deps.payments ? paymentSweeper({ payments: deps.payments, logger: deps.logger }) : null;
  const calendarTick = calendarTicker({ calendar: deps.calendar, logger: deps.logger });
  const reminders = reminderSweeper({ ...deps.messages, logger: deps.logger, intervalMs: deps.reminderSweepMs });
  const reportFold = deps.reports ? reportFolder({ ...deps.reports, logger: deps.logger }) : null;
  let stopping: Promise<void> | undefined;
  return {
    dispatcher,
    handlers,
    reminders,
    reportFold,
    async start() {
      await deps.queue.work(handlers);
      dispatcher.start();
      sweeper.start();
      paySweeper?.start();
      calendarTick.start();
      reminders.start();
      reportFold?.start();
    },
    /** Stops polling, then lets running jobs finish (the queue's close drains). Idempotent. */
    stop() {
      stopping ??= (async () => {
        await reminders.stop();
        await reportFold?.stop();
        await sweeper.stop();
        await paySweeper?.stop();
        await calendarTick.stop();
        await dispatcher.stop();
        await deps.queue.close();
      })();
      return stopping;
    },
  };
}
export type JobRuntime = ReturnType<typeof jobRuntime>;
