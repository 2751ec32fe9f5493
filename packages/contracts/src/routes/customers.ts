import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { currencySchema, idSchema, instantSchema, localDateSchema, text } from '../common/primitives';
import { pageSchema, paginationQuerySchema } from '../common/pagination';
import { emailSchema, phoneSchema, timeZoneSchema } from '../common/fields';
import { bookingStatusSchema } from './bookings';
import { waitlistStatusSchema } from './waitlist';

export const customerSchema = z.object({
  id: idSchema,
  name: text(),
  email: text().nullable().describe('Lower-cased'),
  phone: text().nullable().describe('+ followed by digits'),
  notes: text().describe('Internal notes; never shown to the customer'),
  locale: text().nullable(),
  timeZone: text().nullable(),
  erasedAt: instantSchema.nullable().describe('Set when the personal data was erased (GDPR)'),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type CustomerDto = z.infer<typeof customerSchema>;

const customerNameSchema = text().trim().min(1).max(120);
const notesSchema = text().max(5000);

export const createCustomerSchema = z
  .object({
    name: customerNameSchema,
    email: emailSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    notes: notesSchema.optional(),
    locale: text().min(2).max(35).optional(),
    timeZone: timeZoneSchema.optional(),
  })
  .strict();

export const updateCustomerSchema = z
  .object({
    name: customerNameSchema,
    email: emailSchema.nullable(),
    phone: phoneSchema.nullable(),
    notes: notesSchema,
  })
  .partial()
  .strict();

export const customerSearchQuerySchema = paginationQuerySchema.extend({
  search: text()
    .trim()
    .max(100)
    .optional()
    .describe('Prefix, case-insensitive: any word of the name, the email, or the phone digits'),
});

const namedRefSchema = z.object({ id: idSchema, name: text() });

export const customerBookingSummarySchema = z.object({
  id: idSchema,
  confirmationCode: text(),
  status: bookingStatusSchema,
  startAt: instantSchema,
  endAt: instantSchema,
  service: namedRefSchema,
  provider: namedRefSchema,
  priceCents: z.number().int(),
  currency: currencySchema,
});

export const customerStatsSchema = z.object({
  visits: z.number().int().describe('Completed bookings'),
  noShows: z.number().int(),
  cancellations: z.number().int(),
  upcoming: z.number().int().describe('Pending or confirmed bookings that have not started yet'),
  totalSpentCents: z
    .number()
    .int()
    .describe(
      'Net captured payments (captures − refunds) when the ledger has captures for this customer; otherwise the price of completed bookings',
    ),
  currency: currencySchema.describe('The business currency'),
});

export const customerProfileSchema = z.object({
  customer: customerSchema,
  stats: customerStatsSchema,
  recentBookings: z
    .array(customerBookingSummarySchema)
    .describe('Last 20 bookings, newest start first'),
});

export const customerExportSchema = z
  .object({
    exportedAt: instantSchema,
    customer: customerSchema,
    bookings: z.array(
      customerBookingSummarySchema.extend({
        depositCents: z.number().int(),
        customerTimeZone: text().nullable(),
        customerNotes: text(),
        staffNotes: text(),
        source: text(),
        cancelReason: text().nullable(),
        cancelledAt: instantSchema.nullable(),
        createdAt: instantSchema,
        intakeAnswers: z.array(
          z.object({ key: text(), label: text(), value: z.unknown() }),
        ),
        history: z.array(
          z.object({
            action: text(),
            fromStatus: bookingStatusSchema.nullable(),
            toStatus: bookingStatusSchema.nullable(),
            actorType: text(),
            reason: text().nullable(),
            createdAt: instantSchema,
          }),
        ),
      }),
    ),
    payments: z.array(
      z.object({
        id: idSchema,
        bookingId: idSchema.nullable(),
        kind: text(),
        status: text(),
        amountCents: z.number().int(),
        currency: currencySchema,
        gateway: text(),
        createdAt: instantSchema,
      }),
    ),
    waitlist: z.array(
      z.object({
        id: idSchema,
        service: namedRefSchema,
        providerId: idSchema.nullable(),
        fromDate: localDateSchema,
        toDate: localDateSchema,
        status: waitlistStatusSchema,
        notifiedAt: instantSchema.nullable(),
        createdAt: instantSchema,
      }),
    ),
  })
  .describe('Everything stored about one customer (GDPR right of access)');

const idParams = z.object({ id: idSchema });

export const customersContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/customers',
      summary: 'List or search customers (erased customers are left out), newest first',
      query: customerSearchQuerySchema,
      responses: { 200: pageSchema(customerSchema) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Customers'] }),
    },
    create: {
      method: 'POST',
      path: '/v1/admin/customers',
      summary: 'Add a customer; an email or phone another customer has → 409',
      body: createCustomerSchema,
      responses: { 201: customerSchema },
      metadata: meta({ auth: 'member', minRole: 'staff', scope: 'write', tags: ['Customers'] }),
    },
    get: {
      method: 'GET',
      path: '/v1/admin/customers/:id',
      summary: 'A customer\u2019s profile, stats and last 20 bookings',
      pathParams: idParams,
      responses: { 200: customerProfileSchema },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Customers'] }),
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/customers/:id',
      summary: 'Change a customer\u2019s name, email, phone or notes',
      pathParams: idParams,
      body: updateCustomerSchema,
      responses: { 200: customerSchema },
      metadata: meta({ auth: 'member', minRole: 'staff', scope: 'write', tags: ['Customers'] }),
    },
    export: {
      method: 'GET',
      path: '/v1/admin/customers/:id/export',
      summary: 'Everything stored about a customer, as JSON (GDPR data export)',
      pathParams: idParams,
      responses: { 200: customerExportSchema },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Customers'] }),
    },
    erase: {
      method: 'POST',
      path: '/v1/admin/customers/:id/erase',
      summary:
        'Anonymise a customer\u2019s personal data (GDPR erasure); payments and booking figures are kept. Idempotent.',
      pathParams: idParams,
      body: c.noBody(),
      responses: { 200: customerSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags: ['Customers'] }),
    },
  },
  { commonResponses: errorResponses },
);
