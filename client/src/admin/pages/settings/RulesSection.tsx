import { Link } from '../../../shared/router';
import { updateTenantSchema } from '@slotwise/contracts';
import { type Tenant } from '../../data';
import { fieldProps, submitWith, useEntityForm } from '../../ui/entity-form';
import { Checkbox, Select, TextInput } from '../../ui/kit';
import { useSave, Section } from './section';
import { useI18n } from '../../../shared/i18n';

/** The leaf fields, so the API's issues (`body.settings.cancellationPolicy.x`) land on their input. */
const FIELDS = [
  'settings.bookingConfirmationMode',
  'settings.sendReminders',
  'settings.smsNotifications',
  'settings.defaultSlotIntervalMinutes',
  'settings.cancellationPolicy.freeCancellationHours',
  'settings.cancellationPolicy.lateCancellationFeePercent',
  'settings.cancellationPolicy.noShowFeePercent',
  'settings.cancellationPolicy.allowCustomerReschedule',
  'settings.cancellationPolicy.rescheduleCutoffHours',
  'settings.checkInOpensMinutes',
];

export function RulesSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const { t } = useI18n();
  const save = useSave(t('admin.settings.rules.title'));
  const s = tenant.settings;
  const p = s.cancellationPolicy;
  const form = useEntityForm(updateTenantSchema, {
    settings: {
      bookingConfirmationMode: s.bookingConfirmationMode,
      sendReminders: s.sendReminders,
      smsNotifications: s.smsNotifications,
      defaultSlotIntervalMinutes: s.defaultSlotIntervalMinutes,
      checkInOpensMinutes: s.checkInOpensMinutes,
      cancellationPolicy: {
        freeCancellationHours: p.freeCancellationHours,
        lateCancellationFeePercent: p.lateCancellationFeePercent,
        noShowFeePercent: p.noShowFeePercent,
        allowCustomerReschedule: p.allowCustomerReschedule,
        rescheduleCutoffHours: p.rescheduleCutoffHours,
      },
    },
  });
  const num = { valueAsNumber: true } as const;
  const policy = (k: Exclude<keyof typeof p, 'allowCustomerReschedule'>) =>
    fieldProps(form, `settings.cancellationPolicy.${k}`, num);
  const sendReminders = form.watch('settings.sendReminders');
  return (
    <Section
      title={t('admin.settings.rules.title')}
      description={t('admin.settings.rules.description')}
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(form.formState.errors).length ? null : save.error}
      onSubmit={() => void submitWith(form, save, FIELDS)()}
    >
      <div className="grid-3">
        <Select
          label={t('admin.settings.rules.mode')}
          {...fieldProps(form, 'settings.bookingConfirmationMode')}
        >
          <option value="auto">{t('admin.settings.rules.modeAuto')}</option>
          <option value="manual">{t('admin.settings.rules.modeManual')}</option>
        </Select>
        <TextInput
          label={t('admin.settings.rules.freeCancellation')}
          type="number"
          min={0}
          {...policy('freeCancellationHours')}
        />
        <TextInput
          label={t('admin.settings.rules.lateFee')}
          type="number"
          min={0}
          max={100}
          {...policy('lateCancellationFeePercent')}
        />
        <TextInput
          label={t('admin.settings.rules.noShowFee')}
          type="number"
          min={0}
          max={100}
          {...policy('noShowFeePercent')}
        />
        <TextInput
          label={t('admin.settings.rules.rescheduleCutoff')}
          type="number"
          min={0}
          {...policy('rescheduleCutoffHours')}
        />
        <TextInput
          label={t('admin.settings.rules.checkIn')}
          type="number"
          min={0}
          max={1440}
          {...fieldProps(form, 'settings.checkInOpensMinutes', num)}
        />
        <TextInput
          label={t('admin.settings.rules.step')}
          type="number"
          min={5}
          placeholder={t('admin.settings.rules.stepPlaceholder')}
          {...fieldProps(form, 'settings.defaultSlotIntervalMinutes', {
            setValueAs: (v: unknown) => (v === '' || v === null ? null : Number(v)),
          })}
        />
      </div>
      <div className="grid-2">
        <Checkbox
          label={t('admin.settings.rules.allowReschedule')}
          {...form.register('settings.cancellationPolicy.allowCustomerReschedule')}
        />
        <Checkbox label={t('admin.settings.rules.sendReminders')} {...form.register('settings.sendReminders')} />
        <Checkbox
          label={t('admin.settings.rules.sms')}
          hint={t('admin.settings.rules.smsHint')}
          {...form.register('settings.smsNotifications')}
        />
      </div>
      {sendReminders && (
        <p className="muted small">
          {t('admin.settings.rules.remindersLink')}{' '}
          <Link to="/admin/messages">{t('admin.settings.rules.messages')}</Link>.
        </p>
      )}
    </Section>
  );
}
