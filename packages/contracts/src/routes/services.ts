import { z } from 'zod';
import { bookingLimitsSchema, slotPlacementSchema } from './booking-limits';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { currencySchema, idSchema, instantSchema, text } from '../common/primitives';
import { paymentPolicySchema, type PaymentPolicy } from '../common/payment-policy';
import { pageSchema, paginationQuerySchema } from '../common/pagination';
import { locationFilterSchema } from './locations';
import { participantModeSchema } from './resources';

export const depositSchema = z
  .object({
    type: z.enum(['none', 'fixed', 'percent']),
    value: z
      .number()
      .int()
      .min(0)
      .describe('Minor units for `fixed`, whole percent (0–100) for `percent`, 0 for `none`'),
  })
  .strict()
  .describe('Deposit taken at booking time');
export type Deposit = z.infer<typeof depositSchema>;

const MAX_PRICE_CENTS = 100_000_000;

/** Fields an admin sets; every one but name and duration has a default on create. */
const serviceFields = {
  name: text().trim().min(1).max(120),
  description: text().max(5000),
  category: text().trim().min(1).max(80).nullable(),
  durationMinutes: z.number().int().min(5).max(1440),
  bufferBeforeMinutes: z.number().int().min(0).max(1440),
  bufferAfterMinutes: z.number().int().min(0).max(1440),
  priceCents: z.number().int().min(0).max(MAX_PRICE_CENTS),
  currency: currencySchema,
  deposit: depositSchema,
  paymentPolicy: paymentPolicySchema.describe(
    'What is charged at booking (mode, deposit), cancellation fee tiers and the no-show fee. Setting it also sets `deposit` to match.',
  ),
  capacity: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .describe('1 = one-to-one appointment; more = seats in a class'),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(365 * 1440)
    .describe('Earliest bookable start, counted from now'),
  maxAdvanceDays: z
    .number()
    .int()
    .min(1)
    .max(730)
    .describe('Latest bookable start, counted from now'),
  slotIntervalMinutes: z
    .number()
    .int()
    .min(5)
    .max(1440)
    .nullable()
    .describe('Step between offered starts; null = the duration'),
  slotPlacement: slotPlacementSchema,
  limits: bookingLimitsSchema,
  requiresApproval: z.boolean().describe('Bookings start as pending until staff confirm them'),
  active: z
    .boolean()
    .describe('Inactive services are hidden from the public catalogue and cannot be booked'),
  sortOrder: z.number().int().min(-100_000).max(100_000),
  providerIds: z
    .array(idSchema)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'Provider ids must be unique')
    .describe('Providers (staff or rooms) who offer this service'),
  locationIds: z
    .array(idSchema)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'Location ids must be unique')
    .describe(
      'Locations offering the service; empty = every location. Its providers at a location must be at one of these',
    ),
};

/** Deposit rules that need both deposit and price; shared by create and the merged PATCH. */
export function depositIssues(
  deposit: Deposit,
  priceCents: number,
): { path: string[]; message: string }[] {
  if (deposit.type === 'percent' && deposit.value > 100)
    return [{ path: ['deposit', 'value'], message: 'A percentage deposit is at most 100' }];
  if (deposit.type === 'fixed' && deposit.value > priceCents)
    return [{ path: ['deposit', 'value'], message: 'A fixed deposit cannot exceed the price' }];
  if (deposit.type === 'none' && deposit.value !== 0)
    return [{ path: ['deposit', 'value'], message: 'Must be 0 when there is no deposit' }];
  return [];
}

/** Payment policy rules that need the price; shared by create and the merged PATCH. */
export function paymentPolicyIssues(
  policy: PaymentPolicy,
  priceCents: number,
): { path: string[]; message: string }[] {
  if (policy.mode === 'fixed_deposit' && policy.depositValue > priceCents)
    return [{ path: ['paymentPolicy', 'depositValue'], message: 'A fixed deposit cannot exceed the price' }];
  if (policy.mode !== 'none' && priceCents === 0)
    return [{ path: ['paymentPolicy', 'mode'], message: 'A free service cannot take payments' }];
  return [];
}

/** The legacy `deposit` field that matches a payment policy (kept in step for older clients). */
export function depositOfPolicy(policy: PaymentPolicy, priceCents: number): Deposit {
  if (policy.mode === 'fixed_deposit') return { type: 'fixed', value: policy.depositValue };
  if (policy.mode === 'percent_deposit') return { type: 'percent', value: Math.min(100, Math.round(policy.depositValue)) };
  if (policy.mode === 'full') return { type: 'fixed', value: priceCents };
  return { type: 'none', value: 0 };
}

export const createServiceSchema = z
  .object({
    ...serviceFields,
    description: serviceFields.description.default(''),
    category: serviceFields.category.default(null),
    bufferBeforeMinutes: serviceFields.bufferBeforeMinutes.default(0),
    bufferAfterMinutes: serviceFields.bufferAfterMinutes.default(0),
    priceCents: serviceFields.priceCents.default(0),
    currency: serviceFields.currency.optional().describe('Defaults to the business currency'),
    deposit: depositSchema.default({ type: 'none', value: 0 }),
    paymentPolicy: serviceFields.paymentPolicy.optional(),
    capacity: serviceFields.capacity.default(1),
    minNoticeMinutes: serviceFields.minNoticeMinutes.default(0),
    maxAdvanceDays: serviceFields.maxAdvanceDays.default(365),
    slotIntervalMinutes: serviceFields.slotIntervalMinutes.default(null),
    slotPlacement: serviceFields.slotPlacement.default('grid'),
    limits: serviceFields.limits.default({}),
    requiresApproval: serviceFields.requiresApproval.default(false),
    active: serviceFields.active.default(true),
    sortOrder: serviceFields.sortOrder.default(0),
    providerIds: serviceFields.providerIds.default([]),
    locationIds: serviceFields.locationIds.default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const i of depositIssues(s.deposit, s.priceCents))
      ctx.addIssue({ code: z.ZodIssueCode.custom, ...i });
    if (s.paymentPolicy)
      for (const i of paymentPolicyIssues(s.paymentPolicy, s.priceCents))
        ctx.addIssue({ code: z.ZodIssueCode.custom, ...i });
  });
export type CreateService = z.infer<typeof createServiceSchema>;

export const updateServiceSchema = z.object(serviceFields).partial().strict();
export type UpdateService = z.infer<typeof updateServiceSchema>;

export const serviceSchema = z.object({
  id: idSchema,
  name: text(),
  description: text(),
  category: text().nullable(),
  durationMinutes: z.number().int(),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  priceCents: z.number().int(),
  currency: currencySchema,
  deposit: depositSchema,
  paymentPolicy: paymentPolicySchema,
  capacity: z.number().int(),
  minNoticeMinutes: z.number().int(),
  maxAdvanceDays: z.number().int(),
  slotIntervalMinutes: z.number().int().nullable(),
  slotPlacement: slotPlacementSchema,
  limits: bookingLimitsSchema,
  requiresApproval: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  providerIds: z.array(idSchema),
  locationIds: z.array(idSchema).describe('Empty = offered at every location'),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Service = z.infer<typeof serviceSchema>;

export const publicServiceSchema = serviceSchema
  .pick({
    id: true,
    name: true,
    description: true,
    category: true,
    durationMinutes: true,
    priceCents: true,
    currency: true,
    deposit: true,
    paymentPolicy: true,
    capacity: true,
    requiresApproval: true,
    sortOrder: true,
    providerIds: true,
    locationIds: true,
  })
  .extend({
    providerIds: z.array(idSchema).describe('Active providers offering the service'),
    participantMode: participantModeSchema.describe(
      'Who attends each booking: `single`, one of `providerIds` (the customer may pick one); `collective`, every one of `providerIds` (there is nothing to pick); `round_robin`, every one of `hostProviderIds` plus one of the other providers (the customer may pick among those)',
    ),
    hostProviderIds: z
      .array(idSchema)
      .describe('`round_robin`: the providers who attend every booking (never a choice); empty otherwise'),
  });
export type PublicService = z.infer<typeof publicServiceSchema>;

const tags = ['Services'];

export const servicesContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/services',
      summary: 'List services (deleted ones are never listed)',
      query: paginationQuerySchema,
      responses: { 200: pageSchema(serviceSchema) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    get: {
      method: 'GET',
      path: '/v1/admin/services/:id',
      summary: 'Get a service',
      pathParams: z.object({ id: idSchema }),
      responses: { 200: serviceSchema },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    create: {
      method: 'POST',
      path: '/v1/admin/services',
      summary: 'Create a service and assign its providers',
      body: createServiceSchema,
      responses: { 201: serviceSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags, errors: [402] }),
    },
    update: {
      method: 'PATCH',
      path: '/v1/admin/services/:id',
      summary:
        'Change a service; `providerIds` and `locationIds`, when sent, replace the assignment',
      pathParams: z.object({ id: idSchema }),
      body: updateServiceSchema,
      responses: { 200: serviceSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags, errors: [402] }),
    },
    remove: {
      method: 'DELETE',
      path: '/v1/admin/services/:id',
      summary:
        'Delete a service (soft: existing bookings keep it; it can no longer be listed or booked)',
      pathParams: z.object({ id: idSchema }),
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
  },
  { commonResponses: errorResponses },
);

export const publicServicesContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/public/tenants/:slug/services',
      summary:
        'Bookable services of a business: price, duration, deposit, seats, providers; optionally only those offered at one location',
      pathParams: z.object({ slug: text().max(64) }),
      query: paginationQuerySchema.extend({ locationId: locationFilterSchema }),
      responses: { 200: pageSchema(publicServiceSchema) },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags: ['Public'] }),
    },
  },
  { commonResponses: errorResponses },
);
