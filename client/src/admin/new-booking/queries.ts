import { useQuery } from '@tanstack/react-query';
import { errorCode } from '../../shared/api';
import { useAuth } from '../auth';
import { adminKeys } from '../data';

const notFoundIsFinal = (n: number, err: Error) => errorCode(err) !== 'not_found' && n < 1;

/** The service's public intake questions (a service hidden online has none to ask). */
export function useServiceQuestions(serviceId: string) {
  const { session, me } = useAuth();
  return useQuery({
    queryKey: adminKeys.intake(serviceId),
    enabled: Boolean(serviceId),
    retry: notFoundIsFinal,
    queryFn: async () =>
      (
        await session.sdk.public.bookings.intakeFields({
          params: { slug: me.tenant.slug, serviceId },
        })
      ).items,
  });
}

/** One day's free times of the service (and provider) in the business's zone. */
export function useFreeSlots(
  serviceId: string,
  providerId: string,
  date: string,
  enabled: boolean,
) {
  const { session, me } = useAuth();
  const zone = me.tenant.timeZone;
  return useQuery({
    queryKey: [...adminKeys.availability, serviceId, providerId, date],
    enabled: enabled && Boolean(serviceId) && /^\d{4}-\d{2}-\d{2}$/.test(date),
    staleTime: 30_000,
    retry: notFoundIsFinal,
    queryFn: async () => {
      const a = await session.sdk.public.availability.get({
        params: { slug: me.tenant.slug },
        query: {
          serviceId,
          from: date,
          to: date,
          timezone: zone,
          ...(providerId !== 'any' ? { providerId } : {}),
        },
      });
      return a.days.find((day) => day.date === date)?.slots ?? [];
    },
  });
}
