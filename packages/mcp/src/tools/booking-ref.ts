import { contract } from '@slotwise/contracts';
import type { BookingDetail, ManageBooking } from '@slotwise/sdk';
import { z } from 'zod';
import type { ToolContext } from '../context';

export type PublicBooking = ManageBooking;
type AdminBooking = BookingDetail;

const tokenSchema = contract.public.manage.get.pathParams.shape.token;

/** How a tool names an existing booking: its confirmation code (api mode) or manage link (public mode). */
export function bookingRefShape(ctx: ToolContext): z.ZodRawShape {
  return ctx.mode.kind === 'api'
    ? {
        code: contract.admin.bookings.list.query.shape.code
          .unwrap()
          .pipe(z.string().min(1))
          .describe('The booking’s confirmation code, e.g. K7M2QX9P'),
      }
    : {
        manageLink: z
          .string()
          .max(2000)
          .describe(
            'The manage link from the confirmation (https://…/manage/<token>) or its token',
          ),
      };
}

export type BookingRef = { code?: string; manageLink?: string };

/** The token of a manage link, or of a bare token; null when it is neither. */
export function manageToken(link: string): string | null {
  const last =
    link
      .trim()
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .split('/')
      .pop() ?? '';
  return tokenSchema.safeParse(last).success ? last : null;
}

export class BookingNotFound extends Error {}

/** The admin view of a booking found by its code (api mode). */
export async function adminBookingByCode(ctx: ToolContext, code: string): Promise<AdminBooking> {
  const page = await ctx.sdk.bookings.list({ query: { code, limit: 1 } });
  const hit = page.items[0];
  if (!hit) throw new BookingNotFound(`No booking with the code ${code}`);
  return ctx.sdk.bookings.get({ params: { id: hit.id } });
}

/** The customer's view of a booking behind a manage link (public mode). */
export async function publicBookingByLink(
  ctx: ToolContext,
  link: string,
): Promise<PublicBooking & { token: string }> {
  const token = manageToken(link);
  if (!token) throw new BookingNotFound('That is not a manage link of this business');
  const found = await ctx.sdk.public.manage.get({ params: { token } });
  // A manage link is global; this server speaks for one business only.
  if (ctx.mode.kind === 'public' && found.tenant.slug !== ctx.mode.slug)
    throw new BookingNotFound('That is not a manage link of this business');
  return { ...found, token };
}
