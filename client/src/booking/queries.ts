import { useQuery } from '@tanstack/react-query';
import { useSdk } from '../shared/sdk-context';
import type { LocalDate } from '../shared/time';

/** Every read the booking app makes, keyed so that a booking can invalidate exactly its slots. */
export const keys = {
  tenant: (slug: string) => ['tenant', slug] as const,
  locations: (slug: string) => ['locations', slug] as const,
  services: (slug: string, locationId = '') => ['services', slug, locationId] as const,
  providers: (slug: string, serviceId: string, locationId = '') =>
    ['providers', slug, serviceId, locationId] as const,
  intake: (slug: string, serviceId: string) => ['intake', slug, serviceId] as const,
  availabilityAll: ['availability'] as const,
  availability: (
    slug: string,
    serviceId: string,
    providerId: string,
    zone: string,
    from: LocalDate,
    to: LocalDate,
    locationId = '',
  ) => ['availability', slug, serviceId, providerId, zone, from, to, locationId] as const,
  manage: (token: string) => ['manage', token] as const,
};

export function useTenant(slug: string) {
  const sdk = useSdk();
  return useQuery({
    queryKey: keys.tenant(slug),
    queryFn: () => sdk.public.tenants.get({ params: { slug } }),
  });
}

/** The business's active sites, in display order (empty for a single-site business). */
export function useLocations(slug: string) {
  const sdk = useSdk();
  return useQuery({
    queryKey: keys.locations(slug),
    queryFn: async () =>
      (await sdk.public.locations.list({ params: { slug }, query: { limit: 200 } })).items.sort(
        (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name),
      ),
  });
}

/** `locationId`: only what is offered there (the chosen site of a multi-site business). */
export function useServices(slug: string, locationId?: string) {
  const sdk = useSdk();
  return useQuery({
    queryKey: keys.services(slug, locationId),
    queryFn: async () =>
      (
        await sdk.public.services.list({
          params: { slug },
          query: { limit: 200, ...(locationId ? { locationId } : {}) },
        })
      ).items,
  });
}

export function useProviders(slug: string, serviceId: string | undefined, locationId?: string) {
  const sdk = useSdk();
  return useQuery({
    queryKey: keys.providers(slug, serviceId ?? '', locationId),
    enabled: Boolean(serviceId),
    queryFn: async () =>
      (
        await sdk.public.providers.list({
          params: { slug },
          query: { serviceId, limit: 200, ...(locationId ? { locationId } : {}) },
        })
      ).items,
  });
}

export function useIntakeFields(slug: string, serviceId: string | undefined) {
  const sdk = useSdk();
  return useQuery({
    queryKey: keys.intake(slug, serviceId ?? ''),
    enabled: Boolean(serviceId),
    queryFn: async () =>
      (await sdk.public.bookings.intakeFields({ params: { slug, serviceId: serviceId! } })).items,
  });
}

export function useAvailability(args: {
  slug: string;
  serviceId?: string;
  providerId: string;
  zone: string;
  from: LocalDate;
  to: LocalDate;
  enabled?: boolean;
  locationId?: string;
}) {
  const sdk = useSdk();
  const { slug, serviceId, providerId, zone, from, to, locationId } = args;
  return useQuery({
    queryKey: keys.availability(slug, serviceId ?? '', providerId, zone, from, to, locationId),
    enabled: Boolean(serviceId) && from <= to && (args.enabled ?? true),
    // Free times go stale quickly; refetch whenever the visitor comes back to the tab.
    staleTime: 30_000,
    refetchOnWindowFocus: true,
    queryFn: () =>
      sdk.public.availability.get({
        params: { slug },
        query: {
          serviceId: serviceId!,
          from,
          to,
          timezone: zone,
          ...(providerId !== 'any' ? { providerId } : {}),
          ...(locationId ? { locationId } : {}),
        },
      }),
  });
}
