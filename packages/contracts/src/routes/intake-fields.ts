import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { idSchema, instantSchema, text } from '../common/primitives';
import { intakeFieldSchema } from './bookings';

export const intakeFieldTypeSchema = intakeFieldSchema.shape.type;
export type IntakeFieldType = z.infer<typeof intakeFieldTypeSchema>;

/** Types whose answers are picked from `options`; every other type has none. */
export const INTAKE_CHOICE_TYPES: readonly IntakeFieldType[] = ['select', 'multiselect'];

/** Fields an admin sets; required, options and sortOrder have defaults on create. */
const intakeFieldFields = {
  serviceId: idSchema
    .nullable()
    .describe('The service whose booking form asks it; null = asked for every service'),
  key: text()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9_-]*$/, 'Lower-case letters, digits, _ and -')
    .describe(
      'Name of the answer in a booking\u2019s `answers`, unique among the questions one booking is ' +
        'asked: a business-wide key is used by no other question; a service\u2019s by no other ' +
        'question of that service and no business-wide one (else 409 `conflict`)',
    ),
  label: text().trim().min(1).max(200),
  type: intakeFieldTypeSchema,
  required: z
    .boolean()
    .describe('Must be answered; a required checkbox must be ticked (a consent)'),
  options: z
    .array(text().trim().min(1).max(200))
    .max(50)
    .describe('Choices of select / multiselect fields (at least one, distinct); empty otherwise'),
  sortOrder: z
    .number()
    .int()
    .min(-100_000)
    .max(100_000)
    .describe('Position in the form: lower first, then oldest first'),
};

/** Rules between type and options; shared by create and the merged PATCH. */
export function intakeOptionsIssues(
  type: IntakeFieldType,
  options: readonly string[],
): { path: (string | number)[]; message: string }[] {
  if (!INTAKE_CHOICE_TYPES.includes(type)) {
    return options.length > 0
      ? [{ path: ['options'], message: `A ${type} field has no options; send []` }]
      : [];
  }
  if (options.length === 0)
    return [{ path: ['options'], message: `A ${type} field needs at least one option` }];
  const dup = options.findIndex((o, i) => options.indexOf(o) !== i);
  return dup >= 0 ? [{ path: ['options', dup], message: 'Options must be distinct' }] : [];
}

export const createIntakeFieldSchema = z
  .object({
    ...intakeFieldFields,
    required: intakeFieldFields.required.default(false),
    options: intakeFieldFields.options.default([]),
    sortOrder: intakeFieldFields.sortOrder.default(0),
  })
  .strict()
  .superRefine((f, ctx) => {
    for (const i of intakeOptionsIssues(f.type, f.options))
      ctx.addIssue({ code: z.ZodIssueCode.custom, ...i });
  });
export type CreateIntakeField = z.infer<typeof createIntakeFieldSchema>;

/** Checked against the stored field once merged: type and options, key in its (new) scope. */
export const updateIntakeFieldSchema = z.object(intakeFieldFields).partial().strict();
export type UpdateIntakeField = z.infer<typeof updateIntakeFieldSchema>;

/** What the public form shows, plus what the admin needs to manage the question. */
export const adminIntakeFieldSchema = z
  .object({ id: idSchema, serviceId: idSchema.nullable() })
  .merge(intakeFieldSchema)
  .extend({ sortOrder: z.number().int(), createdAt: instantSchema });
export type AdminIntakeField = z.infer<typeof adminIntakeFieldSchema>;

export const listIntakeFieldsQuerySchema = z.object({
  serviceId: idSchema
    .optional()
    .describe('Only what a booking of this service is asked: its own and the business-wide fields'),
});

const idParams = z.object({ id: idSchema });
const tags = ['Intake fields'];

export const intakeFieldsContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/intake-fields',
      summary: 'Booking-form questions in form order (not paginated: a form is short)',
      query: listIntakeFieldsQuerySchema,
      responses: { 200: z.object({ items: z.array(adminIntakeFieldSchema) }) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    create: {
      method: 'POST',
      path: '/v1/admin/intake-fields',
      summary: 'Add a question to one service\u2019s booking form, or to every service\u2019s',
      body: createIntakeFieldSchema,
      responses: { 201: adminIntakeFieldSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/intake-fields/:id',
      summary: 'Change a question; answers already given keep the label they were given under',
      pathParams: idParams,
      body: updateIntakeFieldSchema,
      responses: { 200: adminIntakeFieldSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    remove: {
      method: 'DELETE',
      path: '/v1/admin/intake-fields/:id',
      summary: 'Delete a question; answers already given are kept',
      pathParams: idParams,
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
  },
  { commonResponses: errorResponses },
);
