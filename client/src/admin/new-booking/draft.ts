import {
  answersPayload,
  isEmail,
  isPhone,
  validateAnswers,
  type FieldErrors,
  type IntakeDraft,
  type Translate,
} from '../../shared/intake/intake';
import type { IntakeField } from '../../booking/types';
import { zonedTimeToInstant, type LocalDate } from '../../shared/time';

/** What staff typed, before it becomes the admin create-booking body. */
export interface NewBookingDraft {
  serviceId: string;
  /** A provider id, or "any". */
  providerId: string;
  date: LocalDate;
  /** The chosen free slot's start (an instant), when picking from availability. */
  start: string | null;
  /** "HH:mm" in the business's zone, when booking outside availability. */
  time: string;
  override: boolean;
  name: string;
  email: string;
  phone: string;
  /** The customer agreed (to the staff member) to booking texts at `phone`. */
  smsOptIn?: boolean;
  notes: string;
  staffNotes: string;
}

export const SLOT_TAKEN = 'That time was just taken; pick another.';
export const OVERLAP = 'That time overlaps another booking; pick another.';

/**
 * The checks the API makes, so most mistakes never leave the form: a name, an email or a phone
 * (at least one, both well-formed), a time, and the service's intake answers. Keys match
 * issuesToFieldErrors' mapping of the API's issue paths.
 */
export function validateNewBooking(
  d: NewBookingDraft,
  fields: readonly IntakeField[],
  answers: IntakeDraft,
  t: Translate,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!d.serviceId) errors.serviceId = 'Choose a service.';
  if (d.override) {
    if (!d.date) errors.date = 'Choose a date.';
    if (!/^\d{2}:\d{2}$/.test(d.time)) errors.start = 'Enter a time.';
  } else if (!d.start) errors.start = 'Pick one of the free times.';
  const name = d.name.trim();
  if (!name) errors.name = 'Enter the customer’s name.';
  else if (name.length > 120) errors.name = t('form.tooLong', { max: 120 });
  const email = d.email.trim();
  const phone = d.phone.trim();
  // The server's rule: at least one way to reach the customer, reported on the email.
  if (!email && !phone) errors.email = 'Give an email address or a phone number.';
  else if (email && !isEmail(email)) errors.email = t('form.invalidEmail');
  if (phone && !isPhone(phone)) errors.phone = t('form.invalidPhone');
  if (d.smsOptIn && !phone) errors.phone = 'Enter a phone number to send texts to.';
  if (d.notes.length > 2000) errors.notes = t('form.tooLong', { max: 2000 });
  if (d.staffNotes.length > 5000) errors.staffNotes = t('form.tooLong', { max: 5000 });
  return { ...errors, ...validateAnswers(fields, answers, t) };
}

/** The body of POST /v1/admin/bookings for a valid draft. */
export function newBookingBody(
  d: NewBookingDraft,
  fields: readonly IntakeField[],
  answers: IntakeDraft,
  zone: string,
) {
  const email = d.email.trim();
  const phone = d.phone.trim();
  return {
    serviceId: d.serviceId,
    providerId: d.providerId,
    start: d.override ? zonedTimeToInstant(d.date, d.time, zone).toISOString() : d.start!,
    customer: {
      name: d.name.trim(),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      ...(d.smsOptIn && phone ? { smsOptIn: true } : {}),
    },
    timeZone: zone,
    notes: d.notes,
    answers: answersPayload(fields, answers),
    staffNotes: d.staffNotes,
    overrideAvailability: d.override,
  };
}
