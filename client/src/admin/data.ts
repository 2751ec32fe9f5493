import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AdminBooking,
  AdminIntakeField,
  adminCreatedBookingSchema,
  bookingDetailSchema,
  Provider,
  Service,
  Tenant,
} from '@slotwise/contracts';
import { useAuth } from './auth';

export type { AdminBooking, AdminIntakeField };
export type BookingDetail = z.infer<typeof bookingDetailSchema>;
/** A booking staff just made, with the customer's manage link (returned this once only). */
export type CreatedBooking = z.infer<typeof adminCreatedBookingSchema>;
export type { Provider, Service, Tenant };

/** Every item of a paginated list, following cursors. */
export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of pages) out.push(item);
  return out;
}

export const adminKeys = {
  tenant: ['admin', 'tenant'] as const,
  providers: ['admin', 'providers'] as const,
  services: ['admin', 'services'] as const,
  bookings: ['admin', 'bookings'] as const,
  booking: (id: string) => ['admin', 'bookings', 'one', id] as const,
  customers: ['admin', 'customers'] as const,
  /** Free times (the public availability route) as seen by the new-booking form. */
  availability: ['admin', 'availability'] as const,
  intake: (serviceId: string) => ['admin', 'intake', serviceId] as const,
  /** Every booking-form question (the admin list), in form order. */
  intakeFields: ['admin', 'intake-fields'] as const,
  reports: ['admin', 'reports'] as const,
};

export function useTenantProfile() {
  const { session } = useAuth();
  return useQuery({ queryKey: adminKeys.tenant, queryFn: () => session.sdk.tenant.get() });
}

export function useProviderList() {
  const { session } = useAuth();
  return useQuery({
    queryKey: adminKeys.providers,
    queryFn: () => collect(session.sdk.providers.list({ query: { limit: 200 } })),
  });
}

export function useServiceList() {
  const { session } = useAuth();
  return useQuery({
    queryKey: adminKeys.services,
    queryFn: () => collect(session.sdk.services.list({ query: { limit: 200 } })),
  });
}

/** Every booking-form question of the business, in form order (sortOrder, then oldest first). */
export function useIntakeFieldList() {
  const { session } = useAuth();
  return useQuery({
    queryKey: adminKeys.intakeFields,
    queryFn: async () => (await session.sdk.admin.intakeFields.list({ query: {} })).items,
  });
}
