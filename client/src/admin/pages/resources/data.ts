import { useQuery } from '@tanstack/react-query';
import type { ResourceKind } from '@slotwise/contracts';
import { useAuth } from '../../auth';
import { collect } from '../../data';

export const RESOURCE_KINDS: readonly ResourceKind[] = ['room', 'chair', 'equipment', 'other'];

export const resourceKeys = {
  all: ['admin', 'resources'] as const,
  participants: (serviceId: string) => ['admin', 'resources', 'participants', serviceId] as const,
};

export function useResourceList() {
  const { session } = useAuth();
  return useQuery({
    queryKey: resourceKeys.all,
    queryFn: () => collect(session.sdk.resources.list({ query: { limit: 200 } })),
  });
}
