import type { BookingStatus } from '@slotwise/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { contract } from '@slotwise/contracts';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { describeRange, localDate, presentBooking } from '../format';
import { ok, refuse, run } from '../result';

const customerFields = contract.admin.customers.create.body.shape;
const localDateSchema = contract.public.availability.get.query.innerType().shape.from;
const ROLE_RANK = { viewer: 0, staff: 1, admin: 2, owner: 3 } as const;
const ACTIVE: BookingStatus[] = ['pending', 'confirmed', 'checked_in'];

/** Tools that read across customers: api mode only (an API key or a team member's session). */
export function registerStaffTools(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    'list_customer_bookings',
    {
      title: 'A customer’s upcoming bookings',
      description:
        'Upcoming bookings (not cancelled) of the customer with this email address or phone number, ' +
        'soonest first, with their confirmation codes for get_booking, reschedule_booking and cancel_booking.',
      inputSchema: {
        email: customerFields.email.unwrap().unwrap().optional(),
        phone: customerFields.phone.unwrap().unwrap().optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ email, phone }) =>
      run(async () => {
        if (!email && !phone)
          return refuse({
            code: 'validation_failed',
            message: 'Give the customer’s email address or phone number',
          });
        const business = await ctx.business();
        const digits = phone?.replace(/\D/g, '');
        const found = await ctx.sdk.customers.list({
          query: { search: email ?? digits!, limit: 20 },
        });
        // The search is by prefix; only an exact match is this customer.
        const matches = found.items.filter((c) =>
          email ? c.email === email.toLowerCase() : c.phone?.replace(/\D/g, '') === digits,
        );
        const now = ctx.now().toISOString();
        const bookings = [];
        for (const c of matches) {
          for await (const b of ctx.sdk.bookings.list({
            query: { customerId: c.id, from: now, status: ACTIVE, limit: 50 },
          })) {
            bookings.push(b);
          }
        }
        bookings.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
        return ok({
          customer: matches[0]
            ? { name: matches[0].name, email: matches[0].email, phone: matches[0].phone }
            : null,
          upcoming: bookings.map((b) => presentBooking(b, business.timeZone)),
        });
      }),
  );

  server.registerTool(
    'todays_schedule',
    {
      title: 'Today’s schedule',
      description:
        'Every booking of one day (today in the business’s time zone unless a date is given), in order, ' +
        'with customer, service, provider and status. For staff, admins and owners only.',
      inputSchema: {
        date: localDateSchema
          .optional()
          .describe('YYYY-MM-DD in the business’s zone; today when omitted'),
        providerId: z.string().max(64).optional().describe('Only this provider'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ date, providerId }) =>
      run(async () => {
        const caller = await ctx.caller();
        if (!caller || ROLE_RANK[caller.role] < ROLE_RANK.staff) {
          return refuse({
            code: 'forbidden',
            message: 'Today’s schedule is for staff, admins and owners only',
          });
        }
        const business = await ctx.business();
        const day = date ?? localDate(ctx.now(), business.timeZone);
        const items = [];
        for await (const b of ctx.sdk.bookings.list({
          query: { from: day, to: day, limit: 200, ...(providerId ? { providerId } : {}) },
        })) {
          items.push(b);
        }
        items.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
        return ok({
          date: day,
          timeZone: business.timeZone,
          bookings: items.map((b) => ({
            code: b.code,
            id: b.id,
            status: b.status,
            when: describeRange(b.start, b.end, business.timeZone),
            service: b.service.name,
            provider: { id: b.provider.id, name: b.provider.name },
            customer: { name: b.customer.name, email: b.customer.email, phone: b.customer.phone },
          })),
        });
      }),
  );
}
