import type { Clock } from '../../ports/clock';
import type { Channels } from '../../ports/channels';
import type { JobQueue } from '../../ports/job-queue';
import type { MessageReader, ReminderStore } from '../../ports/messages';
import type { SmsConsents } from '../../ports/messenger';
import type { Secrets } from '../../ports/secrets';

export interface MessageDeps {
  reader: MessageReader;
  reminders: ReminderStore;
  channels: Channels;
  /** SMS consent given at booking travels in the booking's outbox rows; recorded before any text (ADR 0012). */
  smsConsents: Pick<SmsConsents, 'record'>;
  /** Delayed reminder jobs (BullMQ with Redis, in-process otherwise); the sweep backs it up. */
  queue: Pick<JobQueue, 'enqueue'>;
  clock: Clock;
  secrets: Pick<Secrets, 'manageToken'>;
  /** Where the apps live: manage, booking and admin links. */
  publicUrl: string;
  warn?: (msg: string, data: Record<string, unknown>) => void;
}

/** The job that sends one reminder row (its id in the data). */
export const REMINDER_SEND_JOB = 'reminder.send';
