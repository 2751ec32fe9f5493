/**
 * Reminder planning (ADR 0011): which reminders a booking version gets and when they are due.
 * Pure: the scheduler stores the plan, the sender re-checks it against the booking at send time.
 */
import {
  addDays,
  instantToLocalDate,
  instantToWallTime,
  localDateTimeToInstant,
  MINUTE_MS,
  wallTimeToMinutes,
} from '../time';

export type Channel = 'email' | 'sms';

export interface QuietHours {
  /** 'HH:MM' in the recipient's zone; the window may wrap midnight (21:00 → 08:00). */
  start: string;
  end: string;
}

export interface ReminderSettings {
  sendReminders: boolean;
  reminderOffsetsMinutes: number[];
  reminderChannels: Channel[];
  quietHours: QuietHours | null;
}

export interface BookingVersion {
  bookingId: string;
  status: string;
  start: Date;
  /** The booking's ics_sequence: bumped by every reschedule and cancel. */
  version: number;
}

export interface PlannedReminder {
  channel: Channel;
  offsetMinutes: number;
  dueAt: Date;
  sendKey: string;
}

/** The message log's delivery key of one reminder: the same booking version, offset and channel always give the same key. */
export const reminderSendKey = (
  bookingId: string,
  version: number,
  offsetMinutes: number,
  channel: Channel,
) => `reminder:${bookingId}:v${version}:${offsetMinutes}m:${channel}`;

/** Only confirmed bookings are reminded: a pending request, a cancellation or a no-show never is. */
export const remindable = (status: string) => status === 'confirmed';

/**
 * The quiet-hours window (in `zone`) that holds instant `t`, or null when `t` is outside quiet
 * hours. Windows are [start, end) in wall-clock time.
 */
export function quietWindowAt(
  t: number,
  q: QuietHours,
  zone: string,
): { from: number; to: number } | null {
  const qs = wallTimeToMinutes(q.start);
  const qe = wallTimeToMinutes(q.end);
  if (qs === qe) return null;
  const date = instantToLocalDate(t, zone);
  const m = wallTimeToMinutes(instantToWallTime(t, zone));
  const at = (d: string, wall: string) => localDateTimeToInstant(d, wall, zone);
  if (qs < qe) return m >= qs && m < qe ? { from: at(date, q.start), to: at(date, q.end) } : null;
  if (m >= qs) return { from: at(date, q.start), to: at(addDays(date, 1), q.end) };
  if (m < qe) return { from: at(addDays(date, -1), q.start), to: at(date, q.end) };
  return null;
}

/**
 * When a reminder due at `due` goes out given quiet hours: unchanged outside them; else at the
 * end of the quiet window if that is still before the start, else at its beginning (earlier than
 * asked, never during the night). Null when neither works (the window began before `now` and
 * lasts past the start): the reminder is dropped rather than sent at night or too late.
 */
export function shiftOutOfQuietHours(
  due: number,
  start: number,
  now: number,
  q: QuietHours | null,
  zone: string,
): number | null {
  if (!q) return due;
  const w = quietWindowAt(due, q, zone);
  if (!w) return due;
  if (w.to < start) return w.to;
  // One minute before the window opens, so the sent reminder is outside it.
  const before = w.from - MINUTE_MS;
  return before > now ? before : null;
}

/**
 * The reminders of one booking version: one per offset and channel whose due time is still ahead
 * of `now` (a reminder due before the booking was even made is pointless: the confirmation just
 * went out). Duplicate offsets collapse.
 */
export function planReminders(
  b: BookingVersion,
  s: ReminderSettings,
  zone: string,
  now: Date,
  channels: readonly Channel[] = s.reminderChannels,
): PlannedReminder[] {
  if (!s.sendReminders || !remindable(b.status)) return [];
  const start = b.start.getTime();
  const out: PlannedReminder[] = [];
  for (const offset of [...new Set(s.reminderOffsetsMinutes)].sort((a, b2) => b2 - a)) {
    const asked = start - offset * MINUTE_MS;
    if (asked <= now.getTime()) continue;
    const due = shiftOutOfQuietHours(asked, start, now.getTime(), s.quietHours, zone);
    if (due === null) continue;
    for (const channel of new Set(channels))
      out.push({
        channel,
        offsetMinutes: offset,
        dueAt: new Date(due),
        sendKey: reminderSendKey(b.bookingId, b.version, offset, channel),
      });
  }
  return out;
}

/**
 * Why a stored reminder must not be sent now, or null when it must: the sender re-reads the
 * booking and compares (status, start, version) with what the reminder was planned for.
 */
export function staleReason(
  r: { bookingVersion: number; bookingStart: Date },
  b: { status: string; start: Date; version: number } | null,
): string | null {
  if (!b) return 'booking_gone';
  if (!remindable(b.status)) return `status_${b.status}`;
  if (b.version !== r.bookingVersion) return 'version_changed';
  if (b.start.getTime() !== r.bookingStart.getTime()) return 'start_changed';
  return null;
}
