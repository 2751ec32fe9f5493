import { instantToLocalDate } from '../../domain/time';
import type { TenantRepositories } from '../../ports/repositories';

export const WAITLIST_SLOT_AVAILABLE = 'waitlist.slot_available';

export interface FreedSlot {
  serviceId: string;
  providerId: string;
  startAt: Date;
  endAt: Date;
}

/**
 * A slot came free (a booking was cancelled or moved): tell the waitlist. Every waiting entry of
 * the service, for any provider or for this one, whose date range holds the slot's date in the
 * business's zone moves to `notified` and gets a `waitlist.slot_available` outbox event. Runs in
 * the caller's transaction, so nobody is told about a cancellation that rolled back; an entry is
 * notified once, whoever frees the next slot. A slot already started frees nothing.
 */
export async function notifySlotFreed(
  repos: TenantRepositories,
  slot: FreedSlot,
  opts: { now?: Date } = {},
) {
  const now = opts.now ?? new Date();
  if (slot.startAt.getTime() <= now.getTime()) return [];
  const { timeZone } = await repos.tenant.get();
  const date = instantToLocalDate(slot.startAt.getTime(), timeZone);
  const claimed = await repos.waitlist.claimForSlot({
    serviceId: slot.serviceId,
    providerId: slot.providerId,
    date,
    at: now,
  });
  for (const entry of claimed) {
    await repos.outbox.add(WAITLIST_SLOT_AVAILABLE, {
      waitlistEntryId: entry.id,
      customerId: entry.customerId,
      serviceId: slot.serviceId,
      providerId: slot.providerId,
      start: slot.startAt.toISOString(),
      end: slot.endAt.toISOString(),
    });
  }
  return claimed;
}
