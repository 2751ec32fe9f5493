import { createHash } from 'node:crypto';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import {
  CalendarFailure,
  type CalendarCredentials,
  type CalendarEvent,
  type CalendarProvider,
} from '../../ports/calendar';

export interface GoogleCalendarOptions {
  clientId: string;
  clientSecret: string;
  /** Where Google sends the browser back: the admin app's callback page. */
  redirectUri: string;
  /** Overrides of Google's endpoints (tests point them at the local stand-in). */
  apiRoot?: string;
  oauthAuthUrl?: string;
  oauthTokenUrl?: string;
  oauthRevokeUrl?: string;
}

/** Read/write events and list calendars; `calendar.events` alone cannot list the calendars. */
const SCOPES = [
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/calendar.readonly',
];
/** The property on every event we write: how we recognise our own events when reading back. */
export const BOOKING_PROPERTY = 'slotwiseBookingId';

/**
 * Google Calendar through the official client (@googleapis/calendar + google-auth-library).
 * Retries are off in the client: 403 rateLimitExceeded and 429 are thrown as 'rate_limited' and
 * the app backs off (the client would not retry a POST anyway), 5xx as 'unavailable' (the job
 * queue retries). Access tokens live in memory only, one OAuth client per refresh token.
 */
export function googleCalendar(opts: GoogleCalendarOptions): CalendarProvider {
  const oauth = () =>
    new OAuth2Client({
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      redirectUri: opts.redirectUri,
      endpoints: {
        ...(opts.oauthAuthUrl ? { oauth2AuthBaseUrl: opts.oauthAuthUrl } : {}),
        ...(opts.oauthTokenUrl ? { oauth2TokenUrl: opts.oauthTokenUrl } : {}),
        ...(opts.oauthRevokeUrl ? { oauth2RevokeUrl: opts.oauthRevokeUrl } : {}),
      },
    });
  const clients = new Map<string, calendar_v3.Calendar>();
  const api = (creds: CalendarCredentials) => {
    const key = createHash('sha256').update(creds.refreshToken).digest('hex');
    let c = clients.get(key);
    if (!c) {
      const auth = oauth();
      auth.setCredentials({ refresh_token: creds.refreshToken });
      c = calendar({
        version: 'v3',
        auth,
        retry: false,
        ...(opts.apiRoot ? { rootUrl: opts.apiRoot } : {}),
      });
      if (clients.size > 1_000) clients.clear();
      clients.set(key, c);
    }
    return c;
  };
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw failureOf(err);
    }
  };

  return {
    vendor: 'google',
    scopes: SCOPES,
    authorizationUrl({ state, scopes, loginHint }) {
      return oauth().generateAuthUrl({
        access_type: 'offline',
        include_granted_scopes: true,
        // consent: Google returns a refresh token on every connect, not only the first.
        prompt: 'consent',
        scope: scopes,
        state,
        ...(loginHint ? { login_hint: loginHint } : {}),
      });
    },
    async exchangeCode(code) {
      const { tokens } = await call(() => oauth().getToken(code));
      if (!tokens.refresh_token)
        throw new CalendarFailure(
          'rejected',
          'Google returned no refresh token (offline access was not granted)',
        );
      return {
        refreshToken: tokens.refresh_token,
        scopes: (tokens.scope ?? '').split(' ').filter(Boolean),
      };
    },
    async revoke(token) {
      try {
        await oauth().revokeToken(token);
      } catch (err) {
        const f = failureOf(err);
        // Already revoked or expired: nothing left to revoke.
        if (f.kind !== 'auth' && f.kind !== 'rejected') throw f;
      }
    },
    async accountEmail(creds) {
      const r = await call(() => api(creds).calendars.get({ calendarId: 'primary' }));
      return r.data.id ?? null;
    },
    async listCalendars(creds) {
      const out: Awaited<ReturnType<CalendarProvider['listCalendars']>> = [];
      let pageToken: string | undefined;
      do {
        const r = await call(() => api(creds).calendarList.list({ pageToken, maxResults: 250 }));
        for (const c of r.data.items ?? []) {
          if (!c.id) continue;
          out.push({
            id: c.id,
            name: c.summaryOverride ?? c.summary ?? c.id,
            primary: c.primary === true,
            writable: c.accessRole === 'owner' || c.accessRole === 'writer',
            timeZone: c.timeZone ?? null,
          });
        }
        pageToken = r.data.nextPageToken ?? undefined;
      } while (pageToken);
      return out;
    },
    async listEvents(creds, calendarId, from) {
      // With a sync token, any 410 means "start over" (Google documents the code, not only the reason).
      const listing = async <T>(fn: () => Promise<T>) =>
        call(fn).catch((err: CalendarFailure) => {
          throw 'syncToken' in from && err.status === 410
            ? new CalendarFailure('sync_token_expired', err.message, 410)
            : err;
        });
      const events: CalendarEvent[] = [];
      let pageToken: string | undefined;
      let timeZone: string | null = null;
      for (;;) {
        const r = await listing(() =>
          api(creds).events.list({
            calendarId,
            pageToken,
            maxResults: 250,
            // Recurring events as instances: each one its own busy interval.
            singleEvents: true,
            showDeleted: 'syncToken' in from,
            ...('syncToken' in from
              ? { syncToken: from.syncToken }
              : { timeMin: from.timeMin.toISOString() }),
          }),
        );
        timeZone = r.data.timeZone ?? timeZone;
        for (const e of r.data.items ?? []) if (e.id) events.push(toEvent(e));
        pageToken = r.data.nextPageToken ?? undefined;
        if (!pageToken) return { events, nextSyncToken: r.data.nextSyncToken ?? null, timeZone };
      }
    },
    async putEvent(creds, calendarId, event, { notifyAttendees, exists }) {
      const body: calendar_v3.Schema$Event = {
        id: event.id,
        summary: event.summary,
        description: event.description,
        start: { dateTime: event.start.toISOString() },
        end: { dateTime: event.end.toISOString() },
        attendees: event.attendees.map((a) => ({ email: a.email, displayName: a.name })),
        status: 'confirmed',
        // Busy in the staff member's calendar; our own property keeps it out of busy time here.
        transparency: 'opaque',
        extendedProperties: { private: { [BOOKING_PROPERTY]: event.bookingId } },
      };
      const sendUpdates = notifyAttendees ? 'all' : 'none';
      const insert = () =>
        call(() => api(creds).events.insert({ calendarId, sendUpdates, requestBody: body }));
      const patch = () =>
        call(() =>
          api(creds).events.patch({
            calendarId,
            eventId: event.id,
            sendUpdates,
            requestBody: body,
          }),
        );
      const is = (kind: string) => (err: unknown) =>
        err instanceof CalendarFailure && err.kind === kind;
      if (exists) {
        // Deleted by the user in the meantime (404): create it again under the same id.
        await patch().catch((err: unknown) =>
          is('not_found')(err) ? insert() : Promise.reject(err),
        );
        return;
      }
      // 409: the id exists (an earlier try that crashed before recording it, or a cancelled
      // booking's event being revived): update it instead.
      await insert().catch((err: unknown) => (is('conflict')(err) ? patch() : Promise.reject(err)));
    },
    async deleteEvent(creds, calendarId, eventId) {
      try {
        // Our own email tells the customer; Google must not send a second cancellation.
        await call(() => api(creds).events.delete({ calendarId, eventId, sendUpdates: 'none' }));
      } catch (err) {
        if (err instanceof CalendarFailure && err.kind === 'not_found') return;
        throw err;
      }
    },
    async watch(creds, calendarId, channel) {
      const r = await call(() =>
        api(creds).events.watch({
          calendarId,
          requestBody: {
            id: channel.id,
            token: channel.token,
            type: 'web_hook',
            address: channel.address,
            params: { ttl: String(channel.ttlSeconds) },
          },
        }),
      );
      const exp = Number(r.data.expiration);
      return {
        resourceId: r.data.resourceId ?? '',
        expiresAt: new Date(
          Number.isFinite(exp) && exp > 0 ? exp : Date.now() + channel.ttlSeconds * 1000,
        ),
      };
    },
    async stopChannel(creds, channel) {
      try {
        await call(() =>
          api(creds).channels.stop({
            requestBody: { id: channel.id, resourceId: channel.resourceId },
          }),
        );
      } catch (err) {
        if (err instanceof CalendarFailure && (err.kind === 'not_found' || err.kind === 'auth'))
          return;
        throw err;
      }
    },
  };
}

function toEvent(e: calendar_v3.Schema$Event): CalendarEvent {
  const self = e.attendees?.find((a) => a.self);
  const allDay =
    e.start?.date && e.end?.date ? { startDate: e.start.date, endDate: e.end.date } : null;
  const status = e.status === 'cancelled' || e.status === 'tentative' ? e.status : 'confirmed';
  return {
    id: e.id!,
    status,
    start: e.start?.dateTime ? new Date(e.start.dateTime) : null,
    end: e.end?.dateTime ? new Date(e.end.dateTime) : null,
    allDay,
    transparent: e.transparency === 'transparent',
    selfResponse: (self?.responseStatus as CalendarEvent['selfResponse']) ?? null,
    slotwiseBookingId: e.extendedProperties?.private?.[BOOKING_PROPERTY] ?? null,
  };
}

interface GaxiosLike {
  status?: number;
  response?: { status?: number; data?: unknown };
  code?: string;
  message?: string;
}

/** Google's answer as a CalendarFailure kind: the one place its status codes and reasons are read. */
export function failureOf(err: unknown): CalendarFailure {
  if (err instanceof CalendarFailure) return err;
  const g = (err ?? {}) as GaxiosLike;
  const status = g.response?.status ?? g.status;
  const data = (g.response?.data ?? {}) as { error?: unknown; error_description?: string };
  const apiError =
    typeof data.error === 'object' && data.error
      ? (data.error as { errors?: { reason?: string }[]; message?: string })
      : null;
  const reasons = apiError?.errors?.map((e) => e.reason ?? '') ?? [];
  const oauthError = typeof data.error === 'string' ? data.error : null;
  const msg =
    apiError?.message ??
    data.error_description ??
    oauthError ??
    g.message ??
    'Google Calendar request failed';
  if (
    status === 429 ||
    reasons.some((r) => r === 'rateLimitExceeded' || r === 'userRateLimitExceeded')
  ) {
    return new CalendarFailure('rate_limited', msg, status);
  }
  if (oauthError === 'invalid_grant' || oauthError === 'unauthorized_client' || status === 401)
    return new CalendarFailure('auth', msg, status);
  if (status === 403) return new CalendarFailure('auth', msg, status);
  if (status === 410 && reasons.includes('fullSyncRequired'))
    return new CalendarFailure('sync_token_expired', msg, status);
  if (status === 404 || status === 410) return new CalendarFailure('not_found', msg, status);
  if (status === 409) return new CalendarFailure('conflict', msg, status);
  if (status === undefined || status >= 500 || status === 408)
    return new CalendarFailure('unavailable', msg, status);
  return new CalendarFailure('rejected', msg, status);
}
