import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { IntakeDraft } from './intake';
import type { IntakeField } from '../../booking/types';

/** A labelled field with its hint or error; shared by the details form and the intake questions. */
export function FieldShell({
  id,
  label,
  error,
  hint,
  optional,
  required,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  required?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && <span aria-hidden="true"> *</span>}
        {optional && <span className="field__optional"> ({t('form.optional')})</span>}
      </label>
      {children}
      {hint && !error && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: string) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

/** One intake question as a labelled control (the booking details form and the admin app's new-booking form). */
export function IntakeInput({
  field,
  value,
  error,
  onChange,
}: {
  field: IntakeField;
  value: IntakeDraft[string] | undefined;
  error?: string;
  onChange(v: IntakeDraft[string]): void;
}) {
  const { t } = useI18n();
  const id = `${useId()}-answer-${field.key}`;
  const aria = {
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required || undefined,
    'aria-describedby': describedBy(id, error),
  } as const;
  const optional = !field.required;

  if (field.type === 'checkbox') {
    return (
      <div className={`field field--check${error ? ' field--error' : ''}`}>
        <input
          id={id}
          type="checkbox"
          className="check"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
          {...aria}
        />
        <label htmlFor={id} className="field__label">
          {field.label}
          {field.required && <span aria-hidden="true"> *</span>}
        </label>
        {error && (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  }
  if (field.type === 'multiselect') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset
        className={`field${error ? ' field--error' : ''}`}
        aria-describedby={describedBy(id, error)}
      >
        <legend className="field__label">
          {field.label}
          {field.required && <span aria-hidden="true"> *</span>}
          {optional && <span className="field__optional"> ({t('form.optional')})</span>}
        </legend>
        {field.options.map((o, i) => (
          <div className="field--check" key={o}>
            <input
              id={`${id}-${i}`}
              type="checkbox"
              className="check"
              checked={chosen.includes(o)}
              onChange={(e) =>
                onChange(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))
              }
            />
            <label htmlFor={`${id}-${i}`}>{o}</label>
          </div>
        ))}
        {error && (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </fieldset>
    );
  }
  const str = typeof value === 'string' ? value : '';
  return (
    <FieldShell
      id={id}
      label={field.label}
      error={error}
      optional={optional}
      required={field.required}
    >
      {field.type === 'select' ? (
        <select
          id={id}
          className="input"
          value={str}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        >
          <option value="">{t('form.choose')}</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : field.type === 'textarea' ? (
        <textarea
          id={id}
          className="input"
          rows={3}
          value={str}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        />
      ) : (
        <input
          id={id}
          className="input"
          type={
            { email: 'email', phone: 'tel', number: 'number', date: 'date', text: 'text' }[
              field.type as string
            ] ?? 'text'
          }
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          value={str}
          onChange={(e) => onChange(e.target.value)}
          {...aria}
        />
      )}
    </FieldShell>
  );
}
