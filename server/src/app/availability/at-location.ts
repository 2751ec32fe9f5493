import type { AvailabilitySnapshot } from '../../ports/records';

/**
 * The snapshot as seen from one location (ADR 0019): only the providers working there take part,
 * and a resource at another location cannot be held there, so a service needing one offers
 * nothing (a resource with no location serves every location). Rules, bookings, busy time and
 * allocations are left in place; the engine reads them per provider and resource.
 */
export function atLocation<S extends Pick<AvailabilitySnapshot, 'providers' | 'resources'>>(
  snap: S,
  here: { locationId: string; providerIds: readonly string[] },
): S {
  const providers = new Set(here.providerIds);
  const elsewhere = (locationId: string | null | undefined) =>
    locationId != null && locationId !== here.locationId;
  return {
    ...snap,
    providers: snap.providers.filter((p) => providers.has(p.id)),
    ...(snap.resources
      ? {
          resources: snap.resources.map((r) =>
            elsewhere(r.locationId) ? { ...r, usable: false } : r,
          ),
        }
      : {}),
  };
}
