import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { idSchema, instantSchema, localDateSchema, text } from '../common/primitives';
import { pageSchema, paginationQuerySchema } from '../common/pagination';
import { bookingCustomerInputSchema } from './bookings';

export const MAX_WAITLIST_DAYS = 90;

export const waitlistStatusSchema = z.enum(['waiting', 'notified', 'booked', 'cancelled']);
export type WaitlistStatus = z.infer<typeof waitlistStatusSchema>;

const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export const joinWaitlistSchema = z
  .object({
    serviceId: idSchema,
    providerId: idSchema
      .optional()
      .describe('Only this provider; any provider of the service when omitted'),
    fromDate: localDateSchema.describe('First acceptable date, in the business\u2019s zone'),
    toDate: localDateSchema.describe(
      `Last acceptable date; at most ${MAX_WAITLIST_DAYS} days after fromDate`,
    ),
    customer: bookingCustomerInputSchema,
  })
  .strict()
  .superRefine((b, ctx) => {
    const span = daysBetween(b.fromDate, b.toDate);
    if (span < 0)
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'Must not be before fromDate' });
    else if (span > MAX_WAITLIST_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['toDate'],
        message: `At most ${MAX_WAITLIST_DAYS} days after fromDate`,
      });
    }
  });

export const publicWaitlistEntrySchema = z.object({
  id: idSchema,
  serviceId: idSchema,
  providerId: idSchema.nullable(),
  fromDate: localDateSchema,
  toDate: localDateSchema,
  status: waitlistStatusSchema,
  createdAt: instantSchema,
});

export const waitlistEntrySchema = z.object({
  id: idSchema,
  service: z.object({ id: idSchema, name: text() }),
  providerId: idSchema.nullable(),
  customer: z.object({
    id: idSchema,
    name: text(),
    email: text().nullable(),
    phone: text().nullable(),
  }),
  fromDate: localDateSchema,
  toDate: localDateSchema,
  status: waitlistStatusSchema,
  notifiedAt: instantSchema.nullable(),
  createdAt: instantSchema,
});

export const waitlistContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/waitlist',
      summary: 'Waitlist entries, first come first served',
      query: paginationQuerySchema.extend({
        serviceId: idSchema.optional(),
        status: waitlistStatusSchema.optional(),
      }),
      responses: { 200: pageSchema(waitlistEntrySchema) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Waitlist'] }),
    },
    remove: {
      method: 'DELETE',
      path: '/v1/admin/waitlist/:id',
      summary: 'Take an entry off the waitlist (it is kept as cancelled for the record)',
      pathParams: z.object({ id: idSchema }),
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'member', minRole: 'staff', scope: 'write', tags: ['Waitlist'] }),
    },
  },
  { commonResponses: errorResponses },
);

export const publicWaitlistContract = c.router(
  {
    join: {
      method: 'POST',
      path: '/v1/public/tenants/:slug/waitlist',
      summary:
        'Join the waitlist of a service for a date range; you are told when a matching slot frees up',
      pathParams: z.object({ slug: text().max(64) }),
      body: joinWaitlistSchema,
      responses: { 201: publicWaitlistEntrySchema },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags: ['Public'] }),
    },
  },
  { commonResponses: errorResponses },
);
