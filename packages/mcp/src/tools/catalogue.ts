import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { contract } from '@slotwise/contracts';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { money } from '../format';
import { ok, run } from '../result';

const PAGE = { limit: 200 };
const idSchema = contract.public.bookings.intakeFields.pathParams.shape.serviceId;

/** Services and providers: what can be booked, with whom, and what the booking form asks. */
export function registerCatalogueTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    'list_services',
    {
      title: 'List services',
      description:
        'The bookable services of the business: id (for the other tools), duration, price, deposit, ' +
        'which providers offer it, and the intake questions asked when booking it.',
      inputSchema: {},
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      run(async () => {
        const { slug, name, timeZone } = await ctx.business();
        const page = await ctx.sdk.public.services.list({ params: { slug }, query: PAGE });
        const services = await Promise.all(
          page.items.map(async (s) => {
            const questions = await ctx.sdk.public.bookings.intakeFields({
              params: { slug, serviceId: s.id },
            });
            return {
              id: s.id,
              name: s.name,
              description: s.description,
              category: s.category,
              durationMinutes: s.durationMinutes,
              price: money(s.priceCents, s.currency),
              deposit:
                s.deposit.type === 'none'
                  ? null
                  : s.deposit.type === 'percent'
                    ? `${s.deposit.value}% of the price`
                    : money(s.deposit.value, s.currency),
              seatsPerSession: s.capacity,
              requiresApproval: s.requiresApproval,
              providerIds: s.providerIds,
              intakeQuestions: questions.items,
            };
          }),
        );
        return ok({ business: { name, timeZone }, services });
      }),
  );

  server.registerTool(
    'list_providers',
    {
      title: 'List providers',
      description:
        'The people (or rooms) customers can book, optionally only those offering one service. ' +
        'Pass a provider id to search_availability to book with someone in particular.',
      inputSchema: {
        serviceId: idSchema.optional().describe('Only providers offering this service'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ serviceId }) =>
      run(async () => {
        const { slug } = await ctx.business();
        const page = await ctx.sdk.public.providers.list({
          params: { slug },
          query: { ...PAGE, ...(serviceId ? { serviceId } : {}) },
        });
        return ok({
          providers: page.items.map((p) => ({
            id: p.id,
            name: p.name,
            kind: p.kind,
            bio: p.bio,
            timeZone: p.timeZone,
            serviceIds: p.serviceIds,
          })),
        });
      }),
  );
}

export const providerChoice = z
  .string()
  .max(64)
  .optional()
  .describe('A provider id from list_providers, or "any" / omitted for whoever is free');
