/**
 * Where a service is offered (ADR 0019). A service without chosen locations is offered at every
 * location; with some, only there. A provider without a location is bound by nothing; a provider
 * at a location offers only services offered there. The database re-checks the same rule at
 * commit (prisma/functions/location_offering_check.sql).
 */
export function offeredAt(serviceLocationIds: readonly string[], locationId: string): boolean {
  return serviceLocationIds.length === 0 || serviceLocationIds.includes(locationId);
}

export interface Assignment {
  providerId: string;
  serviceId: string;
}

/** The assignments that break the rule, in the order given. */
export function offeringBreaches(
  assignments: readonly Assignment[],
  providerLocation: ReadonlyMap<string, string | null>,
  serviceLocations: ReadonlyMap<string, readonly string[]>,
): Assignment[] {
  return assignments.filter((a) => {
    const location = providerLocation.get(a.providerId) ?? null;
    return location !== null && !offeredAt(serviceLocations.get(a.serviceId) ?? [], location);
  });
}
