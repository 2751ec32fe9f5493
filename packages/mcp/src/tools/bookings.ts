import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { contract } from '@slotwise/contracts';
import { isConflictError } from '@slotwise/sdk';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { money, presentBooking } from '../format';
import { ok, refuse, run } from '../result';
import { alternativesNear } from './availability';
import {
  adminBookingByCode,
  BookingNotFound,
  bookingRefShape,
  publicBookingByLink,
  type BookingRef,
} from './booking-ref';
import { providerChoice } from './catalogue';

const body = contract.public.bookings.create.body.shape;
const startSchema = body.start.describe(
  'The `start` of an option from search_availability (ISO 8601)',
);

/** A 409 slot_unavailable answer with fresh options, so the assistant can offer another time at once. */
async function slotTaken(
  ctx: ToolContext,
  err: unknown,
  near: { serviceId: string; start: string; timeZone?: string; providerId?: string },
): Promise<CallToolResult> {
  if (!isConflictError(err) || err.code !== 'slot_unavailable') throw err;
  const alternatives = await alternativesNear(ctx, near).catch(() => []);
  return refuse({ code: err.code, message: err.message }, { alternatives });
}

/** Runs a lookup-then-act tool body; an unknown code or link is a plain "not found" refusal. */
const withBooking = (body: () => Promise<CallToolResult>) =>
  run(async () => {
    try {
      return await body();
    } catch (err) {
      if (err instanceof BookingNotFound)
        return refuse({ code: 'not_found', message: err.message });
      throw err;
    }
  });

export function registerBookingTools(server: McpServer, ctx: ToolContext) {
  const ref = bookingRefShape(ctx);
  const api = ctx.mode.kind === 'api';
  const howToRefer = api ? 'its confirmation code' : 'the customer’s manage link';

  server.registerTool(
    'book_appointment',
    {
      title: 'Book an appointment',
      description:
        'Book a free time found with search_availability for a customer, with their contact details ' +
        'and answers to the service’s intake questions (see list_services). Returns the confirmation ' +
        'code' +
        (api
          ? ''
          : ' and the manage link (the customer’s only way to change it: give it to them)') +
        '. If the time was just taken, the answer says so and lists fresh alternatives.',
      inputSchema: {
        serviceId: body.serviceId.describe('A service id from list_services'),
        start: startSchema,
        providerId: providerChoice,
        customer: body.customer.describe('Name plus an email address or a phone number'),
        timeZone: body.timeZone
          .optional()
          .describe(
            'The customer’s IANA time zone, used in their emails; the business’s when omitted',
          ),
        answers: body.answers.describe('Answers to the intake questions, by question key'),
        notes: body.notes.describe('Anything the customer wants the business to know'),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    (args, extra) =>
      run(async () => {
        const business = await ctx.business();
        const timeZone = args.timeZone ?? business.timeZone;
        const idempotencyKey = ctx.idempotencyKey('book_appointment', extra.requestId, args);
        const providerId = args.providerId ?? 'any';
        const input = { ...args, providerId, timeZone };
        try {
          const b = api
            ? await ctx.sdk.bookings.create({ body: input, idempotencyKey })
            : await ctx.sdk.public.bookings.create({
                params: { slug: business.slug },
                body: input,
                idempotencyKey,
              });
          return ok({
            booked: true,
            booking: presentBooking(b, business.timeZone),
            manageUrl: b.manageUrl,
          });
        } catch (err) {
          return slotTaken(ctx, err, {
            serviceId: args.serviceId,
            start: args.start,
            timeZone,
            ...(args.providerId ? { providerId: args.providerId } : {}),
          });
        }
      }),
  );

  server.registerTool(
    'get_booking',
    {
      title: 'Look up a booking',
      description:
        `A booking by ${howToRefer}: service, provider, time in the customer’s zone, status` +
        (api
          ? ', intake answers and history.'
          : ', and whether it can still be cancelled or moved.'),
      inputSchema: ref,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args: BookingRef) =>
      withBooking(async () => {
        const business = await ctx.business();
        if (api) {
          const b = await adminBookingByCode(ctx, args.code!);
          return ok({
            booking: presentBooking(b, business.timeZone),
            answers: b.answers,
            allowedActions: b.allowedActions,
          });
        }
        const m = await publicBookingByLink(ctx, args.manageLink!);
        return ok({
          booking: presentBooking(m.booking, business.timeZone),
          canCancel: m.cancellation.allowed,
          canReschedule: m.reschedule.allowed,
        });
      }),
  );

  server.registerTool(
    'reschedule_booking',
    {
      title: 'Move a booking',
      description:
        `Move a booking (found by ${howToRefer}) to another free time from search_availability; ` +
        'same booking, same code. If the time was just taken, the answer lists fresh alternatives.',
      inputSchema: {
        ...ref,
        start: startSchema,
        providerId: z
          .string()
          .max(64)
          .optional()
          .describe('Another provider of the service; the current one when omitted'),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    (args, extra) =>
      withBooking(async () => {
        const business = await ctx.business();
        const idempotencyKey = ctx.idempotencyKey('reschedule_booking', extra.requestId, args);
        const move = {
          start: args.start,
          ...(args.providerId ? { providerId: args.providerId } : {}),
        };
        const found = api
          ? { booking: await adminBookingByCode(ctx, (args as BookingRef).code!), token: null }
          : await publicBookingByLink(ctx, (args as BookingRef).manageLink!);
        const current = found.booking;
        try {
          const moved = found.token
            ? (
                await ctx.sdk.public.manage.reschedule({
                  params: { token: found.token },
                  body: move,
                  idempotencyKey,
                })
              ).booking
            : await ctx.sdk.bookings.reschedule({
                params: { id: current.id },
                body: move,
                idempotencyKey,
              });
          return ok({ rescheduled: true, booking: presentBooking(moved, business.timeZone) });
        } catch (err) {
          return slotTaken(ctx, err, {
            serviceId: current.service.id,
            start: args.start,
            timeZone: current.timeZone ?? business.timeZone,
            providerId: args.providerId ?? current.provider.id,
          });
        }
      }),
  );

  server.registerTool(
    'cancel_booking',
    {
      title: 'Cancel a booking',
      description:
        `Cancel a booking (found by ${howToRefer}). First call it with confirm: false (the default) ` +
        'to see the cancellation policy and any fee, tell the customer, and call again with ' +
        'confirm: true only once they agree.',
      inputSchema: {
        ...ref,
        reason: z.string().trim().max(500).optional().describe('Why, in the customer’s words'),
        confirm: z
          .boolean()
          .default(false)
          .describe('false: only show what cancelling would cost; true: cancel'),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    (args, extra) =>
      withBooking(async () => {
        const business = await ctx.business();
        const policy = business.cancellationPolicy;
        const policyText =
          `Free cancellation until ${policy.freeCancellationHours} h before the start; ` +
          (policy.lateCancellationFeePercent > 0
            ? `later, a fee of ${policy.lateCancellationFeePercent}% of the price.`
            : 'later cancellations have no fee either.');
        const reason = args.reason ? { reason: args.reason } : {};
        const idempotencyKey = ctx.idempotencyKey('cancel_booking', extra.requestId, args);
        if (api) {
          const b = await adminBookingByCode(ctx, (args as BookingRef).code!);
          // The admin route cancels on the business's side: the policy's fee never applies there.
          const fee = {
            policy: policyText,
            fee: money(0, b.currency),
            note: 'Cancelled by the business: no fee applies and any deposit is refunded in full.',
          };
          if (!args.confirm) {
            return ok({
              confirmed: false,
              booking: presentBooking(b, business.timeZone),
              cancellable: b.allowedActions.includes('cancel'),
              ...fee,
              nextStep:
                'Tell the customer, then call cancel_booking again with confirm: true to cancel.',
            });
          }
          const done = await ctx.sdk.bookings.cancel({
            params: { id: b.id },
            body: reason,
            idempotencyKey,
          });
          return ok({ cancelled: true, booking: presentBooking(done, business.timeZone), ...fee });
        }
        const m = await publicBookingByLink(ctx, (args as BookingRef).manageLink!);
        const c = m.cancellation;
        const cost = {
          policy: policyText,
          late: c.late,
          fee: money(c.fee.amount, c.fee.currency),
          refund: money(c.refund.amount, c.refund.currency),
          keptFromDeposit: money(c.retained.amount, c.retained.currency),
          stillOwed: money(c.outstanding.amount, c.outstanding.currency),
          note:
            c.fee.amount === 0
              ? 'No fee applies to cancelling now.'
              : `Cancelling now costs a fee of ${money(c.fee.amount, c.fee.currency)}.`,
        };
        if (!args.confirm) {
          return ok({
            confirmed: false,
            booking: presentBooking(m.booking, business.timeZone),
            cancellable: c.allowed,
            ...(c.reason ? { whyNot: c.reason } : {}),
            ...cost,
            ...(c.allowed
              ? {
                  nextStep:
                    'Tell the customer the fee, then call cancel_booking again with confirm: true to cancel.',
                }
              : {}),
          });
        }
        const done = await ctx.sdk.public.manage.cancel({
          params: { token: m.token },
          body: reason,
          idempotencyKey,
        });
        return ok({
          cancelled: true,
          booking: presentBooking(done.booking, business.timeZone),
          ...cost,
        });
      }),
  );
}
