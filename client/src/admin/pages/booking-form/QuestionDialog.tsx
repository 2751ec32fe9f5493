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
import { useI18n } from '../../../shared/i18n';

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
  const { t } = useI18n();
  const refresh = useRefreshQuestions();
  const form = useEntityForm(
    questionFormSchema,
    questionDraftOf(field, serviceId),
    questionRules(t),
  );
  // Until staff type a key, the label suggests one (an existing question keeps its key).
  const keyEdited = useRef(field !== null);

  const save = useMutation({
    mutationFn: ({ sortOrder: _, ...body }: CreateIntakeField) =>
      field
        ? session.sdk.admin.intakeFields.update({ params: { id: field.id }, body })
        : session.sdk.admin.intakeFields.create({ body: { ...body, sortOrder: nextSortOrder } }),
    onSuccess: (f) => {
      refresh();
      notify(
        t(field ? 'admin.bookingForm.dialog.saved' : 'admin.bookingForm.dialog.added', {
          label: f.label,
        }),
      );
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => session.sdk.admin.intakeFields.remove({ params: { id: field!.id } }),
    onSuccess: () => {
      refresh();
      notify(t('admin.bookingForm.dialog.deleted', { label: field!.label }));
      onClose();
    },
  });

  const type = form.watch('type');
  const choice = isChoice(type);
  const shown = ['label', 'key', 'type', 'serviceId', 'required', ...(choice ? ['options'] : [])];

  return (
    <EntityDialog
      title={
        field
          ? t('admin.bookingForm.dialog.editTitle', { label: field.label })
          : t('admin.bookingForm.dialog.newTitle')
      }
      form={form}
      save={save}
      submitLabel={
        field ? t('admin.bookingForm.dialog.saveChanges') : t('admin.bookingForm.addQuestion')
      }
      onClose={onClose}
      fields={shown}
      wide
      remove={
        field
          ? {
              label: t('admin.bookingForm.dialog.delete'),
              confirm: t('admin.bookingForm.dialog.deleteConfirm', { label: field.label }),
              mutation: remove,
            }
          : undefined
      }
    >
      <TextInput
        label={t('admin.bookingForm.dialog.question')}
        required
        autoFocus
        hint={t('admin.bookingForm.dialog.questionHint')}
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
          label={t('admin.bookingForm.dialog.key')}
          required
          className="input mono"
          autoComplete="off"
          spellCheck={false}
          hint={
            field
              ? t('admin.bookingForm.dialog.keyHintEdit')
              : t('admin.bookingForm.dialog.keyHintNew')
          }
          {...fieldProps(form, 'key', {
            onChange: (e: { target: { value: string } }) => {
              keyEdited.current = e.target.value !== '';
            },
          })}
        />
        <Select
          label={t('admin.bookingForm.dialog.type')}
          {...fieldProps(form, 'type', { onChange: () => form.clearErrors('options') })}
        >
          {Object.entries(TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </Select>
        <Select
          label={t('admin.bookingForm.dialog.askedFor')}
          // The key's uniqueness depends on the scope: a new scope settles a 409 on it.
          {...fieldProps(form, 'serviceId', { onChange: () => form.clearErrors('key') })}
        >
          <option value="">{t('admin.bookingForm.dialog.everyService')}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </div>
      {choice && <OptionsField form={form} />}
      <Checkbox
        label={t('admin.bookingForm.dialog.required')}
        hint={
          type === 'checkbox'
            ? t('admin.bookingForm.dialog.requiredCheckbox')
            : t('admin.bookingForm.dialog.requiredOther')
        }
        {...form.register('required')}
      />
    </EntityDialog>
  );
}
