/**
 * Where a booking takes place (ADR 0019): a provider and a resource it holds must be at the same
 * location; one with no location fits any. This is the one place that decides which providers
 * can take part once the service's resources are known, whether or not a location was chosen
 * (a chosen location narrows further: app/availability/at-location.ts).
 */
import type { ParticipantMode, ProviderInput, ResourceInput } from './types';

/**
 * The location the resources tie a booking to: null when none has one, undefined when they are
 * at different locations (no booking can hold them all at once).
 */
export function resourceSite(
  resources: readonly Pick<ResourceInput, 'locationId'>[],
): string | null | undefined {
  let site: string | null = null;
  for (const r of resources) {
    if (r.locationId == null) continue;
    if (site !== null && site !== r.locationId) return undefined;
    site = r.locationId;
  }
  return site;
}

/** Whether a provider at `locationId` can work with resources tied to `site`. */
export const fitsSite = (locationId: string | null | undefined, site: string | null): boolean =>
  site === null || locationId == null || locationId === site;

/**
 * The providers that can take part alongside the resources, by mode: 'single' and the round
 * robin pool keep those that fit; a collective service (every member attends) and round robin
 * hosts (each attends every booking) must all fit, else nobody can take part.
 */
export function sitedProviders<P extends Pick<ProviderInput, 'locationId' | 'host'>>(
  providers: readonly P[],
  resources: readonly Pick<ResourceInput, 'locationId'>[],
  mode: ParticipantMode,
): P[] {
  const site = resourceSite(resources);
  if (site === undefined) return [];
  if (site === null) return [...providers];
  const fits = (p: P) => fitsSite(p.locationId, site);
  if (mode === 'collective') return providers.every(fits) ? [...providers] : [];
  if (mode === 'round_robin' && !providers.filter((p) => p.host === true).every(fits)) return [];
  return providers.filter(fits);
}
