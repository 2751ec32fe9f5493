import { createIntakeFieldSchema, intakeFieldTypeSchema } from '@slotwise/contracts';
import { z } from 'zod';
import { errorCode, isSlotwiseError } from '../../../shared/api';
import type { AdminIntakeField } from '../../data';
import { friendlyMessages, type FormRules } from '../../ui/entity-form';
import { isChoice } from './questions';
import type { I18n } from '../../../shared/i18n';

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

/** How the contract's verdicts read to staff (in the active language), and where they show. */
export const questionRules = (t: I18n['t']): FormRules<QuestionDraft> => ({
  messages: friendlyMessages({
    label: {
      too_small: t('admin.bookingForm.rule.labelMissing'),
      too_big: t('admin.bookingForm.rule.tooLong'),
    },
    key: {
      too_small: t('admin.bookingForm.rule.keyMissing'),
      invalid_string: t('admin.bookingForm.rule.keyPattern'),
      too_big: t('admin.bookingForm.rule.keyTooLong'),
    },
    options: {
      custom: t('admin.bookingForm.rule.optionsMissing'),
      too_big: t('admin.bookingForm.rule.optionsTooMany'),
    },
    'options.*.value': {
      too_small: t('admin.bookingForm.rule.optionEmpty'),
      too_big: t('admin.bookingForm.rule.tooLong'),
      custom: t('admin.bookingForm.rule.optionDuplicate'),
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
      ? { field: 'key', message: t('admin.bookingForm.rule.keyTaken') }
      : undefined,
});

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
