import { Controller, type UseFormReturn } from 'react-hook-form';
import type { IntakeField } from '../../booking/types';
import { errorCode } from '../../shared/api';
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
  const fields: IntakeField[] = questions.data ?? [];
  return (
    <>
      <fieldset className="plain">
        <legend className="section-title">Customer</legend>
        <div className="grid-3">
          <TextInput label="Name" autoComplete="off" required {...fieldProps(form, 'name')} />
          {/* Email and phone are one rule ("one of them"): editing either settles both. */}
          <TextInput
            label="Email"
            type="email"
            autoComplete="off"
            hint="Email or phone: at least one"
            {...fieldProps(form, 'email', { deps: ['phone'] })}
          />
          <TextInput
            label="Phone"
            type="tel"
            autoComplete="off"
            {...fieldProps(form, 'phone', { deps: ['email', 'smsOptIn'] })}
          />
        </div>
        {/* Consent recorded with the booking (ADR 0012); ticking it makes the phone required. */}
        <Checkbox
          label="The customer agrees to booking texts at this number"
          hint="Only with their consent; they can reply STOP at any time."
          {...form.register('smsOptIn', { deps: ['phone'] })}
        />
        {questions.isError && errorCode(questions.error) !== 'not_found' && (
          <div className="alert alert--error">
            Could not load this service’s questions: {apiMessage(questions.error)}{' '}
            <button type="button" className="link-btn" onClick={() => questions.refetch()}>
              Try again
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
          label="Customer’s note"
          hint="As if the customer wrote it; shown to them"
          {...fieldProps(form, 'notes')}
        />
      </fieldset>
      <TextArea
        label="Staff notes (never shown to the customer)"
        {...fieldProps(form, 'staffNotes')}
      />
    </>
  );
}
