import { z } from 'zod';
import { text } from './primitives';

/**
 * The shared field rules: email, phone, IANA zone and intake answers. The contracts, the server's
 * use cases and the web apps' forms all use these (the apps import `@slotwise/contracts/fields`,
 * which pulls in zod and the `text()` primitive only), so a value one accepts the others accept.
 * Every string is `text()`: well-formed Unicode without NUL, like every request string.
 */

export const emailSchema = text()
  .trim()
  .toLowerCase()
  .max(254)
  .email('Expected an email address such as name@example.com');

/** Accepts any common notation; stored as + and digits (E.164 allows at most 15 digits). */
export const phoneSchema = text()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ().\-/]+$/, 'Expected a phone number such as +44 20 7946 0958')
  .refine((s) => {
    const digits = s.replace(/\D/g, '').length;
    return digits >= 6 && digits <= 15;
  }, 'A phone number has 6 to 15 digits');

// Constructing an Intl.DateTimeFormat is the only portable check, and it costs tens of
// microseconds: answers are remembered. Zones are a small fixed set, but the input is anyone's,
// so only valid ones are kept (an attacker cannot grow the cache with junk).
const knownZones = new Set<string>();

export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (knownZones.size < 1_000) knownZones.add(zone);
  return true;
}

export const timeZoneSchema = text()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'Unknown IANA time zone')
  .describe('IANA time zone, e.g. Europe/London');

// --- Intake answers --------------------------------------------------------------------------

/** Longest text answer, in characters. */
export const MAX_TEXT_ANSWER = 2000;

export const intakeValueSchema = z.union([
  text().max(MAX_TEXT_ANSWER),
  z.number().finite(),
  z.boolean(),
  z.array(text().max(200)).max(50),
]);
export type IntakeValue = z.infer<typeof intakeValueSchema>;

/** Answers by question key, as a booking request carries them. */
export const intakeAnswersSchema = z.record(text().min(1).max(64), intakeValueSchema);

/** What an intake question needs to check an answer. */
export interface IntakeQuestion {
  type: string;
  required: boolean;
  options: readonly string[];
}

/** Why an answer does not fit its question; each app words it (the API in English). */
export type IntakeProblem =
  | 'required'
  | 'not_accepted'
  | 'invalid_number'
  | 'invalid_choice'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_date'
  | 'expected_text'
  | 'too_long';

export const isBlankAnswer = (v: IntakeValue | undefined): boolean =>
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/**
 * The one intake rule: null when `value` answers `q`, else why not. Blank answers are only a
 * problem for required questions; a required checkbox is a consent and has to be ticked. Unknown
 * question types take free text.
 */
export function intakeAnswerProblem(
  q: IntakeQuestion,
  value: IntakeValue | undefined,
): IntakeProblem | null {
  if (q.type !== 'checkbox' && isBlankAnswer(value)) return q.required ? 'required' : null;
  switch (q.type) {
    case 'number':
      return typeof value === 'number' ? null : 'invalid_number';
    case 'checkbox':
      if (value === undefined) return q.required ? 'required' : null;
      if (typeof value !== 'boolean') return 'expected_text';
      return q.required && !value ? 'not_accepted' : null;
    case 'select':
      return typeof value === 'string' && q.options.includes(value) ? null : 'invalid_choice';
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => q.options.includes(v))
        ? null
        : 'invalid_choice';
    case 'email':
      return typeof value === 'string' && emailSchema.safeParse(value).success
        ? null
        : 'invalid_email';
    case 'phone':
      return typeof value === 'string' && phoneSchema.safeParse(value).success
        ? null
        : 'invalid_phone';
    case 'date':
      return typeof value === 'string' && isDate(value.trim()) ? null : 'invalid_date';
    default:
      if (typeof value !== 'string') return 'expected_text';
      return value.length > MAX_TEXT_ANSWER ? 'too_long' : null;
  }
}
