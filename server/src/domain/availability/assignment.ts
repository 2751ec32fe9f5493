/**
 * "Any provider" assignment: among the providers free for a slot, the one with the fewest
 * bookings that day, ties broken by provider order (sortOrder, then id). Deterministic, so a
 * retried request lands on the same provider.
 *
 * "That day" is the PROVIDER's local day containing the slot start (their working day, which is
 * what load balancing is about), not the customer's or the tenant's. A booking counts once
 * whatever its seat count, and counts on the day it starts.
 */
import { localDayBounds } from '../time';
import { compareProviders } from './provider-order';
import type { ExistingBooking, ProviderInput, Slot } from './types';

export function assignProvider(
  freeProviderIds: readonly string[],
  bookingsThatDay: ReadonlyMap<string, number>,
  providers: readonly ProviderInput[],
): string {
  if (freeProviderIds.length === 0)
    throw new RangeError('assignProvider needs at least one free provider');
  const byId = new Map<string, ProviderInput>();
  for (const p of providers) if (!byId.has(p.id)) byId.set(p.id, p);
  let best: string | undefined;
  let bestCount = Number.POSITIVE_INFINITY;
  for (const id of freeProviderIds) {
    const count = bookingsThatDay.get(id) ?? 0;
    if (
      best === undefined ||
      count < bestCount ||
      (count === bestCount && comesBefore(id, best, byId))
    ) {
      best = id;
      bestCount = count;
    }
  }
  return best!;
}

// Providers missing from the list (should not happen) rank after known ones, by id.
function comesBefore(a: string, b: string, byId: ReadonlyMap<string, ProviderInput>): boolean {
  const pa = byId.get(a);
  const pb = byId.get(b);
  if (pa && pb) return compareProviders(pa, pb) < 0;
  if (pa || pb) return pa !== undefined;
  return a < b;
}

/**
 * Active bookings per provider on each provider's local day containing `slotStart`
 * (every provider gets an entry, 0 when idle). Pass the provider's active bookings.
 */
export function countBookingsPerProviderOnDay(
  bookings: readonly Pick<ExistingBooking, 'providerId' | 'start'>[],
  providers: readonly ProviderInput[],
  slotStart: number,
): Map<string, number> {
  const days = new Map<string, { start: number; end: number }>();
  const counts = new Map<string, number>();
  for (const p of providers) {
    if (days.has(p.id)) continue;
    days.set(p.id, localDayBounds(slotStart, p.timeZone));
    counts.set(p.id, 0);
  }
  for (const b of bookings) {
    const d = days.get(b.providerId);
    if (d && b.start >= d.start && b.start < d.end)
      counts.set(b.providerId, counts.get(b.providerId)! + 1);
  }
  return counts;
}

/** assignProvider for a computed slot, counting bookings as countBookingsPerProviderOnDay does. */
export function assignProviderForSlot(
  slot: Pick<Slot, 'start' | 'providerIds'>,
  bookings: readonly Pick<ExistingBooking, 'providerId' | 'start'>[],
  providers: readonly ProviderInput[],
): string {
  const free = new Set(slot.providerIds);
  const relevant = providers.filter((p) => free.has(p.id));
  return assignProvider(
    slot.providerIds,
    countBookingsPerProviderOnDay(bookings, relevant, slot.start),
    providers,
  );
}
