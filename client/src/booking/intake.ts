import type { IntakeField, IntakeValue } from './types';

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

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Same rule as the contract's phone schema: common notation, 6 to 15 digits. */
export function isPhone(s: string): boolean {
  const digits = s.replace(/\D/g, '').length;
  return /^\+?[0-9 ().\-/]+$/.test(s.trim()) && digits >= 6 && digits <= 15;
}

export const isEmail = (s: string) => EMAIL_RE.test(s.trim()) && s.trim().length <= 254;

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

/** The intake answers' checks alone, keyed `answers.<key>` (shared with the admin app's form). */
export function validateAnswers(
  fields: readonly IntakeField[],
  answers: IntakeDraft,
  t: Translate,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of fields) {
    const key = `answers.${f.key}`;
    const v = answers[f.key];
    const empty =
      v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (f.required) errors[key] = t('form.required');
      continue;
    }
    if (typeof v === 'string') {
      if (f.type === 'email' && !isEmail(v)) errors[key] = t('form.invalidEmail');
      else if (f.type === 'phone' && !isPhone(v)) errors[key] = t('form.invalidPhone');
      else if (f.type === 'number' && !Number.isFinite(Number(v)))
        errors[key] = t('form.invalidNumber');
      else if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v))
        errors[key] = t('form.invalidDate');
      else if (f.type === 'select' && !f.options.includes(v)) errors[key] = t('form.invalidChoice');
      else if (v.length > 2000) errors[key] = t('form.tooLong', { max: 2000 });
    }
  }
  return errors;
}

/** Draft answers → the API's typed values; empty optional answers are left out. */
export function answersPayload(
  fields: readonly IntakeField[],
  answers: IntakeDraft,
): Record<string, IntakeValue> {
  const out: Record<string, IntakeValue> = {};
  for (const f of fields) {
    const v = answers[f.key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (f.type === 'number' && typeof v === 'string') out[f.key] = Number(v);
    else if (f.type === 'checkbox') out[f.key] = v === true;
    else out[f.key] = v;
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
