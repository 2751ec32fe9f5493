/**
 * Reminders (ADR 0011). Planned per booking version in the database; dispatched by delayed jobs
 * (BullMQ with Redis, in-process otherwise) and by a sweep of due rows that needs nothing but the
 * database, so a lost job (worker restart, Redis outage or flush) only delays a reminder. The
 * sender re-reads the booking and skips anything stale; the row's send key is the message log's
 * delivery key, recorded before the provider is called, so a reminder is never sent twice.
 */
import {
  planReminders,
  reminderSendKey,
  staleReason,
  type Channel,
} from '../../domain/messages/reminders';
import type { MessageBooking, StoredReminder } from '../../ports/messages';
import { customerOf, sendBookingMessage } from './compose-message';
import { REMINDER_SEND_JOB, type MessageDeps } from './deps';

/** Longer delays are left to the sweep: a timer of the in-process queue cannot wait past ~24 days. */
const MAX_JOB_DELAY_MS = 7 * 86_400_000;

/** The channels reminders can go out on now: the tenant's choice among the configured senders. */
const channelsOf = (deps: MessageDeps, wanted: readonly Channel[]) =>
  wanted.filter((c) => deps.channels[c]);

/**
 * Makes the booking's scheduled reminders exactly those of its current version: a reschedule
 * replaces them, a cancel or no-show removes them. Idempotent, so events may come in any order
 * or twice. Then queues a delayed job per row; a queue failure is logged, the sweep sends anyway.
 */
export async function syncReminders(
  deps: MessageDeps,
  b: MessageBooking,
): Promise<StoredReminder[]> {
  const s = b.tenant.settings;
  const plan = planReminders(
    { bookingId: b.bookingId, status: b.status, start: b.startAt, version: b.version },
    { ...s, reminderChannels: s.reminderChannels },
    b.customerTimeZone ?? b.tenant.timeZone,
    deps.clock.now(),
    channelsOf(deps, s.reminderChannels),
  );
  const rows = await deps.reminders.replace(
    b.tenantId,
    b.bookingId,
    { bookingVersion: b.version, bookingStart: b.startAt },
    plan,
  );
  const now = deps.clock.now().getTime();
  for (const r of rows) {
    const delayMs = Math.max(0, r.dueAt.getTime() - now);
    if (delayMs > MAX_JOB_DELAY_MS) continue;
    await deps.queue
      .enqueue(
        REMINDER_SEND_JOB,
        { tenantId: r.tenantId, reminderId: r.id },
        { jobId: `reminder-${r.id}-${r.dueAt.getTime()}`, delayMs },
      )
      .catch((err: unknown) =>
        deps.warn?.('reminder job not queued; the sweep will send it', {
          reminderId: r.id,
          err: String(err),
        }),
      );
  }
  return rows;
}

export type ReminderOutcome =
  'sent' | 'already_sent' | 'not_due' | 'not_scheduled' | `skipped:${string}`;

/** Sends one reminder row if it is due and still right for the booking; otherwise settles or leaves it. */
export async function sendReminder(
  deps: MessageDeps,
  tenantId: string,
  id: string,
): Promise<ReminderOutcome> {
  const r = await deps.reminders.get(tenantId, id);
  if (!r || r.status !== 'scheduled') return 'not_scheduled';
  const now = deps.clock.now();
  // A job for an earlier due time (quiet hours moved it): the row's own job or the sweep sends it.
  if (r.dueAt.getTime() > now.getTime()) return 'not_due';
  const b = await deps.reader.booking(tenantId, r.bookingId);
  const s = b?.tenant.settings;
  const skip =
    staleReason(r, b && { status: b.status, start: b.startAt, version: b.version }) ??
    (b && b.startAt.getTime() <= now.getTime() ? 'started' : null) ??
    // The business changed its reminders since this row was planned (no booking event re-planned it).
    (s && !s.sendReminders ? 'reminders_off' : null) ??
    (s && !s.reminderOffsetsMinutes.includes(r.offsetMinutes) ? 'offset_removed' : null) ??
    (s && !s.reminderChannels.includes(r.channel) ? 'channel_removed' : null) ??
    (!deps.channels[r.channel] ? 'channel_unavailable' : null);
  if (skip || !b) {
    await deps.reminders.settle(tenantId, id, 'skipped', skip ?? 'booking_gone');
    return `skipped:${skip ?? 'booking_gone'}`;
  }
  const c = customerOf(b, r.channel);
  if (!c) {
    await deps.reminders.settle(tenantId, id, 'skipped', 'no_recipient');
    return 'skipped:no_recipient';
  }
  const res = await sendBookingMessage(deps, b, 'booking.reminder', c, {
    deliveryKey: reminderSendKey(b.bookingId, r.bookingVersion, r.offsetMinutes, r.channel),
    channel: r.channel,
  });
  await deps.reminders.settle(tenantId, id, 'sent');
  return res.sent ? 'sent' : 'already_sent';
}

/** Sends every reminder due by now (the backstop of the delayed jobs, and the whole dispatch under a fake clock). */
export async function sweepReminders(deps: MessageDeps, limit = 100): Promise<number> {
  let n = 0;
  for (let page = 0; page < 50; page++) {
    const due = await deps.reminders.due(deps.clock.now(), limit);
    for (const d of due) {
      try {
        await sendReminder(deps, d.tenantId, d.id);
      } catch (err) {
        deps.warn?.('reminder send failed; retried by the next sweep', {
          reminderId: d.id,
          err: String(err),
        });
      }
    }
    n += due.length;
    // A full page may have more behind it; rows that failed stay scheduled, so stop on a short page.
    if (due.length < limit) break;
  }
  return n;
}
