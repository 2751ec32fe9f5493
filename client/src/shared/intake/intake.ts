import {
  emailSchema,
  intakeAnswerProblem,
  MAX_TEXT_ANSWER,
  phoneSchema,
  type IntakeProblem,
} from '@slotwise/contracts/fields';
import type { IntakeField, IntakeValue } from '../../booking/types';

export type IntakeDraft = Record<string, string | boolean | string[]>;
export type FieldErrors = Record<string, string>;

export interface CustomerDraft {
  name: string;
  email: string;
  phone: string;
  notes: string;
}

export type Translate = (
  key:
    | 'form.required'
    | 'form.invalidEmail'
    | 'form.invalidPhone'
    | 'form.invalidNumber'
    | 'form.invalidDate'
    | 'form.invalidChoice'
    | 'form.tooLong',
  params?: Record<string, string | number>,
) => string;

/** The contract's rules (the API applies the same ones). */
export const isPhone = (s: string): boolean => phoneSchema.safeParse(s).success;
export const isEmail = (s: string): boolean => emailSchema.safeParse(s).success;

/** How the booking and admin apps word the shared intake rule's verdicts. */
const PROBLEM_KEYS: Record<IntakeProblem, Parameters<Translate>[0]> = {
  required: 'form.required',
  not_accepted: 'form.required',
  invalid_number: 'form.invalidNumber',
  invalid_choice: 'form.invalidChoice',
  invalid_email: 'form.invalidEmail',
  invalid_phone: 'form.invalidPhone',
  invalid_date: 'form.invalidDate',
  expected_text: 'form.invalidChoice',
  too_long: 'form.tooLong',
};

/** A draft answer as the API would receive it; text that is not a number stays text (and fails). */
function draftValue(f: IntakeField, v: IntakeDraft[string] | undefined): IntakeValue | undefined {
  if (v === undefined) return undefined;
  if (f.type === 'checkbox') return v === true;
  if (f.type === 'number' && typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : v;
  }
  return v;
}

/** Client-side checks mirroring the API's, so most mistakes never leave the page. */
export function validateDetails(
  customer: CustomerDraft,
  fields: readonly IntakeField[],
  answers: IntakeDraft,
  t: Translate,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!customer.name.trim()) errors.name = t('form.required');
  else if (customer.name.trim().length > 120) errors.name = t('form.tooLong', { max: 120 });
  if (!customer.email.trim()) errors.email = t('form.required');
  else if (!isEmail(customer.email)) errors.email = t('form.invalidEmail');
  if (customer.phone.trim() && !isPhone(customer.phone)) errors.phone = t('form.invalidPhone');
  if (customer.notes.length > 2000) errors.notes = t('form.tooLong', { max: 2000 });
  return { ...errors, ...validateAnswers(fields, answers, t) };
}

/** A verdict of the shared intake rule in the app's words. */
export const intakeProblemMessage = (problem: IntakeProblem, t: Translate): string =>
  t(PROBLEM_KEYS[problem], problem === 'too_long' ? { max: MAX_TEXT_ANSWER } : undefined);

/** The intake answers' checks alone, keyed `answers.<key>` (shared with the admin app's form). */
export function validateAnswers(
  fields: readonly IntakeField[],
  answers: IntakeDraft,
  t: Translate,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of fields) {
    const problem = intakeAnswerProblem(f, draftValue(f, answers[f.key]));
    if (problem) errors[`answers.${f.key}`] = intakeProblemMessage(problem, t);
  }
  return errors;
}

/**
 * Draft answers → the API's typed values; empty optional answers are left out, and a number
 * that is not one stays text, so the shared rule (and the API) refuse it as a number.
 */
export function answersPayload(
  fields: readonly IntakeField[],
  answers: Partial<IntakeDraft>,
): Record<string, IntakeValue> {
  const out: Record<string, IntakeValue> = {};
  for (const f of fields) {
    const v = answers[f.key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    const value = draftValue(f, v);
    if (value !== undefined) out[f.key] = value;
  }
  return out;
}

/** API issue paths (`body.customer.email`, `body.answers.allergies`) → form field keys. */
export function issuesToFieldErrors(
  issues: readonly { path: string; message: string }[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) {
    const p = i.path.replace(/^body\./, '');
    const key = p.startsWith('customer.')
      ? p.slice('customer.'.length).split('.')[0]!
      : p.startsWith('answers.')
        ? p.split('.').slice(0, 2).join('.')
        : p;
    errors[key] ??= i.message;
  }
  return errors;
}
