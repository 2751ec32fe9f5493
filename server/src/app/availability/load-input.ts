import type { AvailabilityQuery, ServiceSettings } from '../../domain/availability';
import type { AvailabilitySnapshot } from '../../ports/records';
import type { TenantRepositories } from '../../ports/repositories';
import { notFound } from '../errors';

export interface AvailabilityWindow {
  serviceId: string;
  /** Only this provider (if it is active and offers the service); omitted = every such provider. */
  providerId?: string;
  /** Slot STARTS of interest: [fromUtc, toUtc). Buffers and duration are added by the repository. */
  fromUtc: Date | number;
  toUtc: Date | number;
  /** Leave out this booking's own occupancy, e.g. to re-validate its reschedule. */
  excludeBookingId?: string;
}

const asDate = (t: Date | number) => (typeof t === 'number' ? new Date(t) : t);

/**
 * Loads the slot engine's input for one service and window in the caller's tenant transaction:
 * one query (service, active assigned providers, weekly rules, overrides and blackouts near the
 * window, active bookings and external busy time overlapping it). Throws not_found when the
 * service does not exist or is deleted; an INACTIVE service is returned (check
 * `snapshot.service.active` where customers are concerned).
 *
 * Bookings use it inside their write transaction, e.g.
 *   const snap = await loadAvailabilityInput(repos, { serviceId, providerId, fromUtc: start, toUtc: start + 1 });
 *   const slot = findSlot(engineInput(snap, clock.now().getTime()), start);
 *   const providerId = slot && assignProviderForSlot(slot, snap.bookings, snap.providers);
 */
export async function loadAvailabilityInput(
  repos: Pick<TenantRepositories, 'availability'>,
  w: AvailabilityWindow,
): Promise<AvailabilitySnapshot> {
  const snapshot = await repos.availability.load({
    serviceId: w.serviceId,
    providerId: w.providerId,
    fromUtc: asDate(w.fromUtc),
    toUtc: asDate(w.toUtc),
    excludeBookingId: w.excludeBookingId,
  });
  if (!snapshot) throw notFound('Service');
  return snapshot;
}

export function serviceSettings(s: AvailabilitySnapshot['service']): ServiceSettings {
  return {
    id: s.id,
    durationMinutes: s.durationMinutes,
    bufferBeforeMinutes: s.bufferBeforeMinutes,
    bufferAfterMinutes: s.bufferAfterMinutes,
    capacity: s.capacity,
    minNoticeMinutes: s.minNoticeMinutes,
    maxAdvanceDays: s.maxAdvanceDays,
    slotIntervalMinutes: s.slotIntervalMinutes,
    slotPlacement: s.slotPlacement,
    limits: s.limits,
  };
}

/** The engine query minus the viewer's window: what `findSlot` takes; spread it into computeSlots. */
export function engineInput(
  s: AvailabilitySnapshot,
  now: number,
): Omit<AvailabilityQuery, 'from' | 'to' | 'viewerTimeZone'> {
  return {
    service: serviceSettings(s.service),
    providers: s.providers,
    rules: s.rules,
    overrides: s.overrides,
    blackouts: s.blackouts,
    bookings: s.bookings,
    occupied: s.occupied,
    busy: s.busy,
    loads: s.loads,
    team: s.team,
    resources: s.resources,
    allocations: s.allocations,
    tenantTimeZone: s.tenantTimeZone,
    now,
  };
}
