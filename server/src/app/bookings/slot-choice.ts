import {
  assignProvider,
  classSessionKey,
  countBookingsPerProviderOnDay,
  findSlot,
  orderProviders,
  sitedProviders,
} from '../../domain/availability';
import type { AvailabilitySnapshot } from '../../ports/records';
import { engineInput } from '../availability';
import { AppError, validationFailed } from '../errors';

// `not_free`: not among the free times (outside working hours, notice or horizon, or taken);
// staff may still move a booking there with overrideAvailability, never over another booking.
export const slotUnavailable = (details?: { reason: 'schedule_changed' | 'not_free' }) =>
  new AppError('slot_unavailable', 'That time is no longer available; pick another slot', details);

/** Seats of one class session share this key (see the booking_participants_no_overlap constraint). */
export { classSessionKey };

export interface SlotChoice {
  /** Providers to try, best first: the requested one, or the free ones in assignment order. */
  candidates: string[];
  /** Providers the availability engine offers the slot for (empty when staff override it). */
  free: ReadonlySet<string>;
  /** Team services: the other providers every booking holds (sorted by id), whoever is chosen. */
  hosts: string[];
  /** The resources every booking holds (sorted by id). */
  resources: string[];
}

/**
 * Who can take `start` for the snapshot's service. The engine re-validates the slot (working
 * hours, notice, horizon, buffers, other bookings as loaded); with `override` staff may book
 * outside it, but the database still refuses an overlap. "Any provider" lists the free ones by
 * assignProvider's rule (fewest bookings that day, then provider order) so a caller that loses a
 * race for the first can fall back to the next. Team services (ADR 0018): collective bookings are
 * held by the first member and every other one as a host; round robin picks among the free pool
 * members by the same rule, the hosts attend each. A provider and a resource at different
 * locations never combine, override or not (sitedProviders).
 */
export function chooseProviders(
  snap: AvailabilitySnapshot,
  req: { providerId: string | null; start: number; now: number; override: boolean },
): SlotChoice {
  const offering = new Set(snap.providers.map((p) => p.id));
  if (req.providerId && !offering.has(req.providerId)) {
    throw validationFailed([
      {
        path: 'body.providerId',
        message: 'This provider does not offer the service (or is inactive)',
      },
    ]);
  }
  const slot = findSlot(
    { ...engineInput(snap, req.now), ...(req.providerId ? { providerId: req.providerId } : {}) },
    req.start,
  );
  const free = new Set(slot?.providerIds ?? []);
  const resources = (snap.resources ?? []).map((r) => r.id).sort();
  const mode = snap.team?.mode ?? 'single';
  // Overriding availability never puts a provider with a resource at another location (site.ts).
  const sited = new Set(sitedProviders(snap.providers, snap.resources ?? [], mode).map((p) => p.id));
  if (mode === 'collective') {
    // Every member attends; the first in provider order holds the booking row.
    if (!slot && !(req.override && sited.size > 0)) throw slotUnavailable();
    const [first, ...rest] = orderProviders(snap.providers).map((p) => p.id);
    if (!first) throw slotUnavailable();
    return { candidates: [first], free, hosts: rest.sort(), resources };
  }
  const hostIds = mode === 'round_robin' ? snap.providers.filter((p) => p.host).map((p) => p.id).sort() : [];
  if (req.providerId && hostIds.includes(req.providerId)) {
    throw validationFailed([
      { path: 'body.providerId', message: 'This provider is a host: pick one of the other providers' },
    ]);
  }
  const pool = (req.override ? [...sited] : [...free]).filter((id) => !hostIds.includes(id));
  if (req.providerId) {
    if (!pool.includes(req.providerId)) throw slotUnavailable();
    return { candidates: [req.providerId], free, hosts: hostIds, resources };
  }
  if (pool.length === 0) throw slotUnavailable();
  const counts = countBookingsPerProviderOnDay(snap.bookings, snap.providers, req.start);
  const candidates: string[] = [];
  const left = [...pool];
  while (left.length > 0) {
    const next = assignProvider(left, counts, snap.providers);
    candidates.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return { candidates, free, hosts: hostIds, resources };
}
