import { z } from 'zod';
import { bookingLimitsSchema } from './booking-limits';
import { locationFilterSchema } from './locations';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { emailSchema, timeZoneSchema } from '../common/fields';
import { idSchema, instantSchema, text } from '../common/primitives';
import { pageSchema, paginationQuerySchema } from '../common/pagination';
import { weekTemplateSchema } from './schedules';

export const providerKindSchema = z
  .enum(['staff', 'room'])
  .describe('A person or a resource such as a room');
export type ProviderKind = z.infer<typeof providerKindSchema>;

const providerFields = {
  name: text().trim().min(1).max(120),
  kind: providerKindSchema,
  email: emailSchema.nullable(),
  bio: text().max(5000),
  timeZone: timeZoneSchema.describe(
    'Zone of the weekly hours and date overrides, e.g. Europe/London',
  ),
  color: text()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour as #rrggbb')
    .nullable(),
  active: z.boolean().describe('Inactive providers are not offered and not bookable'),
  sortOrder: z
    .number()
    .int()
    .min(-100_000)
    .max(100_000)
    .describe('Lower first; also the tie-break when assigning "any provider"'),
  serviceIds: z
    .array(idSchema)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'Service ids must be unique')
    .describe('Services this provider offers'),
  limits: bookingLimitsSchema,
  locationId: idSchema
    .nullable()
    .describe(
      'Where the provider works; null = no particular location. At a location the provider works in its zone (`timeZone` follows it)',
    ),
};

export const createProviderSchema = z
  .object({
    ...providerFields,
    kind: providerFields.kind.default('staff'),
    email: providerFields.email.default(null),
    bio: providerFields.bio.default(''),
    timeZone: providerFields.timeZone.optional().describe('Defaults to the business zone'),
    color: providerFields.color.default(null),
    active: providerFields.active.default(true),
    sortOrder: providerFields.sortOrder.default(0),
    serviceIds: providerFields.serviceIds.default([]),
    limits: providerFields.limits.default({}),
    locationId: providerFields.locationId.default(null),
    weeklyHours: weekTemplateSchema
      .optional()
      .describe('Weekly hours to start with; omitted = the business\u2019s default hours ([] = none)'),
  })
  .strict();
export type CreateProvider = z.infer<typeof createProviderSchema>;

export const updateProviderSchema = z.object(providerFields).partial().strict();
export type UpdateProvider = z.infer<typeof updateProviderSchema>;

export const providerSchema = z.object({
  id: idSchema,
  name: text(),
  kind: providerKindSchema,
  email: text().nullable(),
  bio: text(),
  timeZone: timeZoneSchema,
  color: text().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  serviceIds: z.array(idSchema),
  limits: bookingLimitsSchema,
  locationId: idSchema.nullable(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Provider = z.infer<typeof providerSchema>;

export const publicProviderSchema = providerSchema
  .pick({
    id: true,
    name: true,
    kind: true,
    bio: true,
    timeZone: true,
    color: true,
    sortOrder: true,
    serviceIds: true,
    locationId: true,
  })
  .extend({ serviceIds: z.array(idSchema).describe('Active services this provider offers') });
export type PublicProvider = z.infer<typeof publicProviderSchema>;

const tags = ['Providers'];

export const providersContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/providers',
      summary: 'List providers (staff and rooms; deleted ones are never listed)',
      query: paginationQuerySchema,
      responses: { 200: pageSchema(providerSchema) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    get: {
      method: 'GET',
      path: '/v1/admin/providers/:id',
      summary: 'Get a provider',
      pathParams: z.object({ id: idSchema }),
      responses: { 200: providerSchema },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    create: {
      method: 'POST',
      path: '/v1/admin/providers',
      summary: 'Create a provider and assign the services it offers',
      body: createProviderSchema,
      responses: { 201: providerSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags, errors: [402] }),
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/providers/:id',
      summary: 'Change a provider; `serviceIds`, when sent, replaces the assignment',
      pathParams: z.object({ id: idSchema }),
      body: updateProviderSchema,
      responses: { 200: providerSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    remove: {
      method: 'DELETE',
      path: '/v1/admin/providers/:id',
      summary: 'Delete a provider (soft: existing bookings keep it; no new slots are offered)',
      pathParams: z.object({ id: idSchema }),
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
  },
  { commonResponses: errorResponses },
);

export const publicProvidersContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/public/tenants/:slug/providers',
      summary:
        'Active providers of a business, optionally only those offering one service and / or working at one location',
      pathParams: z.object({ slug: text().max(64) }),
      query: paginationQuerySchema.extend({
        serviceId: idSchema.optional(),
        locationId: locationFilterSchema,
      }),
      responses: { 200: pageSchema(publicProviderSchema) },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags: ['Public'] }),
    },
  },
  { commonResponses: errorResponses },
);
