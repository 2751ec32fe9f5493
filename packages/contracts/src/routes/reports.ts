import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { timeZoneSchema } from '../common/fields';
import { currencySchema, idSchema, localDateSchema, moneySchema, text } from '../common/primitives';
import { bookingStatusSchema } from './bookings';

export const MAX_REPORT_DAYS = 366;

const daysInclusive = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

export const reportRangeQuerySchema = z
  .object({
    from: localDateSchema.describe('First day, in the business\u2019s time zone'),
    to: localDateSchema.describe(`Last day (inclusive); at most ${MAX_REPORT_DAYS} days in all`),
  })
  .superRefine((q, ctx) => {
    const days = daysInclusive(q.from, q.to);
    if (days < 1)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from' });
    else if (days > MAX_REPORT_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `The range may span at most ${MAX_REPORT_DAYS} days`,
      });
  });
export type ReportRange = z.infer<typeof reportRangeQuerySchema>;

/** Days before and after today (business zone) in the summary's default range. */
export const DEFAULT_REPORT_PAST_DAYS = 29;
export const DEFAULT_REPORT_FUTURE_DAYS = 28;

export const reportSummaryQuerySchema = z
  .object({
    from: localDateSchema
      .optional()
      .describe(`First day; default ${DEFAULT_REPORT_PAST_DAYS} days before today (business zone)`),
    to: localDateSchema
      .optional()
      .describe(
        `Last day (inclusive); default ${DEFAULT_REPORT_FUTURE_DAYS} days after today, so the coming weeks show`,
      ),
    locationId: idSchema
      .optional()
      .describe(
        'Only bookings with the providers working at this location, and only those providers\u2019 utilisation (404 when unknown)',
      ),
  })
  .superRefine((q, ctx) => {
    if (q.from === undefined || q.to === undefined) return; // defaults are filled in by the server
    const days = daysInclusive(q.from, q.to);
    if (days < 1)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from' });
    else if (days > MAX_REPORT_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `The range may span at most ${MAX_REPORT_DAYS} days`,
      });
  });
export type ReportSummaryQuery = z.infer<typeof reportSummaryQuerySchema>;

/** Money that may be negative (a period's refunds can exceed its captures). */
const signedMoneySchema = z
  .object({
    amount: z.number().int().describe('Minor units; may be negative'),
    currency: currencySchema,
  })
  .describe('Signed money in integer minor units');

const ratioSchema = z.number().min(0).describe('Between 0 and 1, rounded to 4 decimals');

export const reportSummarySchema = z.object({
  from: localDateSchema,
  to: localDateSchema,
  timeZone: timeZoneSchema.describe('The business zone the dates and busy hours are in'),
  bookings: z
    .object({
      total: z.number().int(),
      byStatus: z.record(bookingStatusSchema, z.number().int()),
    })
    .describe('Bookings starting in the range'),
  revenue: z
    .object({
      collected: z
        .object({
          captured: z
            .array(moneySchema)
            .describe('Payments captured (deposits, full payments, holds captured)'),
          fees: z.array(moneySchema).describe('Cancellation and no-show fees charged'),
          refunded: z.array(moneySchema).describe('Refunds'),
          net: z.array(signedMoneySchema).describe('captured + fees − refunded'),
        })
        .describe(
          'Money the payments ledger moved on the range’s days (business zone), whatever the booking’s date; ' +
            'money taken outside Slotwise (at the desk) is not in it',
        ),
      paymentsInUse: z
        .boolean()
        .describe(
          'Whether the business has ever taken a payment through Slotwise; without, collected is empty and the ' +
            'booking values below are the money figures',
        ),
      booked: z
        .array(moneySchema)
        .describe('Price of bookings neither cancelled nor no-shows, one entry per currency'),
      completed: z
        .array(moneySchema)
        .describe('Price of completed bookings, one entry per currency'),
      upcoming: z
        .array(moneySchema)
        .describe(
          'Price of bookings still to happen (pending payment, pending, confirmed, checked in)',
        ),
      upcomingDue: z
        .array(signedMoneySchema)
        .describe(
          'upcoming less what the ledger already holds for those bookings (deposits): still to come in',
        ),
      noShow: z
        .array(moneySchema)
        .describe(
          'Price of no-shows (not in booked; any no-show fee is in collected), one entry per currency',
        ),
    })
    .describe('Minor units; normally one currency'),
  daily: z
    .array(
      z.object({
        date: localDateSchema,
        bookings: z
          .number()
          .int()
          .describe('Bookings starting that day, neither cancelled nor no-shows'),
        collected: z.array(signedMoneySchema).describe('Net ledger money moved that day'),
      }),
    )
    .describe('Every day of the range, in order'),
  noShowRate: ratioSchema.describe('No-shows / bookings in the range'),
  cancellationRate: ratioSchema.describe('Cancellations / bookings in the range'),
  utilisation: z
    .array(
      z.object({
        providerId: idSchema,
        name: text(),
        bookedMinutes: z
          .number()
          .int()
          .describe('Minutes of bookings not cancelled (a class counts once, not per seat)'),
        availableMinutes: z
          .number()
          .int()
          .describe(
            'Minutes of weekly working hours over the range; date overrides and closures are not subtracted',
          ),
        rate: z
          .number()
          .min(0)
          .nullable()
          .describe('bookedMinutes / availableMinutes (4 decimals); null without working hours'),
      }),
    )
    .describe('Per provider'),
  busyHours: z
    .array(
      z.object({
        weekday: z.number().int().min(1).max(7).describe('ISO weekday, Monday = 1'),
        hour: z.number().int().min(0).max(23),
        bookings: z.number().int(),
      }),
    )
    .describe('Bookings not cancelled by local weekday and start hour; empty cells are left out'),
  topServices: z
    .array(
      z.object({
        serviceId: idSchema,
        name: text(),
        bookings: z.number().int(),
        revenue: z.array(moneySchema),
      }),
    )
    .describe('Top 10 services by bookings neither cancelled nor no-shows, then by revenue'),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const BOOKINGS_CSV_COLUMNS = [
  'booking_id',
  'confirmation_code',
  'status',
  'start',
  'end',
  'service',
  'provider',
  'customer_name',
  'customer_email',
  'customer_phone',
  'price',
  'currency',
  'source',
  'created_at',
] as const;

export const reportsContract = c.router(
  {
    summary: {
      method: 'GET',
      path: '/v1/admin/reports/summary',
      summary:
        'Bookings, revenue, rates, utilisation, busy hours and top services for a date range (default: the last 30 days and the next 4 weeks)',
      query: reportSummaryQuerySchema,
      responses: { 200: reportSummarySchema },
      metadata: meta({
        auth: 'member',
        minRole: 'viewer',
        scope: 'read',
        tags: ['Reports'],
        errors: [404],
      }),
    },
    bookingsCsv: {
      method: 'GET',
      path: '/v1/admin/reports/bookings.csv',
      summary:
        'Bookings starting in a date range as CSV (RFC 4180, UTF-8, local times in the business zone)',
      description:
        `Columns: ${BOOKINGS_CSV_COLUMNS.join(', ')}. Cells starting with = + - @ (or a tab or carriage return) are prefixed ` +
        'with an apostrophe so spreadsheets never run them as formulas.',
      query: reportRangeQuerySchema,
      responses: { 200: c.otherResponse({ contentType: 'text/csv', body: text() }) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Reports'] }),
    },
  },
  { commonResponses: errorResponses },
);
