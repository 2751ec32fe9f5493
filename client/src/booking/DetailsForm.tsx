import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../shared/i18n';
import {
  answersPayload,
  validateDetails,
  type CustomerDraft,
  type FieldErrors,
  type IntakeDraft,
} from './intake';
import type { IntakeField, IntakeValue } from './types';

export interface DetailsValues {
  customer: { name: string; email: string; phone?: string };
  notes: string;
  answers: Record<string, IntakeValue>;
}

interface Props {
  fields: readonly IntakeField[];
  initial?: Partial<CustomerDraft>;
  /** Errors the API returned for the last submission, by field key. */
  serverErrors?: FieldErrors;
  submitting?: boolean;
  submitLabel: string;
  onSubmit(values: DetailsValues): void;
  onDraftChange?(draft: CustomerDraft): void;
}

/** Contact details plus the service's intake questions, validated before anything is sent. */
export function DetailsForm({
  fields,
  initial,
  serverErrors,
  submitting,
  submitLabel,
  onSubmit,
  onDraftChange,
}: Props) {
  const { t } = useI18n();
  const [customer, setCustomer] = useState<CustomerDraft>({
    name: '',
    email: '',
    phone: '',
    notes: '',
    ...initial,
  });
  const [answers, setAnswers] = useState<IntakeDraft>({});
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // The API's errors stand until the field they are about is edited.
  const [apiErrors, setApiErrors] = useState<FieldErrors>(serverErrors ?? {});
  useEffect(() => setApiErrors(serverErrors ?? {}), [serverErrors]);
  const errors = { ...apiErrors, ...clientErrors };
  const forget = (key: string) => setApiErrors(({ [key]: _gone, ...rest }) => rest);

  const setField = (k: keyof CustomerDraft, v: string) => {
    forget(k);
    const next = { ...customer, [k]: v };
    setCustomer(next);
    onDraftChange?.(next);
    if (submitted) setClientErrors(validateDetails(next, fields, answers, t));
  };
  const setAnswer = (k: string, v: IntakeDraft[string]) => {
    forget(`answers.${k}`);
    const next = { ...answers, [k]: v };
    setAnswers(next);
    if (submitted) setClientErrors(validateDetails(customer, fields, next, t));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const found = validateDetails(customer, fields, answers, t);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      // Focus the first invalid control so keyboard and screen-reader users land on the problem.
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    onSubmit({
      customer: {
        name: customer.name.trim(),
        email: customer.email.trim(),
        ...(customer.phone.trim() ? { phone: customer.phone.trim() } : {}),
      },
      notes: customer.notes,
      answers: answersPayload(fields, answers),
    });
  };

  const count = Object.keys(errors).length;
  return (
    <form className="form" noValidate onSubmit={submit} ref={formRef}>
      {count > 0 && (
        <div className="alert alert--error" role="alert">
          {t('form.fixErrors', { count })}
        </div>
      )}
      <TextField
        label={t('form.name')}
        name="name"
        autoComplete="name"
        required
        value={customer.name}
        error={errors.name}
        onChange={(v) => setField('name', v)}
      />
      <TextField
        label={t('form.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={customer.email}
        error={errors.email}
        hint={t('form.emailHint')}
        onChange={(v) => setField('email', v)}
      />
      <TextField
        label={t('form.phone')}
        name="phone"
        type="tel"
        autoComplete="tel"
        value={customer.phone}
        error={errors.phone}
        optional
        onChange={(v) => setField('phone', v)}
      />
      {fields.map((f) => (
        <IntakeInput
          key={f.key}
          field={f}
          value={answers[f.key]}
          error={errors[`answers.${f.key}`]}
          onChange={(v) => setAnswer(f.key, v)}
        />
      ))}
      <TextField
        label={t('form.notes')}
        name="notes"
        multiline
        value={customer.notes}
        error={errors.notes}
        optional
        onChange={(v) => setField('notes', v)}
      />
      <button
        type="submit"
        className="btn btn--primary btn--block"
        disabled={submitting}
        aria-busy={submitting || undefined}
      >
        {submitting ? t('form.submitting') : submitLabel}
      </button>
    </form>
  );
}

function FieldShell({
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

function describedBy(id: string, error?: string, hint?: string) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

function TextField(props: {
  label: string;
  name: string;
  value: string;
  onChange(v: string): void;
  error?: string;
  hint?: string;
  type?: string;
  autoComplete?: string;
  required?: boolean;
  optional?: boolean;
  multiline?: boolean;
}) {
  const id = `${useId()}-${props.name}`;
  const common = {
    id,
    name: props.name,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-required': props.required || undefined,
    'aria-describedby': describedBy(id, props.error, props.hint),
    className: 'input',
  } as const;
  return (
    <FieldShell
      id={id}
      label={props.label}
      error={props.error}
      hint={props.hint}
      optional={props.optional}
      required={props.required}
    >
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

function IntakeInput({
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
