import {
  MAX_TEXT_ANSWER,
  intakeAnswerProblem,
  isBlankAnswer,
  type FieldIssue,
  type IntakeProblem,
  type IntakeValue,
} from '@slotwise/contracts';
import type { IntakeAnswerRecord, IntakeFieldRecord } from '../../ports/records';

/** The API's wording of the shared intake rule's verdicts (the apps word them in their language). */
function message(field: IntakeFieldRecord, problem: IntakeProblem): string {
  switch (problem) {
    case 'required':
      return `${field.label} is required`;
    case 'not_accepted':
      return 'Must be accepted';
    case 'invalid_number':
      return 'Expected a number';
    case 'invalid_choice':
      return field.type === 'multiselect'
        ? `Expected only: ${field.options.join(', ')}`
        : `Expected one of: ${field.options.join(', ')}`;
    case 'invalid_email':
      return 'Expected an email address';
    case 'invalid_phone':
      return 'Expected a phone number';
    case 'invalid_date':
      return 'Expected a date as YYYY-MM-DD';
    case 'too_long':
      return `At most ${MAX_TEXT_ANSWER} characters`;
    case 'expected_text':
      return field.type === 'checkbox' ? 'Expected true or false' : 'Expected text';
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
    const problem = intakeAnswerProblem(field, value);
    if (problem)
      issues.push({ path: `body.answers.${field.key}`, message: message(field, problem) });
    else if (!isBlankAnswer(value))
      stored.push({
        fieldId: field.id,
        key: field.key,
        label: field.label,
        value: typeof value === 'string' ? value.trim() : value!,
      });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers: stored };
}
