import { useMutation, useQueryClient } from '@tanstack/react-query';
import { INTAKE_CHOICE_TYPES, type IntakeFieldType } from '@slotwise/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { IntakeInput } from '../../booking/IntakeInput';
import type { IntakeDraft } from '../../booking/intake';
import { errorCode, isSlotwiseError, issuesOf } from '../../shared/api';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import {
  adminKeys,
  useIntakeFieldList,
  useServiceList,
  type AdminIntakeField,
  type Service,
} from '../data';
import {
  apiMessage,
  Card,
  Checkbox,
  Dialog,
  fieldErrors,
  PageHeader,
  Select,
  TextInput,
  useToast,
} from '../ui/kit';

export const TYPE_LABELS: Record<IntakeFieldType, string> = {
  text: 'Short text',
  textarea: 'Long text',
  email: 'Email',
  phone: 'Phone',
  number: 'Number',
  date: 'Date',
  select: 'Pick one',
  multiselect: 'Pick several',
  checkbox: 'Checkbox',
};

const isChoice = (t: IntakeFieldType) => INTAKE_CHOICE_TYPES.includes(t);

/** A key for a label: "Any allergies?" → "any_allergies" (staff may change it). */
export function suggestKey(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+/, '')
    .slice(0, 64)
    .replace(/_+$/, '');
}

/** Moves focus once React has re-rendered, to `id` or, when that is disabled, to `fallback`. */
function focusSoon(id: string, fallback: string) {
  requestAnimationFrame(() => {
    const el = document.getElementById(id) as HTMLButtonElement | null;
    (el && !el.disabled ? el : document.getElementById(fallback))?.focus();
  });
}

/** Invalidates the admin list and the new-booking form's per-service questions. */
function useRefreshQuestions() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: adminKeys.intakeFields });
    void queryClient.invalidateQueries({ queryKey: ['admin', 'intake'] });
  };
}

/**
 * The questions of the booking form: those asked for every service, then each service's own,
 * in form order, with a preview of a service's form as customers see it.
 */
export function BookingFormPage() {
  const { can, session } = useAuth();
  const canEdit = can('admin');
  const fields = useIntakeFieldList();
  const services = useServiceList();
  const notify = useToast();
  const refresh = useRefreshQuestions();
  const uid = useId();
  const [editing, setEditing] = useState<{
    field: AdminIntakeField | null;
    serviceId: string | null;
  } | null>(null);

  // Up / down swaps two questions of one group in the business's overall order, then numbers the
  // whole order 0, 10, 20…: every service's form (its own plus the business-wide questions) is a
  // part of that order, so it changes only where asked.
  const move = useMutation({
    mutationFn: async ({ field, by }: { field: AdminIntakeField; by: -1 | 1 }) => {
      const all = fields.data ?? [];
      const group = all.filter((f) => f.serviceId === field.serviceId);
      const other = group[group.indexOf(field) + by];
      if (!other) return;
      const order = all.slice();
      order[all.indexOf(field)] = other;
      order[all.indexOf(other)] = field;
      await Promise.all(
        order.flatMap((f, i) =>
          f.sortOrder === i * 10
            ? []
            : [
                session.sdk.admin.intakeFields.update({
                  params: { id: f.id },
                  body: { sortOrder: i * 10 },
                }),
              ],
        ),
      );
    },
    onSuccess: (_, { field, by }) => {
      notify(`Moved “${field.label}” ${by < 0 ? 'up' : 'down'}`);
      const dir = by < 0 ? 'up' : 'down';
      focusSoon(`${uid}-${field.id}-${dir}`, `${uid}-${field.id}-${dir === 'up' ? 'down' : 'up'}`);
    },
    onError: (err) => notify(`Could not move the question: ${apiMessage(err)}`, 'error'),
    onSettled: refresh,
  });

  const all = fields.data ?? [];
  const list = services.data ?? [];
  const groups: { serviceId: string | null; title: string; empty: string }[] = [
    {
      serviceId: null,
      title: 'Questions for every service',
      empty: 'None yet: questions added here are asked whatever the customer books.',
    },
    ...list.map((s) => ({
      serviceId: s.id,
      title: s.active ? s.name : `${s.name} (hidden online)`,
      empty: 'No questions of its own: only the ones for every service are asked.',
    })),
  ];
  const nextSortOrder = Math.min(
    100_000,
    all.length ? Math.max(...all.map((f) => f.sortOrder)) + 10 : 0,
  );

  return (
    <>
      <PageHeader
        title="Booking form"
        description="The questions customers answer when they book, besides their contact details."
        actions={
          canEdit && (
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setEditing({ field: null, serviceId: null })}
            >
              Add question
            </button>
          )
        }
      />
      {fields.isPending || services.isPending ? (
        <Loading label="Loading questions…" />
      ) : fields.isError || services.isError ? (
        <ErrorState
          title="Could not load the booking form"
          onRetry={() => void (fields.isError ? fields.refetch() : services.refetch())}
        />
      ) : (
        <div className="stack">
          {all.length === 0 && (
            <Empty title="No questions yet">
              <p>
                Customers give their name, email, phone and a note. Ask for more, such as “Any
                allergies?”, for every service or for one.
              </p>
            </Empty>
          )}
          {groups.map((g) => {
            const rows = all.filter((f) => f.serviceId === g.serviceId);
            return (
              <Card
                key={g.serviceId ?? 'all'}
                title={g.title}
                actions={
                  canEdit && (
                    <button
                      type="button"
                      className="btn btn--secondary btn--small"
                      aria-label={
                        g.serviceId
                          ? `Add a question for ${g.title}`
                          : 'Add a question for every service'
                      }
                      onClick={() => setEditing({ field: null, serviceId: g.serviceId })}
                    >
                      Add
                    </button>
                  )
                }
              >
                {rows.length === 0 ? (
                  <p className="muted small">{g.empty}</p>
                ) : (
                  <div className="table-wrap">
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">Question</th>
                          <th scope="col">Key</th>
                          <th scope="col">Type</th>
                          <th scope="col">Answer</th>
                          <th scope="col">
                            <span className="sr-only">Actions</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((f, i) => (
                          <tr key={f.id}>
                            <td>
                              <strong>{f.label}</strong>
                              {f.options.length > 0 && (
                                <div className="muted small">{f.options.join(' · ')}</div>
                              )}
                            </td>
                            <td>
                              <code>{f.key}</code>
                            </td>
                            <td>{TYPE_LABELS[f.type]}</td>
                            <td>
                              {f.required ? (
                                <span className="badge badge--confirmed">Required</span>
                              ) : (
                                <span className="badge">Optional</span>
                              )}
                            </td>
                            <td className="cell-actions">
                              {canEdit && (
                                <>
                                  <button
                                    type="button"
                                    id={`${uid}-${f.id}-up`}
                                    className="icon-btn icon-btn--small"
                                    aria-label={`Move “${f.label}” up`}
                                    disabled={i === 0}
                                    onClick={() =>
                                      !move.isPending && move.mutate({ field: f, by: -1 })
                                    }
                                  >
                                    ↑
                                  </button>
                                  <button
                                    type="button"
                                    id={`${uid}-${f.id}-down`}
                                    className="icon-btn icon-btn--small"
                                    aria-label={`Move “${f.label}” down`}
                                    disabled={i === rows.length - 1}
                                    onClick={() =>
                                      !move.isPending && move.mutate({ field: f, by: 1 })
                                    }
                                  >
                                    ↓
                                  </button>
                                  <button
                                    type="button"
                                    className="btn btn--secondary btn--small"
                                    aria-label={`Edit “${f.label}”`}
                                    onClick={() => setEditing({ field: f, serviceId: f.serviceId })}
                                  >
                                    Edit
                                  </button>
                                </>
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </Card>
            );
          })}
          {list.length > 0 && <Preview fields={all} services={list} />}
        </div>
      )}
      {editing && (
        <QuestionDialog
          field={editing.field}
          serviceId={editing.serviceId}
          services={list}
          nextSortOrder={nextSortOrder}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** A service's questions as customers see them (their own answers stay on this page). */
function Preview({ fields, services }: { fields: AdminIntakeField[]; services: Service[] }) {
  const [serviceId, setServiceId] = useState(services[0]!.id);
  const [answers, setAnswers] = useState<IntakeDraft>({});
  const id = services.some((s) => s.id === serviceId) ? serviceId : services[0]!.id;
  const asked = fields.filter((f) => f.serviceId === null || f.serviceId === id);
  return (
    <Card title="Preview">
      <Select
        label="Form of"
        value={id}
        onChange={(e) => {
          setServiceId(e.target.value);
          setAnswers({});
        }}
      >
        {services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      {asked.length === 0 ? (
        <p className="muted small">Customers booking it give only their contact details.</p>
      ) : (
        <div className="form preview" data-testid="form-preview">
          {asked.map((f) => (
            <IntakeInput
              key={f.id}
              field={f}
              value={answers[f.key]}
              onChange={(v) => setAnswers((a) => ({ ...a, [f.key]: v }))}
            />
          ))}
        </div>
      )}
    </Card>
  );
}

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

function QuestionDialog({
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
        {(count > 0 || unshown.length > 0) && (
          <div className="alert alert--error" role="alert">
            {count > 0 && `Please fix ${count === 1 ? '1 field' : `${count} fields`} below.`}
            {unshown.map(([k, m]) => (
              <div key={k}>
                {k}: {m}
              </div>
            ))}
          </div>
        )}
        {otherError && (
          <div className="alert alert--error" role="alert">
            {apiMessage(failed)}
          </div>
        )}
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
        <div className="dialog__actions">
          {field && (
            <button
              type="button"
              className="btn btn--ghost danger-text"
              onClick={() =>
                window.confirm(
                  `Delete “${field.label}”? Answers customers already gave are kept on their bookings.`,
                ) && remove.mutate()
              }
              disabled={remove.isPending}
            >
              Delete
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            Cancel
          </button>
          <button
            className="btn btn--primary"
            disabled={save.isPending}
            aria-busy={save.isPending || undefined}
          >
            {save.isPending ? 'Saving…' : field ? 'Save changes' : 'Add question'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
