import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../auth';
import { collect } from '../../data';

export const locationKeys = { all: ['admin', 'locations'] as const };

/** Every location of the business (few: one page of 200). */
export function useLocationList() {
  const { session } = useAuth();
  return useQuery({
    queryKey: locationKeys.all,
    queryFn: async () =>
      (await collect(session.sdk.locations.list({ query: { limit: 200 } }))).sort(
        (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name),
      ),
  });
}
