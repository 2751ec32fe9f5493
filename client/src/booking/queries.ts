import { useQuery } from '@tanstack/react-query';
import { useSdk } from '../shared/sdk-context';
import type { LocalDate } from '../shared/time';

/** Every read the booking app makes, keyed so that a booking can invalidate exactly its slots. */
export const keys = {
  tenant: (slug: string) => ['tenant', slug] as const,
  services: (slug: string) => ['services', slug] as const,
  providers: (slug: string, serviceId: string) => ['providers', slug, serviceId] as const,
  intake: (slug: string, serviceId: string) => ['intake', slug, serviceId] as const,
  availabilityAll: ['availability'] as const,
  availability: (
    slug: string,
    serviceId: string,
    providerId: string,
    zone: string,
    from: LocalDate,
    to: LocalDate,
  ) => ['availability', slug, serviceId, providerId, zone, from, to] as const,
  manage: (token: string) => ['manage', token] as const,
};

export function useTenant(slug: string) {
  const sdk = useSdk();
  return useQuery({
    queryKey: keys.tenant(slug),
    queryFn: () => sdk.public.tenants.get({ params: { slug } }),
  });
}

export function useServices(slug: string) {
  const sdk = useSdk();
  return useQuery({
    queryKey: keys.services(slug),
    queryFn: async () =>
      (await sdk.public.services.list({ params: { slug }, query: { limit: 200 } })).items,
  });
}

export function useProviders(slug: string, serviceId: string | undefined) {
  const sdk = useSdk();
  return useQuery({
    queryKey: keys.providers(slug, serviceId ?? ''),
    enabled: Boolean(serviceId),
    queryFn: async () =>
      (await sdk.public.providers.list({ params: { slug }, query: { serviceId, limit: 200 } }))
        .items,
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
}) {
  const sdk = useSdk();
  const { slug, serviceId, providerId, zone, from, to } = args;
  return useQuery({
    queryKey: keys.availability(slug, serviceId ?? '', providerId, zone, from, to),
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
        },
      }),
  });
}
