import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { text } from '../common/primitives';

/** Every message Slotwise sends (docs/guides/messages.md): the message log's `template`. */
export const messageTemplateNames = [
  'booking.booked',
  'booking.requested',
  'booking.payment_required',
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
