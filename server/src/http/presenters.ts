import { paymentPolicyDto } from './payment-presenters';
import type { AvailabilityResult } from '../app/availability';
import {
  type apiKeySchema,
  type availabilitySchema,
  type blackoutSchema,
  type customerBookingSummarySchema,
  type customerExportSchema,
  type customerProfileSchema,
  type customerSchema,
  type dateOverrideSchema,
  type memberSchema,
  type providerSchema,
  publicProviderSchema,
  publicServiceSchema,
  type publicTenantSchema,
  type publicWaitlistEntrySchema,
  type serviceSchema,
  type tenantSchema,
  type userSchema,
  type waitlistEntrySchema,
} from '@slotwise/contracts';
import type { CustomerProfile } from '../app/customers/customers';
import type {
  CustomerBookingRecord,
  CustomerExportRecord,
  CustomerRecord,
  WaitlistEntryRecord,
} from '../ports/records';
import type {
  ApiKeyRecord,
  BlackoutRecord,
  DateOverrideRecord,
  MemberRecord,
  ProviderRecord,
  ServiceRecord,
  TenantRecord,
  UserRecord,
} from '../ports/records';
import type { BookingLimits, bookingLimitsSchema } from '@slotwise/contracts';
import { iso, isoOrNull, pickDto, ref, type Dto } from './dto';

export const tenantDto = (t: TenantRecord) =>
  ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    description: t.description,
    timeZone: t.timeZone,
    currency: t.currency,
    locale: t.locale,
    email: t.email,
    phone: t.phone,
    address: t.address,
    logoUrl: t.logoUrl,
    brandColor: t.brandColor,
    policiesText: t.policiesText,
    settings: t.settings,
    embedOrigins: t.embedOrigins,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  }) satisfies Dto<typeof tenantSchema>;

export const publicTenantDto = (t: TenantRecord, acceptingBookings = true) =>
  ({
    slug: t.slug,
    name: t.name,
    description: t.description,
    timeZone: t.timeZone,
    currency: t.currency,
    locale: t.locale,
    logoUrl: t.logoUrl,
    brandColor: t.brandColor,
    policiesText: t.policiesText,
    email: t.email,
    phone: t.phone,
    address: t.address,
    cancellationPolicy: t.settings.cancellationPolicy,
    acceptingBookings,
  }) satisfies Dto<typeof publicTenantSchema>;

export const userDto = (u: Pick<UserRecord, 'id' | 'email' | 'name'>) =>
  ({ id: u.id, email: u.email, name: u.name }) satisfies Dto<typeof userSchema>;

export const memberDto = (m: MemberRecord) =>
  ({
    id: m.id,
    userId: m.userId,
    email: m.email,
    name: m.name,
    role: m.role,
    createdAt: iso(m.createdAt),
  }) satisfies Dto<typeof memberSchema>;

export const apiKeyDto = (k: ApiKeyRecord) =>
  ({
    id: k.id,
    name: k.name,
    mode: k.mode,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: iso(k.createdAt),
    lastUsedAt: isoOrNull(k.lastUsedAt),
    revokedAt: isoOrNull(k.revokedAt),
  }) satisfies Dto<typeof apiKeySchema>;

// --- Catalogue and availability ------------------------------------------------------------

/** Only the limits that are set, key by key. */
const limitsDto = (l: BookingLimits) => {
  const out: Dto<typeof bookingLimitsSchema> = {};
  if (l.bookingsPerDay !== undefined) out.bookingsPerDay = l.bookingsPerDay;
  if (l.bookingsPerWeek !== undefined) out.bookingsPerWeek = l.bookingsPerWeek;
  if (l.minutesPerDay !== undefined) out.minutesPerDay = l.minutesPerDay;
  if (l.minutesPerWeek !== undefined) out.minutesPerWeek = l.minutesPerWeek;
  if (l.minGapMinutes !== undefined) out.minGapMinutes = l.minGapMinutes;
  if (l.startOffsetMinutes !== undefined) out.startOffsetMinutes = l.startOffsetMinutes;
  return out;
};

export const serviceDto = (s: ServiceRecord) =>
  ({
    id: s.id,
    name: s.name,
    description: s.description,
    category: s.category,
    durationMinutes: s.durationMinutes,
    bufferBeforeMinutes: s.bufferBeforeMinutes,
    bufferAfterMinutes: s.bufferAfterMinutes,
    priceCents: s.priceCents,
    currency: s.currency,
    deposit: { type: s.deposit.type, value: s.deposit.value },
    paymentPolicy: paymentPolicyDto(s.paymentPolicy),
    capacity: s.capacity,
    minNoticeMinutes: s.minNoticeMinutes,
    maxAdvanceDays: s.maxAdvanceDays,
    slotIntervalMinutes: s.slotIntervalMinutes,
    slotPlacement: s.slotPlacement,
    limits: limitsDto(s.limits),
    requiresApproval: s.requiresApproval,
    active: s.active,
    sortOrder: s.sortOrder,
    providerIds: s.providerIds,
    locationIds: s.locationIds,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  }) satisfies Dto<typeof serviceSchema>;

/**
 * The public service: the fields publicServiceSchema picks from the one service mapping, and who
 * attends (ADR 0018), which the admin service leaves to its participants route. The booking app
 * reads it to offer a choice of provider only where there is one.
 */
export const publicServiceDto = (s: ServiceRecord) =>
  ({
    ...pickDto(publicServiceSchema.omit({ participantMode: true, hostProviderIds: true }), serviceDto(s)),
    participantMode: s.participantMode,
    hostProviderIds: s.participantMode === 'round_robin' ? s.hostProviderIds : [],
  }) satisfies Dto<typeof publicServiceSchema>;

export const providerDto = (p: ProviderRecord) =>
  ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    email: p.email,
    bio: p.bio,
    timeZone: p.timeZone,
    color: p.color,
    active: p.active,
    sortOrder: p.sortOrder,
    serviceIds: p.serviceIds,
    limits: limitsDto(p.limits),
    locationId: p.locationId,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  }) satisfies Dto<typeof providerSchema>;

/** The public provider: the fields publicProviderSchema picks, from the one provider mapping. */
export const publicProviderDto = (p: ProviderRecord) => pickDto(publicProviderSchema, providerDto(p));

export const dateOverrideDto = (o: DateOverrideRecord) =>
  ({
    id: o.id,
    providerId: o.providerId,
    startDate: o.startDate,
    endDate: o.endDate,
    intervals: o.intervals.map((i) => ({ startTime: i.startTime, endTime: i.endTime })),
    reason: o.reason,
    createdAt: iso(o.createdAt),
  }) satisfies Dto<typeof dateOverrideSchema>;

export const blackoutDto = (b: BlackoutRecord) =>
  ({
    id: b.id,
    name: b.name,
    startDate: b.startDate,
    endDate: b.endDate,
    createdAt: iso(b.createdAt),
  }) satisfies Dto<typeof blackoutSchema>;

export const customerDto = (c: CustomerRecord) =>
  ({
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    notes: c.notes,
    locale: c.locale,
    timeZone: c.timeZone,
    erasedAt: isoOrNull(c.erasedAt),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  }) satisfies Dto<typeof customerSchema>;

export const customerBookingDto = (b: CustomerBookingRecord) =>
  ({
    id: b.id,
    confirmationCode: b.confirmationCode,
    status: b.status,
    startAt: iso(b.startAt),
    endAt: iso(b.endAt),
    service: ref(b.service),
    provider: ref(b.provider),
    priceCents: b.priceCents,
    currency: b.currency,
  }) satisfies Dto<typeof customerBookingSummarySchema>;

export const customerProfileDto = (p: CustomerProfile) =>
  ({
    customer: customerDto(p.customer),
    stats: p.stats,
    recentBookings: p.recentBookings.map(customerBookingDto),
  }) satisfies Dto<typeof customerProfileSchema>;

export const waitlistEntryDto = (w: WaitlistEntryRecord) =>
  ({
    id: w.id,
    service: ref(w.service),
    providerId: w.providerId,
    customer: {
      id: w.customer.id,
      name: w.customer.name,
      email: w.customer.email,
      phone: w.customer.phone,
    },
    fromDate: w.fromDate,
    toDate: w.toDate,
    status: w.status,
    notifiedAt: isoOrNull(w.notifiedAt),
    createdAt: iso(w.createdAt),
  }) satisfies Dto<typeof waitlistEntrySchema>;

export const publicWaitlistEntryDto = (w: WaitlistEntryRecord) =>
  ({
    id: w.id,
    serviceId: w.service.id,
    providerId: w.providerId,
    fromDate: w.fromDate,
    toDate: w.toDate,
    status: w.status,
    createdAt: iso(w.createdAt),
  }) satisfies Dto<typeof publicWaitlistEntrySchema>;

export const customerExportDto = (e: CustomerExportRecord & { exportedAt: Date }) =>
  ({
    exportedAt: iso(e.exportedAt),
    customer: customerDto(e.customer),
    bookings: e.bookings.map((b) => ({
      ...customerBookingDto(b),
      depositCents: b.depositCents,
      customerTimeZone: b.customerTimeZone,
      customerNotes: b.customerNotes,
      staffNotes: b.staffNotes,
      source: b.source,
      cancelReason: b.cancelReason,
      cancelledAt: isoOrNull(b.cancelledAt),
      createdAt: iso(b.createdAt),
      intakeAnswers: b.intakeAnswers.map((a) => ({ key: a.key, label: a.label, value: a.value })),
      history: b.history.map((h) => ({
        action: h.action,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        actorType: h.actorType,
        reason: h.reason,
        createdAt: iso(h.createdAt),
      })),
    })),
    payments: e.payments.map((p) => ({
      id: p.id,
      bookingId: p.bookingId,
      kind: p.kind,
      status: p.status,
      amountCents: p.amountCents,
      currency: p.currency,
      gateway: p.gateway,
      createdAt: iso(p.createdAt),
    })),
    waitlist: e.waitlist.map((w) => ({
      id: w.id,
      service: ref(w.service),
      providerId: w.providerId,
      fromDate: w.fromDate,
      toDate: w.toDate,
      status: w.status,
      notifiedAt: isoOrNull(w.notifiedAt),
      createdAt: iso(w.createdAt),
    })),
  }) satisfies Dto<typeof customerExportSchema>;

const presentedAvailability = new WeakMap<
  AvailabilityResult,
  ReturnType<typeof presentAvailability>
>();

function presentAvailability(a: AvailabilityResult) {
  return {
    serviceId: a.serviceId,
    timeZone: a.timeZone,
    days: a.days.map((d) => ({
      date: d.date,
      slots: d.slots.map((s) => ({
        start: iso(new Date(s.start)),
        end: iso(new Date(s.end)),
        localTime: s.localTime,
        utcOffset: s.utcOffset,
        localStart: s.localStart,
        providerCount: s.providerIds.length,
        ...(a.providerIds ? { providerIds: s.providerIds } : {}),
        seatsLeft: s.seatsLeft,
      })),
    })),
  } satisfies Dto<typeof availabilitySchema>;
}

/**
 * Only what a booking page needs per slot; instants as UTC ISO strings. Cached results come back
 * as the same object, so each is presented once (hundreds of slots per response).
 */
export function availabilityDto(a: AvailabilityResult) {
  let dto = presentedAvailability.get(a);
  if (!dto) {
    dto = presentAvailability(a);
    presentedAvailability.set(a, dto);
  }
  return dto;
}

export { iso, isoOrNull, page } from './dto';

// The booking DTOs (admin, public, manage link, intake questions).
export * from './booking-presenters';
