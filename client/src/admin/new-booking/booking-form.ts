import {
  adminCreateBookingBodySchema,
  intakeAnswerProblem,
  type IntakeProblem,
} from '@slotwise/contracts';
import { z } from 'zod';
import type { IntakeField } from '../../booking/types';
import { errorCode, isSlotwiseError } from '../../shared/api';
import { answersPayload, intakeProblemMessage } from '../../shared/intake/intake';
import type { I18n, MessageKey } from '../../shared/i18n';
import { zonedTimeToInstant, type LocalDate } from '../../shared/time';
import { friendlyMessages, type FormRules } from '../ui/entity-form';

/** What staff type, before it becomes the admin create-booking body. */
const newBookingDraftSchema = z.object({
  serviceId: z.string(),
  /** A provider id, or "any". */
  providerId: z.string(),
  date: z.string(),
  /** The chosen free slot's start (an instant), when picking from availability. */
  start: z.string().nullable(),
  /** "HH:mm" in the business's zone, when booking outside availability. */
  time: z.string(),
  override: z.boolean(),
  /** Staff confirm that a time in the past records a visit that already happened. */
  recordPast: z.boolean(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  /** The customer agreed (to the staff member) to booking texts at `phone`. */
  smsOptIn: z.boolean(),
  notes: z.string(),
  staffNotes: z.string(),
  // An unanswered question (its input mounted, nothing typed) holds undefined.
  answers: z.record(z.union([z.string(), z.boolean(), z.array(z.string())]).optional()),
});
export type NewBookingDraft = z.infer<typeof newBookingDraftSchema>;

/** Said above the free times when the create call finds the time gone. */
export const SLOT_TAKEN = 'admin.newBooking.slotTaken' satisfies MessageKey;
export const OVERLAP = 'admin.newBooking.overlap' satisfies MessageKey;

export const newBookingDraft = (date: LocalDate): NewBookingDraft => ({
  serviceId: '',
  providerId: 'any',
  date,
  start: null,
  time: '09:00',
  override: false,
  recordPast: false,
  name: '',
  email: '',
  phone: '',
  smsOptIn: false,
  notes: '',
  staffNotes: '',
  answers: {},
});

/** The typed wall time in the business's zone as an instant; '' when it is not a time. */
function typedStart(d: NewBookingDraft, zone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date) || !/^\d{2}:\d{2}$/.test(d.time)) return '';
  const at = zonedTimeToInstant(d.date, d.time, zone);
  return Number.isNaN(at.getTime()) ? '' : at.toISOString();
}

/**
 * The draft → POST /v1/admin/bookings' body, checked by the contract (customer, email or phone,
 * instants, lengths) and by the shared intake rule for this service's questions.
 */
export function newBookingSchema(fields: readonly IntakeField[], zone: string) {
  const asked = adminCreateBookingBodySchema.superRefine((body, ctx) => {
    for (const f of fields) {
      const problem = intakeAnswerProblem(f, body.answers[f.key]);
      if (problem)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['answers', f.key],
          params: { problem },
        });
    }
  });
  return newBookingDraftSchema
    .transform((d) => {
      const email = d.email.trim();
      const phone = d.phone.trim();
      return {
        serviceId: d.serviceId,
        providerId: d.providerId,
        start: d.override ? typedStart(d, zone) : (d.start ?? ''),
        customer: {
          name: d.name,
          ...(email ? { email } : {}),
          ...(phone ? { phone } : {}),
          // Sent even without a phone: the contract then asks for one (on the phone input).
          ...(d.smsOptIn ? { smsOptIn: true } : {}),
        },
        timeZone: zone,
        notes: d.notes,
        answers: answersPayload(fields, d.answers),
        staffNotes: d.staffNotes,
        overrideAvailability: d.override,
        recordPast: d.override && d.recordPast,
      };
    })
    .pipe(asked);
}
export type NewBookingBody = z.output<ReturnType<typeof newBookingSchema>>;

/** Where the body's issues show: the customer's fields by name, the start on the time's input. */
function pathOf(path: string, d: NewBookingDraft): string | undefined {
  if (path.startsWith('customer.')) return path.split('.')[1];
  if (path.startsWith('answers.')) return path.split('.').slice(0, 2).join('.');
  if (path === 'start')
    return d.override ? (/^\d{4}-\d{2}-\d{2}$/.test(d.date) ? 'time' : 'date') : 'start';
  return path || undefined;
}

/** The form's rules, worded in the admin's language for the shared intake verdicts. */
export function newBookingRules(t: I18n['t']): FormRules<NewBookingDraft> {
  const base = friendlyMessages({
    serviceId: {
      invalid_string: t('admin.newBooking.chooseService'),
      invalid_type: t('admin.newBooking.chooseService'),
    },
    start: { invalid_string: t('admin.newBooking.pickTime') },
    time: { invalid_string: t('admin.newBooking.enterTime') },
    date: { invalid_string: t('admin.newBooking.chooseDate') },
    name: {
      too_small: t('admin.newBooking.enterName'),
      too_big: t('form.tooLong', { max: 120 }),
    },
    // The contract's "one of them" rule is reported on the email.
    email: {
      custom: t('admin.newBooking.emailOrPhone'),
      invalid_string: t('form.invalidEmail'),
    },
    phone: { invalid_string: t('form.invalidPhone'), custom: t('form.invalidPhone') },
    notes: { too_big: t('form.tooLong', { max: 2000 }) },
    staffNotes: { too_big: t('form.tooLong', { max: 5000 }) },
  });
  return {
    pathOf,
    messages: (issue, ctx) => {
      const problem = (issue as { params?: { problem?: IntakeProblem } }).params?.problem;
      if (problem) return { message: intakeProblemMessage(problem, t) };
      // The contract's "texts need a phone" rule (a custom issue on the phone, like a bad number).
      const d = ctx.data as NewBookingDraft | undefined;
      if (issue.code === z.ZodIssueCode.custom && issue.path.join('.') === 'phone' && d?.smsOptIn && !d.phone.trim())
        return { message: t('admin.newBooking.smsNeedsPhone') };
      return base(issue, ctx);
    },
    // A taken slot is said above the times, which are refreshed; a past time asks for the
    // "record a past booking" choice.
    known: (err) =>
      errorCode(err) === 'slot_unavailable'
        ? true
        : errorCode(err) === 'unprocessable' &&
            isSlotwiseError(err) &&
            err.details?.reason === 'in_the_past'
          ? { field: 'recordPast', message: t('admin.newBooking.pastNeedsChoice') }
          : undefined,
  };
}
