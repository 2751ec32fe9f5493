import { z } from 'zod';

const count = (what: string) => z.number().int().min(1).max(10_000).optional().describe(what);
const minutes = (what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(7 * 1440)
    .optional()
    .describe(what);

/**
 * Limits of a provider (over all its bookings) or a service (over its bookings with each
 * provider). Days and ISO weeks (Monday first) are the provider's local ones; cancelled bookings
 * do not count. Enforced when a booking is written, not only in the offered slots.
 */
export const bookingLimitsSchema = z
  .object({
    bookingsPerDay: count('At most this many bookings on a day'),
    bookingsPerWeek: count('At most this many bookings in a week'),
    minutesPerDay: minutes('At most this many booked minutes on a day'),
    minutesPerWeek: minutes('At most this many booked minutes in a week'),
    minGapMinutes: z
      .number()
      .int()
      .min(0)
      .max(1440)
      .optional()
      .describe("Minutes kept free between two of the provider's bookings, beyond buffers"),
    startOffsetMinutes: z
      .number()
      .int()
      .min(0)
      .max(1440)
      .optional()
      .describe(
        "Offered starts move this much later (09:00 becomes 09:10); the provider's and the service's add up",
      ),
  })
  .strict()
  .describe('Booking limits; {} = none');
export type BookingLimits = z.infer<typeof bookingLimitsSchema>;

export const slotPlacementSchema = z
  .enum(['grid', 'fill'])
  .describe(
    "'grid': starts every step from the start of working time; 'fill': also the first start after each booking, busy time or the notice period, on clock marks otherwise — never fewer starts than the grid",
  );
export type SlotPlacement = z.infer<typeof slotPlacementSchema>;
