import type { BookingStatus } from '../../domain/booking/lifecycle';
import type { BookingRecord } from '../../ports/records';
import type { NewBookingEvent, OutboxMessage, TenantRepositories } from '../../ports/repositories';
import { actorOf, type Principal } from '../principal';

/** Who changed a booking, as written to its history and to outbox events. */
export interface Actor {
  actorType: 'user' | 'api_key' | 'customer' | 'system';
  actorId: string | null;
}

export const staffActor = (p: Principal): Actor => actorOf(p) as Actor;
export const customerActor = (customerId: string): Actor => ({
  actorType: 'customer',
  actorId: customerId,
});

export interface BookingChangeNote {
  action: string;
  from: BookingStatus | null;
  to: BookingStatus | null;
  actor: Actor;
  reason?: string | null;
  /** Kept in the history row and sent along with the events. */
  data?: Record<string, unknown>;
  topics: string[];
  /**
   * Only in the outbox events (e.g. where the confirmation email's manage link points). Never a
   * secret: outbox payloads are stored in clear and handed to every subscriber.
   */
  extra?: Record<string, unknown>;
}

type BookingRef = Pick<
  BookingRecord,
  | 'id'
  | 'confirmationCode'
  | 'status'
  | 'serviceId'
  | 'providerId'
  | 'customerId'
  | 'startAt'
  | 'endAt'
>;

/** The history row and the outbox messages of one change; `booking` is the state after it. */
export function changeRows(
  booking: BookingRef,
  note: BookingChangeNote,
): { event: NewBookingEvent; outbox: OutboxMessage[] } {
  const payload = {
    bookingId: booking.id,
    code: booking.confirmationCode,
    status: booking.status,
    action: note.action,
    // The status it left: a confirmation after payment (from pending_payment) reads differently.
    from: note.from,
    serviceId: booking.serviceId,
    providerId: booking.providerId,
    customerId: booking.customerId,
    start: booking.startAt.toISOString(),
    end: booking.endAt.toISOString(),
    actor: { type: note.actor.actorType, id: note.actor.actorId },
    ...(note.reason ? { reason: note.reason } : {}),
    ...(note.data ?? {}),
    ...(note.extra ?? {}),
  };
  return {
    event: {
      action: note.action,
      fromStatus: note.from,
      toStatus: note.to,
      actorType: note.actor.actorType,
      actorId: note.actor.actorId,
      reason: note.reason ?? null,
      data: note.data,
    },
    outbox: note.topics.map((topic) => ({ topic, payload })),
  };
}

/** Writes a change's history row and outbox messages in the caller's transaction: they commit with it or not at all. */
export async function recordChange(
  repos: TenantRepositories,
  booking: BookingRef,
  note: BookingChangeNote,
): Promise<void> {
  const rows = changeRows(booking, note);
  await repos.bookings.addEvent(booking.id, rows.event);
  for (const m of rows.outbox) await repos.outbox.add(m.topic, m.payload);
}
