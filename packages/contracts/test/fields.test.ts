import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emailSchema,
  intakeAnswerProblem,
  isTimeZone,
  phoneSchema,
  timeZoneSchema,
  type IntakeQuestion,
} from '../src/common/fields';

const q = (type: string, o: Partial<IntakeQuestion> = {}): IntakeQuestion => ({
  type,
  required: false,
  options: [],
  ...o,
});

describe('shared field rules', () => {
  it('normalises emails and refuses what is not one', () => {
    expect(emailSchema.parse('  Ana@Example.COM ')).toBe('ana@example.com');
    for (const bad of [
      '',
      'ana',
      'ana@',
      '@example.com',
      'a b@example.com',
      `${'a'.repeat(250)}@ex.com`,
    ])
      expect(emailSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('takes a phone in any common notation with 6 to 15 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9]{6,15}$/), (digits) => {
        expect(phoneSchema.safeParse(digits).success).toBe(true);
      }),
    );
    expect(phoneSchema.safeParse('+44 (20) 7946-0958').success).toBe(true);
    for (const bad of ['12345', '+1234567890123456', 'call me', '+44 20 x946 0958'])
      expect(phoneSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('knows IANA zones and nothing else', () => {
    expect(timeZoneSchema.safeParse('Europe/London').success).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    for (const bad of ['', 'Mars/Olympus', 'Europe/London '.repeat(6)])
      expect(isTimeZone(bad), bad).toBe(false);
  });
});

describe('intakeAnswerProblem', () => {
  it('asks only required questions to be answered, and a required checkbox to be ticked', () => {
    for (const type of ['text', 'email', 'phone', 'number', 'date', 'select', 'multiselect']) {
      for (const blank of [undefined, '', '  ', []]) {
        expect(intakeAnswerProblem(q(type), blank)).toBeNull();
        expect(intakeAnswerProblem(q(type, { required: true }), blank)).toBe('required');
      }
    }
    expect(intakeAnswerProblem(q('checkbox', { required: true }), undefined)).toBe('required');
    expect(intakeAnswerProblem(q('checkbox', { required: true }), false)).toBe('not_accepted');
    expect(intakeAnswerProblem(q('checkbox', { required: true }), true)).toBeNull();
    expect(intakeAnswerProblem(q('checkbox'), false)).toBeNull();
  });

  it('checks each type with the same rules as the request fields', () => {
    expect(intakeAnswerProblem(q('email'), 'not-an-email')).toBe('invalid_email');
    expect(intakeAnswerProblem(q('email'), 'ana@example.com')).toBeNull();
    expect(intakeAnswerProblem(q('phone'), '12345')).toBe('invalid_phone');
    expect(intakeAnswerProblem(q('phone'), '+44 20 7946 0958')).toBeNull();
    expect(intakeAnswerProblem(q('number'), '12')).toBe('invalid_number');
    expect(intakeAnswerProblem(q('number'), 12)).toBeNull();
    expect(intakeAnswerProblem(q('date'), '2026-02-30')).toBe('invalid_date');
    expect(intakeAnswerProblem(q('date'), '2026-02-28')).toBeNull();
    expect(intakeAnswerProblem(q('select', { options: ['a', 'b'] }), 'c')).toBe('invalid_choice');
    expect(intakeAnswerProblem(q('multiselect', { options: ['a', 'b'] }), ['a', 'c'])).toBe(
      'invalid_choice',
    );
    expect(intakeAnswerProblem(q('text'), 'x'.repeat(2001))).toBe('too_long');
    expect(intakeAnswerProblem(q('text'), 3)).toBe('expected_text');
  });

  it('accepts any option subset of a multiselect and nothing outside it', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.string({ minLength: 1 }),
        (options, extra) => {
          const question = q('multiselect', { options });
          expect(
            intakeAnswerProblem(question, options.slice(0, Math.ceil(options.length / 2))),
          ).toBeNull();
          if (!options.includes(extra))
            expect(intakeAnswerProblem(question, [...options, extra])).toBe('invalid_choice');
        },
      ),
    );
  });
});
