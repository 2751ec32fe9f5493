import type { AppRoute, ServerInferResponseBody } from '@ts-rest/core';
import {
  contract,
  type Provider,
  publicProviderSchema,
  type PublicProvider,
  type PublicService,
  type Service,
} from '@slotwise/contracts';

/**
 * Fakes of the API typed against the contract: an answer must be a body the route really
 * returns, and a fixture is a whole record, so a contract change breaks these tests at compile
 * time instead of letting them pass against a shape the server no longer sends.
 */
export function reply<R extends AppRoute, S extends keyof R['responses'] & number>(
  _route: R,
  status: S,
  body: ServerInferResponseBody<R, S>,
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** An error answer in the shared shape. */
export const errorReply = (status: number, code: string, message: string, details?: unknown) =>
  new Response(JSON.stringify({ error: { code, message, ...(details ? { details } : {}) } }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const AT = '2026-01-01T00:00:00.000Z';

export const tenantFixture = (
  o: Partial<ServerInferResponseBody<typeof contract.admin.tenant.get, 200>> = {},
) => ({
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'studio',
  name: 'Studio',
  description: '',
  timeZone: 'Europe/London',
  currency: 'GBP',
  locale: 'en',
  email: null,
  phone: null,
  address: null,
  logoUrl: null,
  brandColor: '#4f46e5',
  policiesText: '',
  settings: {
    cancellationPolicy: {
      freeCancellationHours: 24,
      lateCancellationFeePercent: 0,
      noShowFeePercent: 0,
      allowCustomerReschedule: true,
      rescheduleCutoffHours: 2,
    },
    defaultSlotIntervalMinutes: null,
    bookingConfirmationMode: 'auto' as const,
    sendReminders: true,
    reminderHoursBefore: 24,
    reminderOffsetsMinutes: [1440, 120],
    reminderChannels: ['email' as const],
    quietHours: null,
    notifyProvider: true,
    notifyBusiness: true,
    notificationEmail: null,
    checkInOpensMinutes: 60,
    defaultWeeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      startTime: '09:00',
      endTime: '17:00',
    })),
  },
  embedOrigins: [],
  createdAt: AT,
  updatedAt: AT,
  ...o,
});

/** GET /v1/auth/me for an owner (or `role`) of the fixture tenant. */
export const meReply = (role: 'owner' | 'admin' | 'staff' | 'viewer' = 'owner', tenant = {}) =>
  reply(contract.auth.me, 200, {
    user: { id: '00000000-0000-4000-8000-0000000000aa', email: 'owner@example.com', name: 'Owner', emailVerified: true },
    apiKey: null,
    tenant: tenantFixture(tenant),
    role,
    memberships: [],
  });

export const refreshReply = () =>
  reply(contract.auth.refresh, 200, {
    accessToken: 'a',
    refreshToken: 'r2',
    expiresIn: 900,
    tokenType: 'Bearer',
  });

export const serviceFixture = (o: Partial<Service> & Pick<Service, 'id' | 'name'>): Service => ({
  description: '',
  category: null,
  durationMinutes: 60,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  priceCents: 0,
  currency: 'GBP',
  deposit: { type: 'none', value: 0 },
  paymentPolicy: { mode: 'none', depositValue: 0, cancellationTiers: [], noShowFee: { type: 'none', value: 0 } },
  capacity: 1,
  minNoticeMinutes: 0,
  maxAdvanceDays: 365,
  slotIntervalMinutes: null,
  slotPlacement: 'grid',
  limits: {},
  requiresApproval: false,
  active: true,
  sortOrder: 0,
  providerIds: [],
  locationIds: [],
  createdAt: AT,
  updatedAt: AT,
  ...o,
});

export const providerFixture = (
  o: Partial<Provider> & Pick<Provider, 'id' | 'name'>,
): Provider => ({
  kind: 'staff',
  email: null,
  bio: '',
  timeZone: 'Europe/London',
  color: null,
  limits: {},
  active: true,
  sortOrder: 0,
  serviceIds: [],
  locationId: null,
  createdAt: AT,
  updatedAt: AT,
  ...o,
});

/** A service as GET /v1/public/tenants/{slug}/services lists it (one provider, single mode). */
export const publicServiceFixture = (
  o: Partial<PublicService> & Pick<PublicService, 'id' | 'name'>,
): PublicService => {
  const s = serviceFixture({ id: o.id, name: o.name });
  return {
    description: s.description,
    category: s.category,
    durationMinutes: s.durationMinutes,
    priceCents: s.priceCents,
    currency: s.currency,
    deposit: s.deposit,
    paymentPolicy: s.paymentPolicy,
    capacity: s.capacity,
    requiresApproval: s.requiresApproval,
    sortOrder: s.sortOrder,
    providerIds: ['00000000-0000-4000-8000-0000000000d1'],
    locationIds: [],
    participantMode: 'single',
    hostProviderIds: [],
    ...o,
  };
};

/** A provider as GET /v1/public/tenants/{slug}/providers lists it (the public fields only). */
export const publicProviderFixture = (
  o: Partial<Provider> & Pick<Provider, 'id' | 'name'>,
): PublicProvider => publicProviderSchema.parse(providerFixture(o));
