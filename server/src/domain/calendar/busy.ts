import { DateTime } from 'luxon';

/** The fields of a vendor event that decide whether it is busy time (ports/calendar CalendarEvent). */
export interface BusyCandidate {
  status: 'confirmed' | 'tentative' | 'cancelled';
  start: Date | null;
  end: Date | null;
  allDay: { startDate: string; endDate: string } | null;
  transparent: boolean;
  selfResponse: 'needsAction' | 'declined' | 'tentative' | 'accepted' | null;
  slotwiseBookingId: string | null;
}

export interface BusyInterval {
  start: Date;
  end: Date;
}

/**
 * Whether an event blocks time, as Google's own free/busy does: cancelled events, events marked
 * "free" (transparency transparent) and invitations the owner declined do not; tentative,
 * unanswered and accepted ones do. All-day events are whole days in the calendar's zone (end date
 * exclusive) and block only when marked busy (Google creates them "free" by default, so a
 * transparent one is skipped by the same rule). Events we wrote for a booking are never busy:
 * the booking itself already holds that time, and reading it back would be a loop.
 */
export function busyIntervalOf(e: BusyCandidate, calendarZone: string): BusyInterval | null {
  if (e.status === 'cancelled' || e.transparent || e.selfResponse === 'declined') return null;
  if (e.slotwiseBookingId) return null;
  let start: Date | null = e.start;
  let end: Date | null = e.end;
  if (e.allDay) {
    const zone = DateTime.local().setZone(calendarZone).isValid ? calendarZone : 'UTC';
    const s = DateTime.fromISO(e.allDay.startDate, { zone });
    const x = DateTime.fromISO(e.allDay.endDate, { zone });
    if (!s.isValid || !x.isValid) return null;
    start = s.toJSDate();
    end = x.toJSDate();
  }
  if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return null;
  return end > start ? { start, end } : null;
}

/**
 * The id of a booking's event: derived, so a write repeated after a crash addresses the same
 * event instead of creating a second one. Google event ids use base32hex (0-9, a-v only), 5-1024
 * characters: "slot" plus the booking UUID's 32 hex digits qualifies.
 */
export function bookingEventId(bookingId: string): string {
  const hex = bookingId.toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error('booking id is not a UUID');
  return `slot${hex}`;
}

/** The booking a derived event id stands for (the inverse of bookingEventId), else null. */
export function bookingIdOfEventId(eventId: string): string | null {
  const m = /^slot([0-9a-f]{32})$/.exec(eventId);
  if (!m) return null;
  const h = m[1]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
