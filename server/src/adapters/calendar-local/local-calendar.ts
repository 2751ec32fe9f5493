import { randomBytes } from 'node:crypto';
import { CalendarFailure, type CalendarProvider, type OutgoingEvent } from '../../ports/calendar';

/**
 * The embedded default's calendar (no Google credentials configured): one calendar per connected
 * account, held in this process's memory, so `npm start` can walk the whole connect → pick
 * calendars → bookings written out → sync status flow without any vendor. "Connect" skips the
 * consent screen: the authorization URL is the admin callback page itself, with a local code.
 * Events written are kept until the process stops; nothing is ever busy time here (the only
 * events are our own bookings). Documented in docs/guides/calendar-sync.md.
 */
export function localCalendar(opts: {
  redirectUri: string;
}): CalendarProvider & { eventsOf(refreshToken: string): OutgoingEvent[] } {
  const calendars = new Map<string, Map<string, OutgoingEvent>>();
  const accountOf = (refreshToken: string) => {
    const events = calendars.get(refreshToken);
    if (!events)
      throw new CalendarFailure(
        'auth',
        'This local calendar grant is not known (the process restarted); connect again',
      );
    return events;
  };
  return {
    vendor: 'google',
    scopes: ['local.calendar'],
    authorizationUrl({ state }) {
      const u = new URL(opts.redirectUri);
      u.searchParams.set('code', `local-${randomBytes(12).toString('base64url')}`);
      u.searchParams.set('state', state);
      return u.toString();
    },
    async exchangeCode(code) {
      if (!code.startsWith('local-'))
        throw new CalendarFailure('rejected', 'Unknown authorization code');
      const refreshToken = `local-refresh-${randomBytes(24).toString('base64url')}`;
      calendars.set(refreshToken, new Map());
      return { refreshToken, scopes: ['local.calendar'] };
    },
    async revoke(token) {
      calendars.delete(token);
    },
    async accountEmail(creds) {
      accountOf(creds.refreshToken);
      return 'local@slotwise.local';
    },
    async listCalendars(creds) {
      accountOf(creds.refreshToken);
      return [
        {
          id: 'local',
          name: 'Local calendar (this process)',
          primary: true,
          writable: true,
          timeZone: 'UTC',
        },
      ];
    },
    async listEvents(creds) {
      accountOf(creds.refreshToken);
      return { events: [], nextSyncToken: 'local', timeZone: 'UTC' };
    },
    async putEvent(creds, _calendarId, event) {
      accountOf(creds.refreshToken).set(event.id, event);
    },
    async deleteEvent(creds, _calendarId, eventId) {
      accountOf(creds.refreshToken).delete(eventId);
    },
    async watch(creds, _calendarId, channel) {
      accountOf(creds.refreshToken);
      // Nothing ever changes outside this process: a channel that "lasts" the TTL, never pushing.
      return {
        resourceId: `local-${channel.id}`,
        expiresAt: new Date(Date.now() + channel.ttlSeconds * 1000),
      };
    },
    async stopChannel() {},
    eventsOf(refreshToken) {
      return [...(calendars.get(refreshToken)?.values() ?? [])];
    },
  };
}
