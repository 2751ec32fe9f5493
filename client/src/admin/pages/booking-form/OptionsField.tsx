import { useId } from 'react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { errorOf } from '../../ui/entity-form';
import type { QuestionDraft } from './question-form';
import { focusSoon } from './questions';
import { useI18n } from '../../../shared/i18n';

const MAX_OPTIONS = 50;

/** A choice question's options: one input per row, reordered, removed and added in place. */
export function OptionsField({ form }: { form: UseFormReturn<QuestionDraft, unknown, unknown> }) {
  const uid = useId();
  const { t } = useI18n();
  const { fields, append, remove, swap } = useFieldArray({
    control: form.control,
    name: 'options',
  });
  const listError = errorOf(form, 'options');
  // Editing the list settles the API's verdict on it (e.g. "add at least one option").
  const settle = () => form.clearErrors('options');

  const move = (i: number, by: -1 | 1) => {
    swap(i, i + by);
    settle();
    const dir = by < 0 ? 'up' : 'down';
    const id = fields[i]!.id;
    focusSoon(`${uid}-o${id}-${dir}`, `${uid}-o${id}-${dir === 'up' ? 'down' : 'up'}`);
  };

  return (
    <fieldset
      className={`field${listError ? ' field--error' : ''}`}
      aria-describedby={listError ? `${uid}-options-error` : undefined}
      data-invalid={listError ? true : undefined}
    >
      <legend className="field__label">{t('admin.bookingForm.options.legend')}</legend>
      <ol className="option-list">
        {fields.map((row, i) => {
          const err = errorOf(form, `options.${i}.value`) ?? errorOf(form, `options.${i}`);
          const input = `${uid}-o${row.id}`;
          return (
            <li key={row.id} className="option-row">
              <label className="sr-only" htmlFor={input}>{t('admin.bookingForm.options.option', { n: i + 1 })}</label>
              <input
                id={input}
                className="input"
                aria-invalid={err ? true : undefined}
                aria-describedby={err ? `${input}-error` : undefined}
                {...form.register(`options.${i}.value`)}
              />
              <button
                type="button"
                id={`${input}-up`}
                className="icon-btn icon-btn--small"
                aria-label={t('admin.bookingForm.options.up', { n: i + 1 })}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                id={`${input}-down`}
                className="icon-btn icon-btn--small"
                aria-label={t('admin.bookingForm.options.down', { n: i + 1 })}
                disabled={i === fields.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon-btn icon-btn--small"
                aria-label={t('admin.bookingForm.options.remove', { n: i + 1 })}
                onClick={() => {
                  remove(i);
                  settle();
                  focusSoon(`${uid}-add-option`, `${uid}-add-option`);
                }}
              >
                ×
              </button>
              {err && (
                <p className="field__error" id={`${input}-error`}>
                  {err}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {fields.length < MAX_OPTIONS && (
        <button
          type="button"
          id={`${uid}-add-option`}
          className="link-btn small"
          onClick={() => {
            append({ value: '' }, { shouldFocus: true });
            settle();
          }}
        >
          {t('admin.bookingForm.options.add')}
        </button>
      )}
      {listError && (
        <p className="field__error" id={`${uid}-options-error`}>
          {listError}
        </p>
      )}
    </fieldset>
  );
}
