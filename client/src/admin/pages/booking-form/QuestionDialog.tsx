import { useMutation } from '@tanstack/react-query';
import type { CreateIntakeField } from '@slotwise/contracts';
import { useRef } from 'react';
import { useAuth } from '../../auth';
import { type AdminIntakeField, type Service } from '../../data';
import { EntityDialog, fieldProps, useEntityForm } from '../../ui/entity-form';
import { Checkbox, Select, TextInput, useToast } from '../../ui/kit';
import { OptionsField } from './OptionsField';
import { questionDraftOf, questionFormSchema, questionRules } from './question-form';
import { isChoice, suggestKey, TYPE_LABELS, useRefreshQuestions } from './questions';

/** Adds or edits one question of the booking form, on the shared entity dialog. */
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
  const form = useEntityForm(questionFormSchema, questionDraftOf(field, serviceId), questionRules);
  // Until staff type a key, the label suggests one (an existing question keeps its key).
  const keyEdited = useRef(field !== null);

  const save = useMutation({
    mutationFn: ({ sortOrder: _, ...body }: CreateIntakeField) =>
      field
        ? session.sdk.admin.intakeFields.update({ params: { id: field.id }, body })
        : session.sdk.admin.intakeFields.create({ body: { ...body, sortOrder: nextSortOrder } }),
    onSuccess: (f) => {
      refresh();
      notify(field ? `Saved “${f.label}”` : `Added “${f.label}”`);
      onClose();
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

  const type = form.watch('type');
  const choice = isChoice(type);
  const shown = ['label', 'key', 'type', 'serviceId', 'required', ...(choice ? ['options'] : [])];

  return (
    <EntityDialog
      title={field ? `Edit “${field.label}”` : 'New question'}
      form={form}
      save={save}
      submitLabel={field ? 'Save changes' : 'Add question'}
      onClose={onClose}
      fields={shown}
      wide
      remove={
        field
          ? {
              label: 'Delete',
              confirm: `Delete “${field.label}”? Answers customers already gave are kept on their bookings.`,
              mutation: remove,
            }
          : undefined
      }
    >
      <TextInput
        label="Question"
        required
        autoFocus
        hint="As customers see it, e.g. “Any allergies?”"
        {...fieldProps(form, 'label', {
          onChange: (e: { target: { value: string } }) => {
            if (keyEdited.current) return;
            form.setValue('key', suggestKey(e.target.value), {
              shouldValidate: form.formState.isSubmitted,
            });
          },
        })}
      />
      <div className="grid-3">
        <TextInput
          label="Key"
          required
          className="input mono"
          autoComplete="off"
          spellCheck={false}
          hint={
            field
              ? 'Names the answer in bookings and exports; answers already given keep the old key.'
              : 'Names the answer in bookings and exports: a–z, 0–9, _ and -.'
          }
          {...fieldProps(form, 'key', {
            onChange: (e: { target: { value: string } }) => {
              keyEdited.current = e.target.value !== '';
            },
          })}
        />
        <Select
          label="Type"
          {...fieldProps(form, 'type', { onChange: () => form.clearErrors('options') })}
        >
          {Object.entries(TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <Select
          label="Asked for"
          // The key's uniqueness depends on the scope: a new scope settles a 409 on it.
          {...fieldProps(form, 'serviceId', { onChange: () => form.clearErrors('key') })}
        >
          <option value="">Every service</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </div>
      {choice && <OptionsField form={form} />}
      <Checkbox
        label="Required"
        hint={
          type === 'checkbox'
            ? 'Customers must tick it to book, e.g. a consent.'
            : 'Customers cannot book without answering.'
        }
        {...form.register('required')}
      />
    </EntityDialog>
  );
}
