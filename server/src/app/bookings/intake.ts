import type { FieldIssue, IntakeValue } from '@slotwise/contracts';
import type { IntakeAnswerRecord, IntakeFieldRecord } from '../../ports/records';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const isBlank = (v: IntakeValue | undefined) =>
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** Why `value` does not fit `field`, or null when it does. Unknown field types take free text. */
function problemWith(field: IntakeFieldRecord, value: IntakeValue): string | null {
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? null : 'Expected a number';
    case 'checkbox':
      if (typeof value !== 'boolean') return 'Expected true or false';
      // A required checkbox is a consent: it has to be ticked.
      return field.required && !value ? 'Must be accepted' : null;
    case 'select':
      if (typeof value !== 'string') return 'Expected one of the options';
      return field.options.includes(value) ? null : `Expected one of: ${field.options.join(', ')}`;
    case 'multiselect':
      if (!Array.isArray(value)) return 'Expected a list of options';
      return value.every((v) => field.options.includes(v))
        ? null
        : `Expected only: ${field.options.join(', ')}`;
    case 'email':
      return typeof value === 'string' && EMAIL_RE.test(value.trim())
        ? null
        : 'Expected an email address';
    case 'phone':
      return typeof value === 'string' && /^\+?[0-9 ().\-/]{6,40}$/.test(value.trim())
        ? null
        : 'Expected a phone number';
    case 'date':
      return typeof value === 'string' &&
        DATE_RE.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ? null
        : 'Expected a date as YYYY-MM-DD';
    default:
      return typeof value === 'string' ? null : 'Expected text';
  }
}

/**
 * Checks a booking's answers against the service's intake fields: required fields answered,
 * values of the right type and among the options, no unknown keys. Returns the answers to store
 * (label copied, so later edits of the form do not rewrite history) or the issues found.
 */
export function checkIntakeAnswers(
  fields: readonly IntakeFieldRecord[],
  answers: Readonly<Record<string, IntakeValue>>,
): { ok: true; answers: IntakeAnswerRecord[] } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const stored: IntakeAnswerRecord[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key))
      issues.push({ path: `body.answers.${key}`, message: 'Not a question of this service' });
  }
  for (const field of fields) {
    const value = answers[field.key];
    if (isBlank(value)) {
      if (field.required)
        issues.push({ path: `body.answers.${field.key}`, message: `${field.label} is required` });
      continue;
    }
    const problem = problemWith(field, value!);
    if (problem) issues.push({ path: `body.answers.${field.key}`, message: problem });
    else
      stored.push({
        fieldId: field.id,
        key: field.key,
        label: field.label,
        value: typeof value === 'string' ? value.trim() : value,
      });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers: stored };
}
