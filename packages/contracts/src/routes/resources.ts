import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { idSchema, instantSchema, text } from '../common/primitives';
import { pageSchema, paginationQuerySchema } from '../common/pagination';

export const resourceKindSchema = z
  .enum(['room', 'chair', 'equipment', 'other'])
  .describe('What the resource is; informational');
export type ResourceKind = z.infer<typeof resourceKindSchema>;

const resourceFields = {
  name: text().trim().min(1).max(120),
  kind: resourceKindSchema,
  capacity: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .describe('How many bookings may hold the resource at once (a class session counts once)'),
  active: z.boolean().describe('Services needing an inactive resource offer no slots'),
  locationId: idSchema
    .nullable()
    .describe(
      'The site the resource is at; null = it serves every location. A service needing it offers nothing at another location',
    ),
};

export const createResourceSchema = z
  .object({
    ...resourceFields,
    kind: resourceFields.kind.default('room'),
    capacity: resourceFields.capacity.default(1),
    active: resourceFields.active.default(true),
    locationId: resourceFields.locationId.default(null),
  })
  .strict();
export type CreateResource = z.infer<typeof createResourceSchema>;

export const updateResourceSchema = z.object(resourceFields).partial().strict();
export type UpdateResource = z.infer<typeof updateResourceSchema>;

export const resourceSchema = z.object({
  id: idSchema,
  name: text(),
  kind: resourceKindSchema,
  capacity: z.number().int(),
  active: z.boolean(),
  locationId: idSchema.nullable().describe('The site the resource is at; null = every location'),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Resource = z.infer<typeof resourceSchema>;

export const participantModeSchema = z
  .enum(['single', 'collective', 'round_robin'])
  .describe(
    '`single`: one of the service\'s providers ("any provider" picks); `collective`: all of them attend; `round_robin`: the hosts attend, plus one of the other providers ("any provider" picks among them)',
  );
export type ParticipantMode = z.infer<typeof participantModeSchema>;

const uniqueIds = (what: string) =>
  z
    .array(idSchema)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, `${what} ids must be unique`);

export const serviceParticipantsSchema = z
  .object({
    mode: participantModeSchema,
    hostProviderIds: uniqueIds('Provider').describe(
      '`round_robin` only (else empty): providers of the service who attend every booking',
    ),
    resourceIds: uniqueIds('Resource').describe('Resources every booking holds one place of'),
  })
  .strict();
export type ServiceParticipants = z.infer<typeof serviceParticipantsSchema>;

const tags = ['Resources'];

export const resourcesContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/resources',
      summary: 'List resources (rooms, chairs, equipment; deleted ones are never listed)',
      query: paginationQuerySchema,
      responses: { 200: pageSchema(resourceSchema) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    get: {
      method: 'GET',
      path: '/v1/admin/resources/:id',
      summary: 'Get a resource',
      pathParams: z.object({ id: idSchema }),
      responses: { 200: resourceSchema },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    create: {
      method: 'POST',
      path: '/v1/admin/resources',
      summary: 'Create a resource',
      body: createResourceSchema,
      responses: { 201: resourceSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/resources/:id',
      summary: 'Change a resource (bookings already made keep their place)',
      pathParams: z.object({ id: idSchema }),
      body: updateResourceSchema,
      responses: { 200: resourceSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    remove: {
      method: 'DELETE',
      path: '/v1/admin/resources/:id',
      summary: 'Delete a resource (soft: bookings keep it; services needing it offer no slots)',
      pathParams: z.object({ id: idSchema }),
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
  },
  { commonResponses: errorResponses },
);

export const serviceParticipantsContract = c.router(
  {
    get: {
      method: 'GET',
      path: '/v1/admin/services/:id/participants',
      summary: 'Who a booking of the service needs: one provider, all of them, or hosts plus one; and its resources',
      pathParams: z.object({ id: idSchema }),
      responses: { 200: serviceParticipantsSchema },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags: ['Services'] }),
    },
    put: {
      method: 'PUT',
      path: '/v1/admin/services/:id/participants',
      summary: 'Set who a booking of the service needs (bookings already made keep their participants)',
      pathParams: z.object({ id: idSchema }),
      body: serviceParticipantsSchema,
      responses: { 200: serviceParticipantsSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags: ['Services'] }),
    },
  },
  { commonResponses: errorResponses },
);

export const bookingParticipantsSchema = z.object({
  providers: z
    .array(
      z.object({
        id: idSchema,
        name: text(),
        role: z.enum(['primary', 'host']).describe('`primary`: the booking\'s provider'),
      }),
    )
    .describe('Every provider the booking holds, its own provider first'),
  resources: z.array(z.object({ id: idSchema, name: text() })),
});
export type BookingParticipants = z.infer<typeof bookingParticipantsSchema>;
