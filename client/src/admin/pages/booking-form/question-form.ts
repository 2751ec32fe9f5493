import { createIntakeFieldSchema, intakeFieldTypeSchema } from '@slotwise/contracts';
import { z } from 'zod';
import { errorCode, isSlotwiseError } from '../../../shared/api';
import type { AdminIntakeField } from '../../data';
import { friendlyMessages, type FormRules } from '../../ui/entity-form';
import { isChoice } from './questions';

/** What the question dialog's inputs hold; options are rows so they keep identity when moved. */
const questionDraftSchema = z.object({
  label: z.string(),
  key: z.string(),
  type: intakeFieldTypeSchema,
  required: z.boolean(),
  options: z.array(z.object({ value: z.string() })),
  /** A service id, or '' for every service. */
  serviceId: z.string(),
});
export type QuestionDraft = z.infer<typeof questionDraftSchema>;

/**
 * The draft → the contract's create body, checked by the contract itself (key pattern, option
 * rules). Only choice types send options; the rows of any other type are kept for a switch back.
 */
export const questionFormSchema = questionDraftSchema
  .transform((d) => ({
    serviceId: d.serviceId || null,
    key: d.key,
    label: d.label,
    type: d.type,
    required: d.required,
    options: isChoice(d.type) ? d.options.map((o) => o.value.trim()) : [],
  }))
  .pipe(createIntakeFieldSchema);

export const KEY_TAKEN =
  'Another question of this booking form already uses this key; choose another.';

/** How the contract's verdicts read to staff, and where they show. */
export const questionRules: FormRules<QuestionDraft> = {
  messages: friendlyMessages({
    label: { too_small: 'Enter the question.', too_big: 'At most 200 characters.' },
    key: {
      too_small: 'Enter a key.',
      invalid_string: 'Use lower-case letters, digits, _ and - only.',
      too_big: 'At most 64 characters.',
    },
    options: { custom: 'Add at least one option.', too_big: 'At most 50 options.' },
    'options.*.value': {
      too_small: 'Enter the option or remove it.',
      too_big: 'At most 200 characters.',
      custom: 'This option is already listed.',
    },
  }),
  // The API names an option by index (`options.1`); its input is that row's value.
  pathOf: (path, d) => {
    if (path.startsWith('options')) {
      if (!isChoice(d.type)) return undefined;
      return /^options\.\d+$/.test(path) ? `${path}.value` : path;
    }
    return path || undefined;
  },
  // 409: the key is taken in this form's scope (by a business-wide or this service's question).
  known: (err) =>
    errorCode(err) === 'conflict' && isSlotwiseError(err) && err.details?.field === 'key'
      ? { field: 'key', message: KEY_TAKEN }
      : undefined,
};

export const questionDraftOf = (
  field: AdminIntakeField | null,
  serviceId: string | null,
): QuestionDraft => ({
  label: field?.label ?? '',
  key: field?.key ?? '',
  type: field?.type ?? 'text',
  required: field?.required ?? false,
  options: (field?.options.length ? field.options : ['']).map((value) => ({ value })),
  serviceId: serviceId ?? '',
});
