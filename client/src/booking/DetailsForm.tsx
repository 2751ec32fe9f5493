import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../shared/i18n';
import {
  answersPayload,
  validateDetails,
  type CustomerDraft,
  type FieldErrors,
  type IntakeDraft,
} from '../shared/intake/intake';
import { describedBy, FieldShell, IntakeInput } from '../shared/intake/IntakeInput';
import type { IntakeField, IntakeValue } from './types';

export interface DetailsValues {
  customer: { name: string; email: string; phone?: string; smsOptIn?: boolean };
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
  // Consent to booking texts: unticked by default, and only with a phone number.
  const [smsOptIn, setSmsOptIn] = useState(false);
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
    if (smsOptIn && !customer.phone.trim() && !found.phone) found.phone = t('form.smsNeedsPhone');
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
        ...(smsOptIn ? { smsOptIn: true } : {}),
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
      <label className="checkbox">
        <input
          type="checkbox"
          name="smsOptIn"
          checked={smsOptIn}
          onChange={(e) => {
            setSmsOptIn(e.target.checked);
            forget('phone');
            if (!e.target.checked) setClientErrors(({ phone: _p, ...rest }) => rest);
          }}
        />{' '}
        {t('form.smsOptIn')}
      </label>
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
