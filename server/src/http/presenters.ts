import type { AvailabilityResult } from '../app/availability';
import { INTAKE_FIELD_TYPES, type IntakeValue } from '@slotwise/contracts';
import type { CreatedBooking } from '../app/bookings/create-booking';
import type { ManageView } from '../app/bookings/manage-link';
import { allowedActionsAt } from '../domain/booking/lifecycle';
import type { Money } from '../domain/money';
import type { BookingDetailRecord, BookingRecord, IntakeFieldDetailRecord, IntakeFieldRecord } from '../ports/records';
import type { CustomerProfile } from '../app/customers/customers';
import type { CustomerBookingRecord, CustomerExportRecord, CustomerRecord, WaitlistEntryRecord } from '../ports/records';
import type { ApiKeyRecord, BlackoutRecord, DateOverrideRecord, MemberRecord, Page, ProviderRecord, ServiceRecord, TenantRecord, UserRecord } from '../ports/records';

/** Records → contract DTOs: instants become ISO strings, internal fields stay inside. */
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function page<R, T>(p: Page<R>, map: (r: R) => T) {
  return { items: p.items.map(map), nextCursor: p.nextCursor };
}

export const tenantDto = (t: TenantRecord) => ({ ...t, createdAt: iso(t.createdAt), updatedAt: iso(t.updatedAt) });

export const publicTenantDto = (t: TenantRecord) => ({
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
});

export const userDto = (u: Pick<UserRecord, 'id' | 'email' | 'name'>) => ({ id: u.id, email: u.email, name: u.name });

export const memberDto = (m: MemberRecord) => ({ ...m, createdAt: iso(m.createdAt) });

export const apiKeyDto = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  mode: k.mode,
  prefix: k.prefix,
  scopes: k.scopes,
  createdAt: iso(k.createdAt),
  lastUsedAt: isoOrNull(k.lastUsedAt),
  revokedAt: isoOrNull(k.revokedAt),
});

// --- Catalogue and availability ------------------------------------------------------------

export const serviceDto = (s: ServiceRecord) => ({ ...s, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) });

export const publicServiceDto = (s: ServiceRecord) => ({
  id: s.id,
  name: s.name,
  description: s.description,
  category: s.category,
  durationMinutes: s.durationMinutes,
  priceCents: s.priceCents,
  currency: s.currency,
  deposit: s.deposit,
  capacity: s.capacity,
  requiresApproval: s.requiresApproval,
  sortOrder: s.sortOrder,
  providerIds: s.providerIds,
});

export const providerDto = (p: ProviderRecord) => ({ ...p, createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt) });

export const publicProviderDto = (p: ProviderRecord) => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  bio: p.bio,
  timeZone: p.timeZone,
  color: p.color,
  sortOrder: p.sortOrder,
  serviceIds: p.serviceIds,
});

export const dateOverrideDto = (o: DateOverrideRecord) => ({ ...o, createdAt: iso(o.createdAt) });

export const blackoutDto = (b: BlackoutRecord) => ({ ...b, createdAt: iso(b.createdAt) });

export const customerDto = (c: CustomerRecord) => ({ ...c, erasedAt: isoOrNull(c.erasedAt), createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) });

export const customerBookingDto = <B extends CustomerBookingRecord>(b: B) => ({ ...b, startAt: iso(b.startAt), endAt: iso(b.endAt) });

export const customerProfileDto = (p: CustomerProfile) => ({
  customer: customerDto(p.customer),
  stats: p.stats,
  recentBookings: p.recentBookings.map(customerBookingDto),
});

export const waitlistEntryDto = (w: WaitlistEntryRecord) => ({ ...w, notifiedAt: isoOrNull(w.notifiedAt), createdAt: iso(w.createdAt) });

export const publicWaitlistEntryDto = (w: WaitlistEntryRecord) => ({
  id: w.id,
  serviceId: w.service.id,
  providerId: w.providerId,
  fromDate: w.fromDate,
  toDate: w.toDate,
  status: w.status,
  createdAt: iso(w.createdAt),
});

export const customerExportDto = (e: CustomerExportRecord & { exportedAt: Date }) => ({
  exportedAt: iso(e.exportedAt),
  customer: customerDto(e.customer),
  bookings: e.bookings.map((b) => ({
    ...customerBookingDto(b),
    cancelledAt: isoOrNull(b.cancelledAt),
    createdAt: iso(b.createdAt),
    history: b.history.map((h) => ({ ...h, createdAt: iso(h.createdAt) })),
  })),
  payments: e.payments.map((p) => ({ ...p, createdAt: iso(p.createdAt) })),
  waitlist: e.waitlist.map(({ customer: _customer, ...w }) => ({ ...w, notifiedAt: isoOrNull(w.notifiedAt), createdAt: iso(w.createdAt) })),
});

const presentedAvailability = new WeakMap<AvailabilityResult, ReturnType<typeof presentAvailability>>();

function presentAvailability(a: AvailabilityResult) {
  return {
    serviceId: a.serviceId,
    timeZone: a.timeZone,
    days: a.days.map((d) => ({
      date: d.date,
      slots: d.slots.map((s) => ({ start: iso(new Date(s.start)), end: iso(new Date(s.end)), localTime: s.localTime, providerIds: s.providerIds, seatsLeft: s.seatsLeft })),
    })),
  };
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

// --- Bookings -------------------------------------------------------------------------------

export const bookingDto = (b: BookingRecord) => ({
  id: b.id,
  code: b.confirmationCode,
  status: b.status,
  service: b.service,
  provider: b.provider,
  customer: b.customer,
  start: iso(b.startAt),
  end: iso(b.endAt),
  timeZone: b.customerTimeZone,
  seats: b.seats,
  priceCents: b.priceCents,
  depositCents: b.depositCents,
  currency: b.currency,
  notes: b.customerNotes,
  cancelReason: b.cancelReason,
  cancelledAt: isoOrNull(b.cancelledAt),
  createdAt: iso(b.createdAt),
  updatedAt: iso(b.updatedAt),
});

/** `now` decides the time-bound actions (no-show only after the start): the use case's clock. */
export const adminBookingDto = (b: BookingRecord, now: Date) => ({
  ...bookingDto(b),
  staffNotes: b.staffNotes,
  source: b.source,
  outsideAvailability: b.outsideAvailability,
  allowedActions: allowedActionsAt(b.status, b.startAt, now),
});

export const bookingDetailDto = (b: BookingDetailRecord, now: Date) => ({
  ...adminBookingDto(b, now),
  answers: b.answers.map((a) => ({ key: a.key, label: a.label, value: a.value as IntakeValue })),
  history: b.history.map((e) => ({
    id: e.id,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: { type: e.actorType, id: e.actorId },
    reason: e.reason,
    data: e.data,
    at: iso(e.createdAt),
  })),
});

export const createdBookingDto = (c: CreatedBooking) => ({ ...bookingDto(c.booking), manageToken: c.manageToken, manageUrl: c.manageUrl });
export const adminCreatedBookingDto = (c: CreatedBooking, now: Date) => ({ ...adminBookingDto(c.booking, now), manageToken: c.manageToken, manageUrl: c.manageUrl });

const moneyDto = (m: Money) => ({ amount: m.amountMinor, currency: m.currency });

export const manageBookingDto = (v: ManageView) => ({
  booking: bookingDto(v.booking),
  tenant: { slug: v.tenant.slug, name: v.tenant.name, timeZone: v.tenant.timeZone, email: v.tenant.email, phone: v.tenant.phone, address: v.tenant.address },
  policy: v.policy,
  cancellation: {
    allowed: v.cancellation.allowed,
    reason: v.cancellation.reason ?? null,
    late: v.cancellation.late,
    fee: moneyDto(v.cancellation.fee),
    refund: moneyDto(v.cancellation.refund),
    retained: moneyDto(v.cancellation.retained),
    outstanding: moneyDto(v.cancellation.outstanding),
  },
  reschedule: v.reschedule,
});

export const intakeFieldDto = (f: IntakeFieldRecord) => ({
  key: f.key,
  label: f.label,
  // Fields of a type this version does not know are asked as free text.
  type: (INTAKE_FIELD_TYPES as readonly string[]).includes(f.type) ? (f.type as (typeof INTAKE_FIELD_TYPES)[number]) : 'text',
  required: f.required,
  options: f.options,
});

export const adminIntakeFieldDto = (f: IntakeFieldDetailRecord) => ({
  id: f.id,
  serviceId: f.serviceId,
  ...intakeFieldDto(f),
  sortOrder: f.sortOrder,
  createdAt: iso(f.createdAt),
});
