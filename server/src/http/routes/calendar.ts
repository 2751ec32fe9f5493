import { contract, type CalendarConnectionDto } from '@slotwise/contracts';
import type { CalendarService } from '../../app/calendar';
import type { ConnectionView } from '../../app/calendar/connections';
import { AppError } from '../../app/errors';
import { principalOf } from '../context';
import { iso, isoOrNull } from '../presenters';
import { s } from '../server';

/** A connection with its sync status; the sealed grant and channel tokens never leave. */
export const calendarConnectionDto = (v: ConnectionView) =>
  ({
    id: v.connection.id,
    providerId: v.connection.providerId,
    vendor: 'google',
    accountEmail: v.connection.accountEmail,
    status: v.connection.status,
    busyCalendarIds: v.connection.busyCalendarIds,
    bookingCalendarId: v.connection.bookingCalendarId,
    inviteCustomers: v.connection.inviteCustomers,
    lastSyncedAt: isoOrNull(v.connection.lastSyncedAt),
    lastError: v.connection.lastError,
    lastErrorAt: isoOrNull(v.connection.lastErrorAt),
    brokenAt: isoOrNull(v.connection.brokenAt),
    nextPollAt: isoOrNull(v.nextPollAt),
    nextRenewalAt: isoOrNull(v.nextRenewalAt),
    calendars: v.states
      .filter((x) => v.connection.busyCalendarIds.includes(x.calendarId))
      .map((x) => ({
        calendarId: x.calendarId,
        lastSyncedAt: isoOrNull(x.lastSyncedAt),
        lastFullSyncAt: isoOrNull(x.lastFullSyncAt),
        channelExpiresAt: isoOrNull(x.channelExpiresAt),
      })),
    createdAt: iso(v.connection.createdAt),
  }) satisfies CalendarConnectionDto;

export function calendarRouter(calendar: CalendarService) {
  const c = calendar.connections;
  return s.router(contract.admin.calendar, {
    listConnections: async ({ req }) => ({
      status: 200,
      body: {
        items: (await c.list(principalOf(req))).map(calendarConnectionDto),
        vendors: c.vendors().filter((v) => v === 'google'),
      },
    }),
    authorize: async ({ body, req }) => ({
      status: 200,
      body: await c.authorizationUrl(principalOf(req), body),
    }),
    complete: async ({ body, req }) => ({
      status: 201,
      body: calendarConnectionDto(await c.complete(principalOf(req), body)),
    }),
    getConnection: async ({ params, req }) => ({
      status: 200,
      body: calendarConnectionDto(await c.get(principalOf(req), params.id)),
    }),
    listCalendars: async ({ params, req }) => ({
      status: 200,
      body: { items: await c.calendars(principalOf(req), params.id) },
    }),
    updateConnection: async ({ params, body, req }) => ({
      status: 200,
      body: calendarConnectionDto(await c.update(principalOf(req), params.id, body)),
    }),
    syncNow: async ({ params, req }) => ({
      status: 202,
      body: calendarConnectionDto(await c.syncNow(principalOf(req), params.id)),
    }),
    disconnect: async ({ params, req }) => ({
      status: 200,
      body: await c.disconnect(principalOf(req), params.id),
    }),
  });
}

/** Google's push: 200 once verified (or a handshake); an unknown channel or a wrong token is a 404. */
export function calendarWebhooksRouter(calendar: CalendarService) {
  return s.router(contract.webhooks.calendar, {
    push: async ({ params, headers }) => {
      const outcome = await calendar.push(params.vendor, {
        channelId: headers['x-goog-channel-id'],
        token: headers['x-goog-channel-token'],
        resourceState: headers['x-goog-resource-state'],
        messageNumber: headers['x-goog-message-number'],
      });
      if (outcome === 'unknown_channel' || outcome === 'bad_token')
        throw new AppError('not_found', 'Unknown notification channel');
      return { status: 200, body: { ok: true as const } };
    },
  });
}
