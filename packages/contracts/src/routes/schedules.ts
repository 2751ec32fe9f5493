import { z } from 'zod';
import { c, meta } from '../common/contract';
import { errorResponses } from '../common/errors';
import { idSchema, instantSchema, localDateSchema, text, wallTimeSchema } from '../common/primitives';
import { timeZoneSchema } from '../common/fields';
import { pageSchema, paginationQuerySchema } from '../common/pagination';

/** Longest date override or blackout, in days (inclusive). */
export const MAX_SCHEDULE_RANGE_DAYS = 366;

type Issue = { path: (string | number)[]; message: string };

const startTimeSchema = wallTimeSchema.refine(
  (t) => t !== '24:00',
  'An interval cannot start at 24:00',
);

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** [start, end) in minutes from the day's midnight; an end at or before the start is on the next day. */
function span(i: { startTime: string; endTime: string }): [number, number] {
  const s = minutesOf(i.startTime);
  const e = minutesOf(i.endTime);
  return [s, e <= s ? e + 1440 : e];
}

/**
 * Zero-length and overlapping wall-clock intervals. `period` is the length (minutes) after which
 * the pattern repeats: 7 days for weekly hours (Sunday night spills into Monday), 1 day for an
 * override covering several dates, none for a single date. The later-listed interval of an
 * overlapping pair gets the issue, on the boundary that falls inside the other one.
 */
export function wallIntervalIssues(
  intervals: readonly { startTime: string; endTime: string; weekday?: number }[],
  period: number | null,
): Issue[] {
  const issues: Issue[] = [];
  const spans = intervals.map((iv) => {
    const [s, e] = span(iv);
    const base = iv.weekday ? (iv.weekday - 1) * 1440 : 0;
    return [base + s, base + e] as const;
  });
  const shifts = period ? [-period, 0, period] : [0];
  intervals.forEach((iv, j) => {
    if (iv.startTime === iv.endTime) {
      issues.push({
        path: [j, 'endTime'],
        message: 'An interval cannot end when it starts; use 00:00–24:00 for a whole day',
      });
      return;
    }
    const [bs, be] = spans[j]!;
    for (let i = 0; i < j; i++) {
      if (intervals[i]!.startTime === intervals[i]!.endTime) continue;
      const [as0, ae0] = spans[i]!;
      for (const d of shifts) {
        const as = as0 + d;
        const ae = ae0 + d;
        if (bs < ae && as < be) {
          const field = bs >= as ? 'startTime' : 'endTime';
          issues.push({
            path: [j, field],
            message: `Overlaps interval ${i} (${intervals[i]!.startTime}–${intervals[i]!.endTime})`,
          });
          return;
        }
      }
    }
  });
  return issues;
}

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** End before start, or a range longer than MAX_SCHEDULE_RANGE_DAYS (malformed dates are reported by their own schema). */
export function dateRangeIssues(r: { startDate: string; endDate: string }): Issue[] {
  if (
    !localDateSchema.safeParse(r.startDate).success ||
    !localDateSchema.safeParse(r.endDate).success
  )
    return [];
  const days = dayNumber(r.endDate) - dayNumber(r.startDate) + 1;
  if (days < 1) return [{ path: ['endDate'], message: 'Must be on or after startDate' }];
  if (days > MAX_SCHEDULE_RANGE_DAYS)
    return [
      { path: ['endDate'], message: `A range covers at most ${MAX_SCHEDULE_RANGE_DAYS} days` },
    ];
  return [];
}

/** Every rule of a date override, for create and for the merged result of a PATCH. */
export function dateOverrideIssues(o: {
  startDate: string;
  endDate: string;
  intervals: readonly { startTime: string; endTime: string }[];
}): Issue[] {
  const range = dateRangeIssues(o);
  const multiDay = range.length === 0 && o.startDate !== o.endDate;
  return [
    ...range,
    ...wallIntervalIssues(o.intervals, multiDay ? 1440 : null).map((i) => ({
      ...i,
      path: ['intervals', ...i.path],
    })),
  ];
}

const addIssues = (ctx: z.RefinementCtx, issues: Issue[]) => {
  for (const i of issues)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: i.path, message: i.message });
};

export const wallIntervalSchema = z
  .object({
    startTime: startTimeSchema,
    endTime: wallTimeSchema.describe(
      'At or before startTime means the interval ends the next day; 24:00 = midnight',
    ),
  })
  .strict();

export const weeklyIntervalSchema = wallIntervalSchema
  .extend({
    weekday: z.number().int().min(1).max(7).describe('ISO weekday: Monday = 1 … Sunday = 7'),
    serviceIds: z
      .array(idSchema)
      .min(1)
      .max(500)
      .nullable()
      .optional()
      .describe(
        'Only these services in this interval; omitted or null = every service of the provider',
      ),
  })
  .strict();

export const putWeeklyHoursSchema = z
  .object({ intervals: z.array(weeklyIntervalSchema).max(200) })
  .strict()
  .superRefine((b, ctx) =>
    addIssues(
      ctx,
      wallIntervalIssues(b.intervals, 7 * 1440).map((i) => ({
        ...i,
        path: ['intervals', ...i.path],
      })),
    ),
  );
export type PutWeeklyHours = z.infer<typeof putWeeklyHoursSchema>;

/**
 * A week of hours for every service (no per-service intervals): the business's default hours,
 * which a new provider starts with (docs/guides/scheduling.md).
 */
export const weekTemplateSchema = z
  .array(weeklyIntervalSchema.omit({ serviceIds: true }))
  .max(200)
  .superRefine((intervals, ctx) => addIssues(ctx, wallIntervalIssues(intervals, 7 * 1440)));
export type WeekTemplate = z.infer<typeof weekTemplateSchema>;

/** Monday to Friday, 09:00–17:00: the default hours of a business that has not set its own. */
export const STANDARD_WEEK: WeekTemplate = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  startTime: '09:00',
  endTime: '17:00',
}));

export const weeklyHoursSchema = z.object({
  providerId: idSchema,
  timeZone: timeZoneSchema.describe('The provider zone the wall-clock times are in'),
  intervals: z.array(
    z.object({
      weekday: z.number().int(),
      startTime: text(),
      endTime: text(),
      serviceIds: z.array(idSchema).nullable(),
    }),
  ),
});

const dateOverrideFields = {
  startDate: localDateSchema,
  endDate: localDateSchema.describe('Inclusive'),
  intervals: z
    .array(wallIntervalSchema)
    .max(48)
    .describe('Working hours on each covered date; empty = day off'),
  reason: text().max(500),
};

export const createDateOverrideSchema = z
  .object({
    ...dateOverrideFields,
    intervals: dateOverrideFields.intervals.default([]),
    reason: dateOverrideFields.reason.default(''),
  })
  .strict()
  .superRefine((o, ctx) => addIssues(ctx, dateOverrideIssues(o)));
export type CreateDateOverride = z.infer<typeof createDateOverrideSchema>;

export const updateDateOverrideSchema = z.object(dateOverrideFields).partial().strict();
export type UpdateDateOverride = z.infer<typeof updateDateOverrideSchema>;

export const dateOverrideSchema = z.object({
  id: idSchema,
  providerId: idSchema,
  startDate: localDateSchema,
  endDate: localDateSchema,
  intervals: z.array(z.object({ startTime: text(), endTime: text() })),
  reason: text(),
  createdAt: instantSchema,
});
export type DateOverrideDto = z.infer<typeof dateOverrideSchema>;

export const createBlackoutSchema = z
  .object({
    name: text().trim().min(1).max(200),
    startDate: localDateSchema,
    endDate: localDateSchema.describe('Inclusive'),
  })
  .strict()
  .superRefine((b, ctx) => addIssues(ctx, dateRangeIssues(b)));
export type CreateBlackout = z.infer<typeof createBlackoutSchema>;

export const blackoutSchema = z.object({
  id: idSchema,
  name: text(),
  startDate: localDateSchema,
  endDate: localDateSchema,
  createdAt: instantSchema,
});

/** Optional date window for listing overrides and blackouts: those overlapping [from, to]. */
export const dateWindowQuerySchema = paginationQuerySchema.extend({
  from: localDateSchema.optional().describe('Only entries ending on or after this date'),
  to: localDateSchema.optional().describe('Only entries starting on or before this date'),
});

const providerParams = z.object({ id: idSchema });
const overrideParams = z.object({ id: idSchema, overrideId: idSchema });
const tags = ['Schedules'];
const read = meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags });
const write = meta({ auth: 'member', minRole: 'admin', scope: 'write', tags });

export const schedulesContract = c.router(
  {
    getHours: {
      method: 'GET',
      path: '/v1/admin/providers/:id/hours',
      summary: 'A provider\u2019s weekly working hours (wall clock, provider zone)',
      pathParams: providerParams,
      responses: { 200: weeklyHoursSchema },
      metadata: read,
    },
    putHours: {
      method: 'PUT',
      path: '/v1/admin/providers/:id/hours',
      summary: 'Replace the whole week of working hours atomically',
      pathParams: providerParams,
      body: putWeeklyHoursSchema,
      responses: { 200: weeklyHoursSchema },
      metadata: write,
    },
    listOverrides: {
      method: 'GET',
      path: '/v1/admin/providers/:id/overrides',
      summary: 'Date overrides (custom hours or time off) of a provider',
      pathParams: providerParams,
      query: dateWindowQuerySchema,
      responses: { 200: pageSchema(dateOverrideSchema) },
      metadata: read,
    },
    createOverride: {
      method: 'POST',
      path: '/v1/admin/providers/:id/overrides',
      summary: 'Replace the weekly hours on a date range (empty intervals = time off)',
      pathParams: providerParams,
      body: createDateOverrideSchema,
      responses: { 201: dateOverrideSchema },
      metadata: write,
    },
    updateOverride: {
      method: 'PATCH',
      path: '/v1/admin/providers/:id/overrides/:overrideId',
      summary: 'Change a date override',
      pathParams: overrideParams,
      body: updateDateOverrideSchema,
      responses: { 200: dateOverrideSchema },
      metadata: write,
    },
    deleteOverride: {
      method: 'DELETE',
      path: '/v1/admin/providers/:id/overrides/:overrideId',
      summary: 'Delete a date override; the weekly hours apply again',
      pathParams: overrideParams,
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: write,
    },
  },
  { commonResponses: errorResponses },
);

export const blackoutsContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/admin/blackouts',
      summary: 'Business-wide closed days (holidays)',
      query: dateWindowQuerySchema,
      responses: { 200: pageSchema(blackoutSchema) },
      metadata: meta({ auth: 'member', minRole: 'viewer', scope: 'read', tags }),
    },
    create: {
      method: 'POST',
      path: '/v1/admin/blackouts',
      summary: 'Close the business on whole days (business zone); no slots are offered on them',
      body: createBlackoutSchema,
      responses: { 201: blackoutSchema },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
    remove: {
      method: 'DELETE',
      path: '/v1/admin/blackouts/:id',
      summary: 'Delete a blackout',
      pathParams: z.object({ id: idSchema }),
      body: c.noBody(),
      responses: { 204: c.noBody() },
      metadata: meta({ auth: 'member', minRole: 'admin', scope: 'write', tags }),
    },
  },
  { commonResponses: errorResponses },
);
