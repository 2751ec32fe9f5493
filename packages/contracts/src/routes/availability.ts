import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { timeZoneSchema } from '../common/fields';
import { idSchema, instantSchema, localDateSchema, text } from '../common/primitives';
import { locationFilterSchema } from './locations';

/** Longest availability window, in days (inclusive). */
export const MAX_AVAILABILITY_DAYS = 62;

/**
 * What each slot says about its providers (ADR 0021): `count` only how many are free
 * (`providerCount`), `ids` also who (`providerIds`).
 */
export const availabilityProviderDetails = z.enum(['count', 'ids']);
export type AvailabilityProviderDetail = z.infer<typeof availabilityProviderDetails>;

/** The detail a query gets when it names none: the ids when one provider is asked for. */
export const providerDetailOf = (q: {
  providers?: AvailabilityProviderDetail | undefined;
  providerId?: string | undefined;
}): AvailabilityProviderDetail => q.providers ?? (q.providerId ? 'ids' : 'count');

export const availabilityQuerySchema = z
  .object({
    serviceId: idSchema,
    from: localDateSchema.describe('First date, in `timezone`'),
    to: localDateSchema.describe(
      `Last date (inclusive), in \`timezone\`; at most ${MAX_AVAILABILITY_DAYS} days after \`from\` counting both`,
    ),
    providerId: idSchema
      .optional()
      .describe('Only this provider; omitted = any provider offering the service'),
    locationId: locationFilterSchema.describe(
      'Only providers working at this location (the service must be offered there; 404 when the location is unknown or inactive)',
    ),
    timezone: timeZoneSchema
      .optional()
      .describe('Zone the dates and `localTime` are in; defaults to the business zone'),
    providers: availabilityProviderDetails
      .optional()
      .describe(
        'Per slot, `ids` adds `providerIds` (who is free); `count` gives only `providerCount`. ' +
          'Defaults to `ids` with `providerId`, else `count`: with many providers the ids are ' +
          'most of the answer, so ask for them over the day the customer picks',
      ),
  })
  .superRefine((q, ctx) => {
    if (!localDateSchema.safeParse(q.from).success || !localDateSchema.safeParse(q.to).success)
      return; // reported by the field schemas
    const days =
      (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 + 1;
    if (days < 1)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['to'],
        message: 'Must be on or after `from`',
      });
    else if (days > MAX_AVAILABILITY_DAYS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['to'],
        message: `At most ${MAX_AVAILABILITY_DAYS} days per request`,
      });
    }
  });
export type AvailabilityQueryParams = z.infer<typeof availabilityQuerySchema>;

export const slotSchema = z.object({
  start: instantSchema,
  end: instantSchema,
  localTime: text().describe(
    'Start as HH:mm in `timeZone`; on a fall-back night two slots can share it, `utcOffset` tells them apart',
  ),
  utcOffset: text().describe('UTC offset of `timeZone` at `start`, e.g. `+01:00` or `-04:00`'),
  localStart: text().describe(
    'Start in `timeZone` as ISO 8601 with its offset, e.g. `2027-11-07T01:00:00-04:00`',
  ),
  providerCount: z.number().int().describe('How many providers are free at this time'),
  providerIds: z
    .array(idSchema)
    .optional()
    .describe(
      'Providers free at this time, in assignment order; present when the query asks for `providers=ids` (the default with `providerId`)',
    ),
  seatsLeft: z
    .number()
    .int()
    .describe('Seats left across those providers (1 per provider for appointments)'),
});

export const availabilityDaySchema = z.object({
  date: localDateSchema,
  slots: z.array(slotSchema),
});

export const availabilitySchema = z.object({
  serviceId: idSchema,
  timeZone: timeZoneSchema.describe('Zone of `date` and `localTime`'),
  days: z
    .array(availabilityDaySchema)
    .describe('Every date from `from` to `to`, in order; a date without slots has an empty list'),
});
export type Availability = z.infer<typeof availabilitySchema>;

export const publicAvailabilityContract = c.router(
  {
    get: {
      method: 'GET',
      path: '/v1/public/tenants/:slug/availability',
      summary: 'Bookable start times of a service over a date range',
      pathParams: z.object({ slug: text().max(64) }),
      query: availabilityQuerySchema,
      responses: { 200: availabilitySchema },
      metadata: meta({ auth: 'none', rateLimit: 'public', tags: ['Public'] }),
    },
  },
  { commonResponses: errorResponses },
);
