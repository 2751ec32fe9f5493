import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { phoneSchema, timeZoneSchema } from '../common/fields';
import { idSchema, instantSchema, text } from '../common/primitives';
import { pageSchema, paginationQuerySchema } from '../common/pagination';

/** A postal address as people write it; every line may be empty. */
export const addressSchema = z
  .object({
    line1: text().trim().max(200),
    line2: text().trim().max(200),
    city: text().trim().max(120),
    region: text().trim().max(120).describe('State, province or county'),
    postalCode: text().trim().max(20),
    country: text()
      .regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 country code such as GB')
      .nullable()
      .describe('ISO 3166-1 alpha-2 code'),
  })
  .strict();
export type Address = z.infer<typeof addressSchema>;

export const emptyAddress: Address = {
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: null,
};

const locationFields = {
  name: text().trim().min(1).max(120),
  address: addressSchema,
  phone: phoneSchema.nullable(),
  timeZone: timeZoneSchema.describe(
    'Zone of the site: providers working here keep their weekly hours in it',
  ),
  active: z
    .boolean()
    .describe('Inactive locations are not listed to customers and cannot be chosen'),
  sortOrder: z.number().int().min(-100_000).max(100_000).describe('Lower first'),
};

export const createLocationSchema = z
  .object({
    ...locationFields,
    address: addressSchema.default(emptyAddress),
    phone: locationFields.phone.default(null),
    timeZone: locationFields.timeZone.optional().describe('Defaults to the business zone'),
    active: locationFields.active.default(true),
    sortOrder: locationFields.sortOrder.default(0),
  })
  .strict();
export type CreateLocation = z.infer<typeof createLocationSchema>;

export const updateLocationSchema = z.object(locationFields).partial().strict();
export type UpdateLocation = z.infer<typeof updateLocationSchema>;

export const locationSchema = z.object({
  id: idSchema,
  name: text(),
  address: addressSchema,
  phone: text().nullable(),
  timeZone: timeZoneSchema,
  active: z.boolean(),
  sortOrder: z.number().int(),
  providerIds: z.array(idSchema).describe('Providers (not deleted) working here'),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Location = z.infer<typeof locationSchema>;

export const publicLocationSchema = locationSchema.pick({
  id: true,
  name: true,
  address: true,
  phone: true,
  timeZone: true,
  sortOrder: true,
});
export type PublicLocation = z.infer<typeof publicLocationSchema>;

/** A booking's place, as its confirmation shows it; null for a provider without a location. */
export const bookingLocationSchema = publicLocationSchema
  .pick({ id: true, name: true, address: true, phone: true, timeZone: true })
  .nullable()
  .describe('Where the visit takes place (the provider\u2019s location); null when it has none');
export type BookingLocation = z.infer<typeof bookingLocationSchema>;

/** The `locationId` query filter of public and report routes. */
export const locationFilterSchema = idSchema
  .optional()
  .describe('Only what is offered at this location (404 when it is unknown or inactive)');

const tags = ['Locations'];

export const locationsContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/locations',
      summary: 'List the business\u2019s locations (sites)',
      query: paginationQuerySchema,
      responses: { 200: pageSchema(locationSchema) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    get: {
      method: 'GET',
      path: '/v1/admin/locations/:id',
      summary: 'Get a location',
      pathParams: z.object({ id: idSchema }),
      responses: { 200: locationSchema },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    create: {
      method: 'POST',
      path: '/v1/admin/locations',
      summary: 'Create a location',
      body: createLocationSchema,
      responses: { 201: locationSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/locations/:id',
      summary:
        'Change a location; a new `timeZone` moves the weekly hours of its providers with it (same wall-clock times)',
      pathParams: z.object({ id: idSchema }),
      body: updateLocationSchema,
      responses: { 200: locationSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    remove: {
      method: 'DELETE',
      path: '/v1/admin/locations/:id',
      summary:
        'Delete a location that was never used (409 when a provider, resource, service or booking refers to it: deactivate it instead)',
      pathParams: z.object({ id: idSchema }),
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags, errors: [409] }),
    },
  },
  { commonResponses: errorResponses },
);

export const publicLocationsContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/public/tenants/:slug/locations',
      summary:
        'Active locations of a business, in display order (empty for a single-site business)',
      pathParams: z.object({ slug: text().max(64) }),
      query: paginationQuerySchema,
      responses: { 200: pageSchema(publicLocationSchema) },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags: ['Public'] }),
    },
  },
  { commonResponses: errorResponses },
);
