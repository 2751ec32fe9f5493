import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { emailSchema, phoneSchema, timeZoneSchema } from '../common/fields';
import { currencySchema, idSchema, instantSchema, slugSchema } from '../common/primitives';

export const cancellationPolicySchema = z.object({
  freeCancellationHours: z.number().int().min(0).max(24 * 90).default(24),
  lateCancellationFeePercent: z.number().int().min(0).max(100).default(0),
  noShowFeePercent: z.number().int().min(0).max(100).default(0),
  allowCustomerReschedule: z.boolean().default(true),
  rescheduleCutoffHours: z.number().int().min(0).max(24 * 90).default(2),
});

export const tenantSettingsSchema = z.object({
  cancellationPolicy: cancellationPolicySchema.default({}),
  defaultSlotIntervalMinutes: z.number().int().min(5).max(24 * 60).nullable().default(null),
  bookingConfirmationMode: z.enum(['auto', 'manual']).default('auto'),
  sendReminders: z.boolean().default(true),
  reminderHoursBefore: z.number().int().min(1).max(24 * 7).default(24),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

const brandColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour as #rrggbb');
const originSchema = z
  .string()
  .url()
  .refine((s) => new URL(s).origin === s.replace(/\/$/, ''), 'Expected an origin such as https://example.com');

export const tenantSchema = z.object({
  id: idSchema,
  slug: slugSchema,
  name: z.string(),
  description: z.string(),
  timeZone: timeZoneSchema,
  currency: currencySchema,
  locale: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  logoUrl: z.string().nullable(),
  brandColor: z.string(),
  policiesText: z.string(),
  settings: tenantSettingsSchema,
  embedOrigins: z.array(z.string()),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Tenant = z.infer<typeof tenantSchema>;

export const updateTenantSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000),
    timeZone: timeZoneSchema,
    currency: currencySchema,
    locale: z.enum(['en', 'es', 'fr']),
    email: emailSchema.nullable(),
    phone: phoneSchema.nullable(),
    address: z.string().max(300).nullable(),
    logoUrl: z.string().url().max(2000).nullable(),
    brandColor: brandColorSchema,
    policiesText: z.string().max(5000),
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
      pathParams: z.object({ slug: z.string().max(64) }),
      responses: { 200: publicTenantSchema },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags: ['Public'] }),
    },
  },
  { commonResponses: errorResponses },
);
