import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { idSchema, instantSchema, text } from '../common/primitives';

const tags = ['Calendar sync'];
// A human connects a calendar (OAuth in a browser): sessions only. Staff manage their own
// calendar, admins everyone's (checked in the use case).
const read = meta({ auth: 'member', minRole: 'staff', scope: 'read', sessionOnly: true, tags });
const write = meta({ auth: 'member', minRole: 'staff', scope: 'write', sessionOnly: true, tags });

export const calendarVendorSchema = z.enum(['google']).describe('Calendar vendor');

export const calendarSyncStateSchema = z.object({
  calendarId: z.string(),
  lastSyncedAt: instantSchema.nullable(),
  lastFullSyncAt: instantSchema.nullable(),
  channelExpiresAt: instantSchema
    .nullable()
    .describe('When the push channel ends (renewed a day before)'),
});

export const calendarConnectionSchema = z.object({
  id: idSchema,
  providerId: idSchema,
  vendor: calendarVendorSchema,
  accountEmail: z.string().nullable(),
  status: z
    .enum(['active', 'broken'])
    .describe('broken: the grant was revoked or expired; connect again'),
  busyCalendarIds: z.array(z.string()).describe('Calendars whose events are busy time'),
  bookingCalendarId: z.string().nullable().describe('Calendar that receives bookings (null: none)'),
  inviteCustomers: z.boolean().describe('Bookings written out list the customer as an attendee'),
  lastSyncedAt: instantSchema.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: instantSchema.nullable(),
  brokenAt: instantSchema.nullable(),
  nextPollAt: instantSchema.nullable().describe('The polling fallback syncs by then at the latest'),
  nextRenewalAt: instantSchema.nullable().describe('When the first push channel is renewed'),
  calendars: z.array(calendarSyncStateSchema),
  createdAt: instantSchema,
});
export type CalendarConnectionDto = z.infer<typeof calendarConnectionSchema>;

export const calendarSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  primary: z.boolean(),
  writable: z.boolean(),
  timeZone: z.string().nullable(),
});

const calendarIdSchema = text().trim().min(1).max(1024);
const idParams = z.object({ id: idSchema });

export const calendarContract = c.router(
  {
    listConnections: {
      method: 'GET',
      path: '/v1/admin/calendar/connections',
      summary: 'Calendar connections (all for admins, their own for staff), with sync status',
      responses: {
        200: z.object({
          items: z.array(calendarConnectionSchema),
          vendors: z.array(calendarVendorSchema),
        }),
      },
      metadata: read,
    },
    authorize: {
      method: 'POST',
      path: '/v1/admin/calendar/connections/authorize',
      summary:
        "Start connecting a staff member's calendar: the vendor's consent URL (offline access, incremental scopes)",
      body: z
        .object({ providerId: idSchema, vendor: calendarVendorSchema.default('google') })
        .strict(),
      responses: { 200: z.object({ url: z.string().url() }) },
      metadata: { ...write, errors: [402] },
    },
    complete: {
      method: 'POST',
      path: '/v1/admin/calendar/connections/complete',
      summary: 'Finish connecting: the code and state the vendor sent back to the callback page',
      body: z.object({ code: text().min(1).max(4096), state: text().min(1).max(4096) }).strict(),
      responses: { 201: calendarConnectionSchema },
      metadata: { ...write, errors: [402] },
    },
    getConnection: {
      method: 'GET',
      path: '/v1/admin/calendar/connections/:id',
      summary: 'One calendar connection with its sync status',
      pathParams: idParams,
      responses: { 200: calendarConnectionSchema },
      metadata: read,
    },
    listCalendars: {
      method: 'GET',
      path: '/v1/admin/calendar/connections/:id/calendars',
      summary: "The account's calendars, for the pickers",
      pathParams: idParams,
      responses: { 200: z.object({ items: z.array(calendarSummarySchema) }) },
      metadata: read,
    },
    updateConnection: {
      method: 'PATCH',
      path: '/v1/admin/calendar/connections/:id',
      summary:
        'Choose the busy calendars, the calendar receiving bookings, and whether customers are attendees',
      pathParams: idParams,
      body: z
        .object({
          busyCalendarIds: z.array(calendarIdSchema).max(50).optional(),
          bookingCalendarId: calendarIdSchema.nullable().optional(),
          inviteCustomers: z.boolean().optional(),
        })
        .strict(),
      responses: { 200: calendarConnectionSchema },
      metadata: { ...write, errors: [402] },
    },
    syncNow: {
      method: 'POST',
      path: '/v1/admin/calendar/connections/:id/sync',
      summary: 'Queue a sync now',
      pathParams: idParams,
      body: z.object({}).strict(),
      responses: { 202: calendarConnectionSchema },
      metadata: write,
    },
    disconnect: {
      method: 'DELETE',
      path: '/v1/admin/calendar/connections/:id',
      summary:
        'Revoke the grant at the vendor and delete the connection, its busy time and sync state',
      pathParams: idParams,
      body: c.noBody(),
      responses: {
        200: z.object({
          revoked: z
            .boolean()
            .describe('false: the vendor could not be reached; the data is deleted anyway'),
        }),
      },
      metadata: write,
    },
  },
  { commonResponses: errorResponses },
);

/** Push notifications from calendar vendors (Google events.watch channels). */
export const calendarWebhooksContract = c.router(
  {
    push: {
      method: 'POST',
      path: '/v1/webhooks/calendar/:vendor',
      summary:
        'Google Calendar push notification (verified by its channel token); queues an incremental sync',
      pathParams: z.object({ vendor: calendarVendorSchema }),
      headers: z.object({
        'x-goog-channel-id': text().max(256).optional(),
        'x-goog-channel-token': text().max(512).optional(),
        'x-goog-resource-state': text().max(64).optional(),
        'x-goog-message-number': text().max(32).optional(),
      }),
      body: c.noBody(),
      responses: { 200: z.object({ ok: z.literal(true) }) },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags }),
    },
  },
  { commonResponses: errorResponses },
);
