import type { AvailabilitySnapshot } from '../../ports/records';

/**
 * The snapshot as seen from one location (ADR 0019): only the providers working there take part.
 * Their rules, bookings and busy time are left in place; the engine reads them per provider.
 */
export function atLocation<S extends Pick<AvailabilitySnapshot, 'providers'>>(
  snap: S,
  providerIds: readonly string[],
): S {
  const here = new Set(providerIds);
  return { ...snap, providers: snap.providers.filter((p) => here.has(p.id)) };
}
