import { Controller, type UseFormReturn } from 'react-hook-form';
import { useI18n } from '../../shared/i18n';
import { wallTimeOf } from '../../shared/time';
import { useProviderList, type Service } from '../data';
import { errorOf, fieldProps } from '../ui/entity-form';
import { Checkbox, Select, TextInput } from '../ui/kit';
import type { NewBookingDraft } from './booking-form';
import { FreeTimes } from './FreeTimes';
import { useFreeSlots } from './queries';

type Form = UseFormReturn<NewBookingDraft, unknown, unknown>;

/** What and when: service, provider, day, and a free time (or, outside availability, any time). */
export function WhenFields({
  form,
  zone,
  offered,
  serviceId,
  notice,
  onPicked,
  onServiceChange,
}: {
  form: Form;
  zone: string;
  /** Services in the order staff see them, the hidden ones last. */
  offered: Service[];
  serviceId: string;
  notice: string | null;
  onPicked(): void;
  onServiceChange(serviceId: string): void;
}) {
  const { t } = useI18n();
  const providers = useProviderList();
  const [providerId, date, override, start] = form.watch([
    'providerId',
    'date',
    'override',
    'start',
  ]);
  const slots = useFreeSlots(serviceId, providerId, date, !override);
  const staff = (providers.data ?? []).filter((p) => p.active && p.serviceIds.includes(serviceId));
  // Another service, provider or day makes the picked time meaningless.
  const unpick = () => form.setValue('start', null);

  return (
    <>
      <div className="grid-3">
        <Select
          label={t('admin.newBooking.service')}
          autoFocus
          error={errorOf(form, 'serviceId')}
          value={serviceId}
          onChange={(e) => onServiceChange(e.target.value)}
        >
          {offered.length === 0 && <option value="">{t('admin.common.loading')}</option>}
          {offered.map((s) => (
            <option key={s.id} value={s.id}>
              {t('admin.newBooking.serviceOption', { name: s.name, minutes: s.durationMinutes }) +
                (s.active ? '' : t('admin.newBooking.hiddenOnline'))}
            </option>
          ))}
        </Select>
        <Select
          label={t('admin.common.with')}
          {...fieldProps(form, 'providerId', { onChange: unpick })}
        >
          <option value="any">{t('admin.newBooking.anyAvailable')}</option>
          {staff.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <TextInput
          label={t('admin.common.date')}
          type="date"
          required
          {...fieldProps(form, 'date', { onChange: unpick })}
        />
      </div>

      <Checkbox
        label={t('admin.newBooking.outside')}
        hint={t('admin.newBooking.outsideHint')}
        {...form.register('override', {
          onChange: (e: { target: { checked: boolean } }) => {
            if (e.target.checked && start) form.setValue('time', wallTimeOf(start, zone));
            form.clearErrors(['start', 'time']);
          },
        })}
      />

      {notice && (
        <div className="alert alert--warning" role="alert">
          {notice}
        </div>
      )}

      {override && (
        <Checkbox
          label={t('admin.newBooking.recordPast')}
          hint={t('admin.newBooking.recordPastHint')}
          {...form.register('recordPast')}
        />
      )}
      {override && errorOf(form, 'recordPast') && (
        <p className="field__error" role="alert">
          {errorOf(form, 'recordPast')}
        </p>
      )}

      {override ? (
        <TextInput
          label={t('admin.common.time', { zone })}
          type="time"
          step={300}
          required
          className="input input--time"
          {...fieldProps(form, 'time')}
        />
      ) : (
        <Controller
          control={form.control}
          name="start"
          render={({ field, fieldState }) => (
            <FreeTimes
              date={date}
              zone={zone}
              serviceId={serviceId}
              service={offered.find((s) => s.id === serviceId)}
              slots={slots}
              selected={field.value}
              error={fieldState.error?.message}
              focusRef={field.ref}
              onPick={(picked) => {
                onPicked();
                field.onChange(picked);
              }}
            />
          )}
        />
      )}
    </>
  );
}
