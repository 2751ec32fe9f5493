import {
  INTAKE_FIELD_TYPES,
  type adminBookingSchema,
  type adminCreatedBookingSchema,
  type adminIntakeFieldSchema,
  type BookingParticipants,
  type bookingParticipantsSchema,
  type bookingDetailSchema,
  type bookingSchema,
  type createdBookingSchema,
  type intakeFieldSchema,
  type IntakeValue,
  type manageBookingSchema,
} from '@slotwise/contracts';
import type { CreatedBooking } from '../app/bookings/create-booking';
import type { ManageView } from '../app/bookings/manage-link';
import { allowedActionsAt, type ActionClock } from '../domain/booking/lifecycle';
import type { Money } from '../domain/money';
import type {
  BookingDetailRecord,
  BookingRecord,
  IntakeFieldDetailRecord,
  IntakeFieldRecord,
} from '../ports/records';
import { bookingLocationDto } from './location-presenters';
import { iso, isoOrNull, ref, type Dto } from './dto';
import { paymentCheckoutDto, paymentPolicyDto } from './payment-presenters';

// --- Bookings -------------------------------------------------------------------------------

export const bookingDto = (b: BookingRecord) =>
  ({
    id: b.id,
    code: b.confirmationCode,
    status: b.status,
    service: { id: b.service.id, name: b.service.name, durationMinutes: b.service.durationMinutes },
    provider: ref(b.provider),
    customer: {
      id: b.customer.id,
      name: b.customer.name,
      email: b.customer.email,
      phone: b.customer.phone,
    },
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
  }) satisfies Dto<typeof bookingSchema>;

/** `clock` decides the time-bound actions (check-in window, complete and no-show after the start). */
export const adminBookingDto = (b: BookingRecord, clock: ActionClock) =>
  ({
    ...bookingDto(b),
    staffNotes: b.staffNotes,
    source: b.source,
    outsideAvailability: b.outsideAvailability,
    allowedActions: allowedActionsAt(b.status, b.startAt, clock),
  }) satisfies Dto<typeof adminBookingSchema>;

/** Everyone a booking holds (ADR 0018): the admin's booking detail and the customer's manage page. */
export const bookingParticipantsDto = (p: BookingParticipants) =>
  ({
    providers: p.providers.map((x) => ({ id: x.id, name: x.name, role: x.role })),
    resources: p.resources.map(ref),
  }) satisfies Dto<typeof bookingParticipantsSchema>;

export const bookingDetailDto = (b: BookingDetailRecord, clock: ActionClock) =>
  ({
    ...adminBookingDto(b, clock),
    participants: bookingParticipantsDto(b.participants),
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
  }) satisfies Dto<typeof bookingDetailSchema>;

export const createdBookingDto = (c: CreatedBooking, clientMode: 'stripe' | 'local' = 'local') =>
  ({
    ...bookingDto(c.booking),
    manageToken: c.manageToken,
    manageUrl: c.manageUrl,
    ...(c.location !== undefined ? { location: bookingLocationDto(c.location) } : {}),
    ...(c.booking.status === 'pending_payment' ? { payment: c.payment ? paymentCheckoutDto(c.payment, clientMode) : null } : {}),
  }) satisfies Dto<typeof createdBookingSchema>;
export const adminCreatedBookingDto = (c: CreatedBooking, clock: ActionClock) =>
  ({
    ...adminBookingDto(c.booking, clock),
    manageToken: c.manageToken,
    manageUrl: c.manageUrl,
  }) satisfies Dto<typeof adminCreatedBookingSchema>;

const moneyDto = (m: Money) => ({ amount: m.amountMinor, currency: m.currency });

export const manageBookingDto = (v: ManageView) =>
  ({
    booking: bookingDto(v.booking),
    participants: bookingParticipantsDto(v.participants),
    tenant: {
      slug: v.tenant.slug,
      name: v.tenant.name,
      timeZone: v.tenant.timeZone,
      email: v.tenant.email,
      phone: v.tenant.phone,
      address: v.tenant.address,
    },
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
    reschedule: { allowed: v.reschedule.allowed, reason: v.reschedule.reason },
    payment: v.money
      ? {
          state: v.money.payment.state,
          mode: v.money.payment.mode,
          currency: v.money.payment.currency,
          amountDue: v.money.payment.amountDueMinor,
          paid: v.money.totals.paidMinor,
          collected: v.money.totals.collectedMinor,
          refunded: v.money.totals.refundedMinor,
          held: v.money.totals.heldMinor,
          inFlight: v.money.totals.inFlight,
          holdExpiresAt: isoOrNull(v.money.holdExpiresAt),
          lastError: v.money.payment.lastError,
          policy: paymentPolicyDto(v.money.payment.policy),
          noShowFee: moneyDto(v.money.noShowFee),
        }
      : null,
  }) satisfies Dto<typeof manageBookingSchema>;

export const intakeFieldDto = (f: IntakeFieldRecord) =>
  ({
    key: f.key,
    label: f.label,
    // Fields of a type this version does not know are asked as free text.
    type: (INTAKE_FIELD_TYPES as readonly string[]).includes(f.type)
      ? (f.type as (typeof INTAKE_FIELD_TYPES)[number])
      : 'text',
    required: f.required,
    options: f.options,
  }) satisfies Dto<typeof intakeFieldSchema>;

export const adminIntakeFieldDto = (f: IntakeFieldDetailRecord) =>
  ({
    id: f.id,
    serviceId: f.serviceId,
    ...intakeFieldDto(f),
    sortOrder: f.sortOrder,
    createdAt: iso(f.createdAt),
  }) satisfies Dto<typeof adminIntakeFieldSchema>;
