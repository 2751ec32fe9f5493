import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { emailSchema, phoneSchema, timeZoneSchema } from '../common/fields';
import { currencySchema, idSchema, instantSchema, slugSchema, text } from '../common/primitives';
import { STANDARD_WEEK, weekTemplateSchema } from './schedules';

export const cancellationPolicySchema = z.object({
  freeCancellationHours: z.number().int().min(0).max(24 * 90).default(24),
  lateCancellationFeePercent: z.number().int().min(0).max(100).default(0),
  noShowFeePercent: z.number().int().min(0).max(100).default(0),
  allowCustomerReschedule: z.boolean().default(true),
  rescheduleCutoffHours: z.number().int().min(0).max(24 * 90).default(2),
});

const clockTimeSchema = text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time as HH:MM');

/** Messages (docs/guides/messages.md): reminders, quiet hours and who at the business is told. */
const messageSettingsShape = {
  reminderOffsetsMinutes: z
    .array(z.number().int().min(5).max(60 * 24 * 14))
    .max(5)
    .default([1440, 120])
    .describe('Reminders before the start, in minutes (default 24 h and 2 h); [] for none'),
  reminderChannels: z
    .array(z.enum(['email', 'sms']))
    .min(1)
    .max(2)
    .default(['email'])
    .describe('Channels reminders go out on'),
  quietHours: z
    .object({ start: clockTimeSchema, end: clockTimeSchema })
    .nullable()
    .default(null)
    .describe('No reminder is sent between start and end in the customer\u2019s zone'),
  notifyProvider: z.boolean().default(true).describe('Email the provider about their bookings'),
  notifyBusiness: z
    .boolean()
    .default(true)
    .describe('Email the notification address (or the business email) about every booking'),
  notificationEmail: emailSchema
    .nullable()
    .default(null)
    .describe('Where business notices go; the business email when null'),
};

export const tenantSettingsSchema = z.object({
  cancellationPolicy: cancellationPolicySchema.default({}),
  defaultSlotIntervalMinutes: z.number().int().min(5).max(24 * 60).nullable().default(null),
  bookingConfirmationMode: z.enum(['auto', 'manual']).default('auto'),
  sendReminders: z.boolean().default(true),
  /** Superseded by reminderOffsetsMinutes (ADR 0011); kept so older clients still validate. */
  reminderHoursBefore: z.number().int().min(1).max(24 * 7).default(24),
  smsNotifications: z
    .boolean()
    .default(false)
    .describe('Text booking notices to customers who gave a phone number and opted in when booking'),
  ...messageSettingsShape,
  checkInOpensMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60)
    .describe('Staff can check a customer in from this many minutes before the start'),
  defaultWeeklyHours: weekTemplateSchema
    .default(STANDARD_WEEK)
    .describe(
      'Weekly hours a new provider starts with, wall clock in the provider zone (default Monday–Friday 09:00–17:00)',
    ),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

const brandColorSchema = text().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour as #rrggbb');
/** Refinements never throw: a throw inside zod escapes validation and answers 500. */
function isOrigin(s: string): boolean {
  try {
    return new URL(s).origin === s.replace(/\/$/, '');
  } catch {
    return false;
  }
}

const originSchema = text()
  .max(300)
  .refine(isOrigin, 'Expected an origin such as https://example.com');

export const tenantSchema = z.object({
  id: idSchema,
  slug: slugSchema,
  name: text(),
  description: text(),
  timeZone: timeZoneSchema,
  currency: currencySchema,
  locale: text(),
  email: text().nullable(),
  phone: text().nullable(),
  address: text().nullable(),
  logoUrl: text().nullable(),
  brandColor: text(),
  policiesText: text(),
  settings: tenantSettingsSchema,
  embedOrigins: z.array(text()),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Tenant = z.infer<typeof tenantSchema>;

export const updateTenantSchema = z
  .object({
    name: text().trim().min(1).max(120),
    description: text().max(2000),
    timeZone: timeZoneSchema,
    currency: currencySchema,
    locale: z.enum(['en', 'es', 'fr']),
    email: emailSchema.nullable(),
    phone: phoneSchema.nullable(),
    address: text().max(300).nullable(),
    logoUrl: text().url().max(2000).nullable(),
    brandColor: brandColorSchema,
    policiesText: text().max(5000),
    settings: tenantSettingsSchema.partial().extend({ cancellationPolicy: cancellationPolicySchema.partial().optional() }),
    embedOrigins: z.array(originSchema).max(20),
  })
  .partial()
  .strict();

export const publicTenantSchema = tenantSchema.pick({
  slug: true,
  name: true,
  description: true,
  timeZone: true,
  currency: true,
  locale: true,
  logoUrl: true,
  brandColor: true,
  policiesText: true,
  email: true,
  phone: true,
  address: true,
}).extend({
  cancellationPolicy: cancellationPolicySchema,
  acceptingBookings: z
    .boolean()
    .describe('False while the business cannot take new bookings online (its plan\u2019s monthly cap is reached)'),
});

export const tenantContract = c.router(
  {
    get: {
      method: 'GET',
      path: '/v1/admin/tenant',
      summary: 'Get the business profile and booking rules',
      responses: { 200: tenantSchema },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Tenant'] }),
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/tenant',
      summary: 'Update the business profile, zone, booking rules, branding or embed origins',
      body: updateTenantSchema,
      responses: { 200: tenantSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags: ['Tenant'] }),
    },
  },
  { commonResponses: errorResponses },
);

export const publicTenantContract = c.router(
  {
    get: {
      method: 'GET',
      path: '/v1/public/tenants/:slug',
      summary: 'A business\u2019s public profile: name, zone, branding, policies',
      pathParams: z.object({ slug: text().max(64) }),
      responses: { 200: publicTenantSchema },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags: ['Public'] }),
    },
  },
  { commonResponses: errorResponses },
);
