import { useMutation } from '@tanstack/react-query';
import { type IntakeFieldType } from '@slotwise/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorCode, isSlotwiseError, issuesOf } from '../../../shared/api';
import { useAuth } from '../../auth';
import { type AdminIntakeField, type Service } from '../../data';
import {
  Checkbox,
  Dialog,
  DialogActions,
  fieldErrors,
  FormErrors,
  Select,
  TextInput,
  useToast,
} from '../../ui/kit';
import { focusSoon, isChoice, suggestKey, TYPE_LABELS, useRefreshQuestions } from './questions';

interface QuestionDraft {
  label: string;
  key: string;
  /** Staff typed a key: the label no longer suggests one. */
  keyEdited: boolean;
  type: IntakeFieldType;
  required: boolean;
  options: { id: number; value: string }[];
  /** A service id, or '' for every service. */
  serviceId: string;
}

/** The form's own checks, keyed like the API's issue paths (`label`, `options.1`). */
export function validateQuestion(d: QuestionDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const label = d.label.trim();
  if (!label) errors.label = 'Enter the question.';
  else if (label.length > 200) errors.label = 'At most 200 characters.';
  if (!d.key) errors.key = 'Enter a key.';
  else if (!/^[a-z0-9_-]+$/.test(d.key))
    errors.key = 'Use lower-case letters, digits, _ and - only.';
  else if (d.key.length > 64) errors.key = 'At most 64 characters.';
  if (isChoice(d.type)) {
    if (d.options.length === 0) errors.options = 'Add at least one option.';
    else if (d.options.length > 50) errors.options = 'At most 50 options.';
    const seen = new Set<string>();
    d.options.forEach((o, i) => {
      const v = o.value.trim();
      if (!v) errors[`options.${i}`] = 'Enter the option or remove it.';
      else if (v.length > 200) errors[`options.${i}`] = 'At most 200 characters.';
      else if (seen.has(v)) errors[`options.${i}`] = 'This option is already listed.';
      seen.add(v);
    });
  }
  return errors;
}

const KEY_TAKEN = 'Another question of this booking form already uses this key; choose another.';

export function QuestionDialog({
  field,
  serviceId,
  services,
  nextSortOrder,
  onClose,
}: {
  field: AdminIntakeField | null;
  serviceId: string | null;
  services: Service[];
  nextSortOrder: number;
  onClose(): void;
}) {
  const { session } = useAuth();
  const notify = useToast();
  const refresh = useRefreshQuestions();
  const uid = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const nextId = useRef(0);
  const row = (value: string) => ({ id: nextId.current++, value });
  const [d, setD] = useState<QuestionDraft>(() => ({
    label: field?.label ?? '',
    key: field?.key ?? '',
    keyEdited: field !== null,
    type: field?.type ?? 'text',
    required: field?.required ?? false,
    options: (field?.options.length ? field.options : ['']).map(row),
    serviceId: serviceId ?? '',
  }));
  const [submitted, setSubmitted] = useState(false);
  const [apiErrors, setApiErrors] = useState<Record<string, string>>({});

  const clientErrors = submitted ? validateQuestion(d) : {};
  const errors = { ...apiErrors, ...clientErrors };
  const update = (patch: Partial<QuestionDraft>, ...keys: string[]) => {
    setApiErrors((e) => {
      const next = { ...e };
      for (const k of keys) delete next[k];
      for (const k of Object.keys(next))
        if (keys.includes('options') && k.startsWith('options.')) delete next[k];
      return next;
    });
    setD((x) => ({ ...x, ...patch }));
  };
  const setOptions = (options: QuestionDraft['options']) => update({ options }, 'options');

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      formRef.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] button')
        ?.focus(),
    );

  const body = () => ({
    serviceId: d.serviceId || null,
    key: d.key,
    label: d.label.trim(),
    type: d.type,
    required: d.required,
    options: isChoice(d.type) ? d.options.map((o) => o.value.trim()) : [],
  });

  const save = useMutation({
    mutationFn: () =>
      field
        ? session.sdk.admin.intakeFields.update({ params: { id: field.id }, body: body() })
        : session.sdk.admin.intakeFields.create({
            body: { ...body(), sortOrder: nextSortOrder },
          }),
    onSuccess: (f) => {
      refresh();
      notify(field ? `Saved “${f.label}”` : `Added “${f.label}”`);
      onClose();
    },
    onError: (err) => {
      const details = isSlotwiseError(err) ? err.details : undefined;
      if (errorCode(err) === 'conflict' && details?.field === 'key') {
        setApiErrors({ key: KEY_TAKEN });
        focusFirstError();
        return;
      }
      if (issuesOf(err).length) {
        setApiErrors(fieldErrors(err));
        focusFirstError();
      }
    },
  });
  const remove = useMutation({
    mutationFn: () => session.sdk.admin.intakeFields.remove({ params: { id: field!.id } }),
    onSuccess: () => {
      refresh();
      notify(`Deleted “${field!.label}”`);
      onClose();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(validateQuestion(d)).length > 0) {
      focusFirstError();
      return;
    }
    save.mutate();
  };

  const choice = isChoice(d.type);
  const shown = (k: string) =>
    ['label', 'key', 'type', 'serviceId'].includes(k) ||
    (choice && (k === 'options' || /^options\.\d+$/.test(k)));
  const unshown = Object.entries(apiErrors).filter(([k]) => !shown(k));
  const count = Object.keys(errors).length - unshown.length;
  const failed = save.isError ? save.error : remove.isError ? remove.error : null;
  const otherError =
    failed && !issuesOf(failed).length && !(errorCode(failed) === 'conflict' && apiErrors.key);

  const moveOption = (i: number, by: -1 | 1) => {
    const next = d.options.slice();
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setOptions(next);
    const dir = by < 0 ? 'up' : 'down';
    const id = d.options[i]!.id;
    focusSoon(`${uid}-o${id}-${dir}`, `${uid}-o${id}-${dir === 'up' ? 'down' : 'up'}`);
  };

  return (
    <Dialog open title={field ? `Edit “${field.label}”` : 'New question'} onClose={onClose} wide>
      <form className="form" noValidate onSubmit={submit} ref={formRef}>
        <FormErrors count={count} unshown={unshown} error={otherError ? failed : null} />
        <TextInput
          label="Question"
          required
          autoFocus
          value={d.label}
          error={errors.label}
          hint="As customers see it, e.g. “Any allergies?”"
          onChange={(e) => {
            const label = e.target.value;
            update(
              { label, ...(d.keyEdited ? {} : { key: suggestKey(label) }) },
              'label',
              ...(d.keyEdited ? [] : ['key']),
            );
          }}
        />
        <div className="grid-3">
          <TextInput
            label="Key"
            required
            className="input mono"
            autoComplete="off"
            spellCheck={false}
            value={d.key}
            error={errors.key}
            hint={
              field
                ? 'Names the answer in bookings and exports; answers already given keep the old key.'
                : 'Names the answer in bookings and exports: a–z, 0–9, _ and -.'
            }
            onChange={(e) =>
              update({ key: e.target.value, keyEdited: e.target.value !== '' }, 'key')
            }
          />
          <Select
            label="Type"
            value={d.type}
            error={errors.type}
            onChange={(e) => update({ type: e.target.value as IntakeFieldType }, 'type', 'options')}
          >
            {Object.entries(TYPE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
          <Select
            label="Asked for"
            value={d.serviceId}
            error={errors.serviceId}
            onChange={(e) => update({ serviceId: e.target.value }, 'serviceId', 'key')}
          >
            <option value="">Every service</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
        {choice && (
          <fieldset
            className={`field${errors.options ? ' field--error' : ''}`}
            aria-describedby={errors.options ? `${uid}-options-error` : undefined}
            data-invalid={errors.options ? true : undefined}
          >
            <legend className="field__label">Options</legend>
            <ol className="option-list">
              {d.options.map((o, i) => {
                const err = errors[`options.${i}`];
                const input = `${uid}-o${o.id}`;
                return (
                  <li key={o.id} className="option-row">
                    <label className="sr-only" htmlFor={input}>{`Option ${i + 1}`}</label>
                    <input
                      id={input}
                      className="input"
                      value={o.value}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `${input}-error` : undefined}
                      onChange={(e) =>
                        setOptions(
                          d.options.map((x) =>
                            x.id === o.id ? { ...x, value: e.target.value } : x,
                          ),
                        )
                      }
                    />
                    <button
                      type="button"
                      id={`${input}-up`}
                      className="icon-btn icon-btn--small"
                      aria-label={`Move option ${i + 1} up`}
                      disabled={i === 0}
                      onClick={() => moveOption(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      id={`${input}-down`}
                      className="icon-btn icon-btn--small"
                      aria-label={`Move option ${i + 1} down`}
                      disabled={i === d.options.length - 1}
                      onClick={() => moveOption(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="icon-btn icon-btn--small"
                      aria-label={`Remove option ${i + 1}`}
                      onClick={() => {
                        setOptions(d.options.filter((x) => x.id !== o.id));
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
            {d.options.length < 50 && (
              <button
                type="button"
                id={`${uid}-add-option`}
                className="link-btn small"
                onClick={() => {
                  const added = row('');
                  setOptions([...d.options, added]);
                  focusSoon(`${uid}-o${added.id}`, `${uid}-o${added.id}`);
                }}
              >
                Add option
              </button>
            )}
            {errors.options && (
              <p className="field__error" id={`${uid}-options-error`}>
                {errors.options}
              </p>
            )}
          </fieldset>
        )}
        <Checkbox
          label="Required"
          hint={
            d.type === 'checkbox'
              ? 'Customers must tick it to book, e.g. a consent.'
              : 'Customers cannot book without answering.'
          }
          checked={d.required}
          onChange={(e) => update({ required: e.target.checked }, 'required')}
        />
        <DialogActions
          onClose={onClose}
          pending={save.isPending}
          submitLabel={field ? 'Save changes' : 'Add question'}
          remove={
            field
              ? {
                  label: 'Delete',
                  confirm: `Delete “${field.label}”? Answers customers already gave are kept on their bookings.`,
                  pending: remove.isPending,
                  run: () => remove.mutate(),
                }
              : undefined
          }
        />
      </form>
    </Dialog>
  );
}
