import { Controller, type UseFormReturn } from 'react-hook-form';
import type { IntakeField } from '../../booking/types';
import { errorCode } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { IntakeInput } from '../../shared/intake/IntakeInput';
import { fieldProps } from '../ui/entity-form';
import { apiMessage, Checkbox, TextArea, TextInput } from '../ui/kit';
import type { NewBookingDraft } from './booking-form';
import type { useServiceQuestions } from './queries';

type Form = UseFormReturn<NewBookingDraft, unknown, unknown>;

/** Who: the customer, the service's intake questions (the booking app's inputs) and the notes. */
export function CustomerFields({
  form,
  questions,
}: {
  form: Form;
  questions: ReturnType<typeof useServiceQuestions>;
}) {
  const { t } = useI18n();
  const fields: IntakeField[] = questions.data ?? [];
  return (
    <>
      <fieldset className="plain">
        <legend className="section-title">{t('admin.newBooking.customer')}</legend>
        <div className="grid-3">
          <TextInput
            label={t('admin.common.name')}
            autoComplete="off"
            required
            {...fieldProps(form, 'name')}
          />
          {/* Email and phone are one rule ("one of them"): editing either settles both. */}
          <TextInput
            label={t('admin.common.email')}
            type="email"
            autoComplete="off"
            hint={t('admin.newBooking.emailHint')}
            {...fieldProps(form, 'email', { deps: ['phone'] })}
          />
          <TextInput
            label={t('admin.common.phone')}
            type="tel"
            autoComplete="off"
            {...fieldProps(form, 'phone', { deps: ['email', 'smsOptIn'] })}
          />
        </div>
        {/* Consent recorded with the booking (ADR 0012); ticking it makes the phone required. */}
        <Checkbox
          label={t('admin.newBooking.smsConsent')}
          hint={t('admin.newBooking.smsConsentHint')}
          {...form.register('smsOptIn', { deps: ['phone'] })}
        />
        {questions.isError && errorCode(questions.error) !== 'not_found' && (
          <div className="alert alert--error">
            {t('admin.newBooking.questionsError', { error: apiMessage(questions.error) })}{' '}
            <button type="button" className="link-btn" onClick={() => questions.refetch()}>
              {t('admin.common.tryAgain')}
            </button>
          </div>
        )}
        {fields.map((f) => (
          <Controller
            key={f.key}
            control={form.control}
            name={`answers.${f.key}`}
            render={({ field, fieldState }) => (
              <IntakeInput
                field={f}
                value={field.value}
                error={fieldState.error?.message}
                onChange={field.onChange}
              />
            )}
          />
        ))}
        <TextArea
          label={t('admin.newBooking.customerNote')}
          hint={t('admin.newBooking.customerNoteHint')}
          {...fieldProps(form, 'notes')}
        />
      </fieldset>
      <TextArea label={t('admin.common.staffNotes')} {...fieldProps(form, 'staffNotes')} />
    </>
  );
}
