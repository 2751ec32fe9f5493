import { everyInterval } from './recurring';
import type { Logger } from 'pino';
import type { MessageDeps } from '../app/messages/deps';
import { REMINDER_SEND_JOB } from '../app/messages/deps';
import { MESSAGE_TOPICS, messageHandler } from '../app/messages/notify';
import { sendReminder, sweepReminders } from '../app/messages/reminders';
import type { JobHandler } from '../ports/job-queue';

/** The message job handlers: one per outbox topic that sends or re-plans, plus the reminder sender. */
export function messageJobs(deps: MessageDeps): Record<string, JobHandler> {
  const onEvent = messageHandler(deps);
  return {
    ...Object.fromEntries(MESSAGE_TOPICS.map((t) => [t, onEvent])),
    [REMINDER_SEND_JOB]: async (job) => {
      const { tenantId, reminderId } = job.data as { tenantId?: string; reminderId?: string };
      if (tenantId && reminderId) await sendReminder(deps, tenantId, reminderId);
    },
  };
}

/**
 * Every few seconds, sends the reminders that are due and still scheduled: those whose delayed
 * job was lost (Redis outage or flush, a worker killed) or too far ahead to queue.
 */
export function reminderSweeper(deps: MessageDeps & { logger: Logger; intervalMs?: number }) {
  const interval = deps.intervalMs ?? 15_000;
  return {
    sweepOnce: () => sweepReminders(deps),
    ...everyInterval(interval, () => sweepReminders(deps), deps.logger, 'reminder sweep'),
  };
}
