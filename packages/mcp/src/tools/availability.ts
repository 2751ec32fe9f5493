import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { contract } from '@slotwise/contracts';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { describeInstant, localParts } from '../format';
import { ok, run } from '../result';
import { addDays, bestSlots } from '../slots';
import { providerChoice } from './catalogue';

const query = contract.public.availability.get.query.innerType().shape;
const DEFAULT_DAYS = 7;

export interface SearchInput {
  serviceId: string;
  from: string;
  to?: string;
  timeZone?: string;
  providerId?: string;
  preferredTime?: string;
  limit?: number;
}

/** Free start times as a short list of options, each with its time in the customer's zone. */
export async function searchSlots(ctx: ToolContext, input: SearchInput) {
  const business = await ctx.business();
  const zone = input.timeZone ?? business.timeZone;
  const providerId = input.providerId && input.providerId !== 'any' ? input.providerId : undefined;
  const [availability, providers] = await Promise.all([
    ctx.sdk.public.availability.get({
      params: { slug: business.slug },
      query: {
        serviceId: input.serviceId,
        from: input.from,
        to: input.to ?? addDays(input.from, DEFAULT_DAYS - 1),
        timezone: zone,
        ...(providerId ? { providerId } : {}),
        // Each option names who is free (ADR 0021: the ids come only when asked for).
        providers: 'ids',
      },
    }),
    ctx.sdk.public.providers.list({
      params: { slug: business.slug },
      query: { limit: 200, serviceId: input.serviceId },
    }),
  ]);
  const names = new Map(providers.items.map((p) => [p.id, p.name]));
  const picked = bestSlots(availability.days, {
    limit: input.limit ?? 5,
    ...(input.preferredTime ? { preferredTime: input.preferredTime } : {}),
  });
  const total = availability.days.reduce((n, d) => n + d.slots.length, 0);
  return {
    timeZone: zone,
    totalFreeSlots: total,
    options: picked.map(({ slot }) => ({
      start: slot.start,
      when: describeInstant(slot.start, zone),
      localDate: localParts(slot.start, zone).date,
      localTime: slot.localTime,
      providers: (slot.providerIds ?? []).map((id) => ({ id, name: names.get(id) ?? id })),
      seatsLeft: slot.seatsLeft,
    })),
  };
}

/**
 * Fresh options near a time that was just taken: the same day and the following week, nearest to
 * the requested time of day first. What a 409 slot_unavailable answer carries.
 */
export async function alternativesNear(
  ctx: ToolContext,
  input: { serviceId: string; start: string; timeZone?: string; providerId?: string },
) {
  const zone = input.timeZone ?? (await ctx.business()).timeZone;
  const p = localParts(input.start, zone);
  const found = await searchSlots(ctx, {
    serviceId: input.serviceId,
    from: p.date,
    timeZone: zone,
    preferredTime: p.time,
    limit: 5,
    ...(input.providerId ? { providerId: input.providerId } : {}),
  });
  return found.options.filter((o) => o.start !== input.start);
}

export function registerAvailabilityTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    'search_availability',
    {
      title: 'Find free times',
      description:
        'Free start times of a service between two dates, as a short list of the best matches ' +
        '(earliest first, or nearest to a preferred time of day on each day). Times are given in ' +
        'the customer’s time zone, which is named in every answer. Pass an option’s `start` and ' +
        'a provider id to book_appointment.',
      inputSchema: {
        serviceId: query.serviceId.describe('A service id from list_services'),
        from: query.from.describe('First date (YYYY-MM-DD) in the customer’s time zone'),
        to: query.to
          .optional()
          .describe(
            `Last date (YYYY-MM-DD, inclusive); ${DEFAULT_DAYS} days from \`from\` when omitted`,
          ),
        timeZone: query.timezone.describe(
          'The customer’s IANA time zone (e.g. Europe/Paris); the business’s when omitted',
        ),
        providerId: providerChoice,
        preferredTime: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:mm, e.g. 14:30')
          .optional()
          .describe('Preferred time of day (HH:mm, customer’s zone): options nearest to it first'),
        limit: z.number().int().min(1).max(20).default(5).describe('How many options (1–20)'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) => run(async () => ok(await searchSlots(ctx, args))),
  );
}
