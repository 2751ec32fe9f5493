/**
 * A calendar vendor (Google today; Microsoft 365 would be a second adapter of the same port).
 * Everything here is vendor-neutral: the app never sees a Google type. Failures are thrown as
 * CalendarFailure so the app decides retry, backoff or "connection broken" in one place.
 */

export type CalendarFailureKind =
  /** The grant is gone: refresh token expired or revoked, or access removed. Needs a reconnect. */
  | 'auth'
  /** 403 rateLimitExceeded / userRateLimitExceeded, or 429: back off and retry. */
  | 'rate_limited'
  /** 5xx or network: the vendor is down; queue and retry later. */
  | 'unavailable'
  /** The sync token is no longer valid (Google: 410 fullSyncRequired): sync everything again. */
  | 'sync_token_expired'
  /** The event or calendar does not exist (404 / 410 on an event). */
  | 'not_found'
  /** An event with this id exists already (409 on insert). */
  | 'conflict'
  /** Anything else the vendor refused (a 400 we caused): retrying would not help. */
  | 'rejected';

export class CalendarFailure extends Error {
  constructor(
    readonly kind: CalendarFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CalendarFailure';
  }
}

/**
 * What a connection holds to call the vendor: the refresh token, opened from its sealed form for
 * the call only. Access tokens are never stored: the adapter keeps them in memory per process.
 */
export interface CalendarCredentials {
  refreshToken: string;
}

export interface CalendarGrant {
  refreshToken: string;
  scopes: string[];
}

export interface CalendarSummary {
  id: string;
  name: string;
  primary: boolean;
  /** The user may write events there (owner or writer). */
  writable: boolean;
  timeZone: string | null;
}

/** One vendor event, reduced to what busy time and loop prevention need. */
export interface CalendarEvent {
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** Timed events: instants. All-day events: dates (YYYY-MM-DD, end exclusive) in `allDay`. */
  start: Date | null;
  end: Date | null;
  allDay: { startDate: string; endDate: string } | null;
  /** Google "transparent": shown as free. */
  transparent: boolean;
  /** The calendar owner's own response when invited, if any. */
  selfResponse: 'needsAction' | 'declined' | 'tentative' | 'accepted' | null;
  /** Set on the events we wrote (extended private property): never busy time. */
  slotwiseBookingId: string | null;
}

export interface EventPage {
  events: CalendarEvent[];
  /** Only on the last page of a listing: the token for the next incremental sync. */
  nextSyncToken: string | null;
  /** The calendar's zone (all-day events are whole days there). */
  timeZone: string | null;
}

/** A booking as it goes out. */
export interface OutgoingEvent {
  id: string;
  bookingId: string;
  summary: string;
  description: string;
  start: Date;
  end: Date;
  attendees: { email: string; name: string }[];
}

export interface WatchChannel {
  id: string;
  token: string;
  address: string;
  ttlSeconds: number;
}

export interface CalendarProvider {
  readonly vendor: string;
  /** Scopes asked for at connect time (incremental: added to what the account granted already). */
  readonly scopes: string[];
  authorizationUrl(input: { state: string; scopes: string[]; loginHint?: string }): string;
  exchangeCode(code: string): Promise<CalendarGrant>;
  revoke(token: string): Promise<void>;
  /** The account's address (for the admin screen). */
  accountEmail(creds: CalendarCredentials): Promise<string | null>;
  listCalendars(creds: CalendarCredentials): Promise<CalendarSummary[]>;
  /**
   * One call over every page: with `syncToken`, the changes since; without, everything from
   * `timeMin`. Throws 'sync_token_expired' when the token is no longer accepted.
   */
  listEvents(
    creds: CalendarCredentials,
    calendarId: string,
    from: { syncToken: string } | { timeMin: Date },
  ): Promise<EventPage>;
  /**
   * Creates the event with this id, or updates it when it exists: safe to repeat. `exists` (we
   * wrote it before) only picks which call is tried first.
   */
  putEvent(
    creds: CalendarCredentials,
    calendarId: string,
    event: OutgoingEvent,
    opts: { notifyAttendees: boolean; exists: boolean },
  ): Promise<void>;
  /** Deletes the event; already gone is success. */
  deleteEvent(creds: CalendarCredentials, calendarId: string, eventId: string): Promise<void>;
  watch(
    creds: CalendarCredentials,
    calendarId: string,
    channel: WatchChannel,
  ): Promise<{ resourceId: string; expiresAt: Date }>;
  stopChannel(
    creds: CalendarCredentials,
    channel: { id: string; resourceId: string },
  ): Promise<void>;
}
