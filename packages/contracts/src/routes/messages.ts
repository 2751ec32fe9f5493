import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { pageSchema, paginationQuerySchema } from '../common/pagination';
import { idSchema, instantSchema, text } from '../common/primitives';

/** Every message Slotwise sends (docs/guides/messages.md): the message log's `template`. */
export const messageTemplateNames = [
  'booking.booked',
  'booking.requested',
  'booking.payment_required',
  'booking.payment_expired',
  'booking.confirmed',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.reminder',
  'waitlist.slot_available',
  'business.new_booking',
  'business.approval_needed',
  'business.rescheduled',
  'business.cancelled',
] as const;
export const messageTemplateSchema = z.enum(messageTemplateNames);
export const messageLocaleSchema = z.enum(['en', 'es', 'fr']);

export const messageTemplateItemSchema = z.object({
  template: messageTemplateSchema,
  locale: messageLocaleSchema,
  audience: z.enum(['customer', 'business']),
  /** The tenant's wording; null: the default below is used. */
  subject: text().nullable(),
  intro: text().nullable(),
  defaultSubject: text(),
  defaultIntro: text(),
});
export type MessageTemplateDto = z.infer<typeof messageTemplateItemSchema>;

export const updateMessageTemplateSchema = z
  .object({
    subject: text()
      .trim()
      .max(200)
      .nullable()
      .describe(
        'Placeholders: {business} {service} {provider} {customer} {when} {code}; null for the default',
      ),
    intro: text()
      .trim()
      .max(2000)
      .nullable()
      .describe('The first paragraph; same placeholders; null for the default'),
  })
  .strict();

export const messagePreviewSchema = z.object({ subject: text(), text: text(), html: text() });

const params = z.object({ template: messageTemplateSchema, locale: messageLocaleSchema });

export const messageTemplatesContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/message-templates',
      summary:
        'Every message, per language, with the business\u2019s subject and intro and the defaults',
      responses: { 200: z.object({ items: z.array(messageTemplateItemSchema) }) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Messages'] }),
    },
    update: {
      method: 'PUT',
      path: '/v1/admin/message-templates/:template/:locale',
      summary: 'Set (or, with nulls, reset) the subject and intro of one message in one language',
      pathParams: params,
      body: updateMessageTemplateSchema,
      responses: { 200: messageTemplateItemSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags: ['Messages'] }),
    },
    preview: {
      method: 'POST',
      path: '/v1/admin/message-templates/:template/:locale/preview',
      summary:
        'Render a message with sample booking data, the business\u2019s branding and the given wording',
      pathParams: params,
      body: updateMessageTemplateSchema.partial(),
      responses: { 200: messagePreviewSchema },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Messages'] }),
    },
  },
  { commonResponses: errorResponses },
);

// ---- The message log (every channel) and resend ----

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export const messageChannelSchema = z.enum(MESSAGE_CHANNELS);

export const MESSAGE_STATUSES = [
  'recorded',
  'sending',
  'needs_review',
  'sent',
  'delivered',
  'bounced',
  'failed',
  'undelivered',
] as const;
export const messageStatusSchema = z
  .enum(MESSAGE_STATUSES)
  .describe(
    '`recorded`: kept by the local transport of the embedded default (nothing was sent); `sending`: the provider has not answered yet; `needs_review`: a crash left it unknown whether it was sent; `sent`: the provider accepted it; `delivered`, `bounced`, `failed`, `undelivered`: the provider\u2019s later report',
  );

export const messageSchema = z.object({
  id: idSchema,
  channel: messageChannelSchema,
  template: text().describe('What produced it, e.g. `booking.confirmed`, `account.password_reset`'),
  to: text().describe('Email address or phone number'),
  subject: text().describe('Empty for SMS'),
  text: text().describe('The text as sent; secrets (manage links, tokens) appear as [redacted]'),
  html: text().nullable(),
  transport: text().describe('`postmark`, `twilio` or `local`'),
  status: messageStatusSchema,
  providerMessageId: text().nullable(),
  error: text().nullable(),
  bookingId: idSchema.nullable(),
  resendOf: idSchema.nullable().describe('The message this one repeats'),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type MessageDto = z.infer<typeof messageSchema>;

export const messageListQuerySchema = paginationQuerySchema.extend({
  channel: messageChannelSchema.optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  template: text().trim().min(1).max(100).optional(),
  bookingId: idSchema.optional().describe('Only the messages about this booking'),
  to: text().trim().min(1).max(200).optional().describe('Part of the recipient\u2019s address or number'),
});

const idParams = z.object({ id: idSchema });

export const messagesContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/messages',
      summary: 'The message log: every email and SMS, newest first, with filters',
      query: messageListQuerySchema,
      responses: { 200: pageSchema(messageSchema) },
      metadata: meta({ auth: 'member', minRole: 'staff', scope: 'read', tags: ['Messages'] }),
    },
    get: {
      method: 'GET',
      path: '/v1/admin/messages/:id',
      summary: 'One message of the log',
      pathParams: idParams,
      responses: { 200: messageSchema },
      metadata: meta({ auth: 'member', minRole: 'staff', scope: 'read', tags: ['Messages'] }),
    },
    resend: {
      method: 'POST',
      path: '/v1/admin/messages/:id/resend',
      summary:
        'Send a message again to the same recipient (a new log entry); an SMS only while the number has consent and has not replied STOP',
      pathParams: idParams,
      body: c.noBody(),
      responses: { 201: messageSchema },
      metadata: meta({ auth: 'member', minRole: 'staff', scope: 'write', tags: ['Messages'] }),
    },
  },
  { commonResponses: errorResponses },
);
