import { Link } from '../../../shared/router';
import { updateTenantSchema } from '@slotwise/contracts';
import { type Tenant } from '../../data';
import { fieldProps, submitWith, useEntityForm } from '../../ui/entity-form';
import { Checkbox, Select, TextInput } from '../../ui/kit';
import { useSave, Section } from './section';

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
  const save = useSave('Booking rules');
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
      title="Booking rules"
      description="What customers may do themselves, and what it costs them."
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(form.formState.errors).length ? null : save.error}
      onSubmit={() => void submitWith(form, save, FIELDS)()}
    >
      <div className="grid-3">
        <Select label="New bookings are" {...fieldProps(form, 'settings.bookingConfirmationMode')}>
          <option value="auto">Confirmed at once</option>
          <option value="manual">Requests I approve</option>
        </Select>
        <TextInput
          label="Free cancellation until (hours before)"
          type="number"
          min={0}
          {...policy('freeCancellationHours')}
        />
        <TextInput
          label="Late cancellation fee (% of price)"
          type="number"
          min={0}
          max={100}
          {...policy('lateCancellationFeePercent')}
        />
        <TextInput
          label="No-show fee (% of price)"
          type="number"
          min={0}
          max={100}
          {...policy('noShowFeePercent')}
        />
        <TextInput
          label="Online reschedule until (hours before)"
          type="number"
          min={0}
          {...policy('rescheduleCutoffHours')}
        />
        <TextInput
          label="Check-in opens (minutes before)"
          type="number"
          min={0}
          max={1440}
          {...fieldProps(form, 'settings.checkInOpensMinutes', num)}
        />
        <TextInput
          label="Default start-time step (min)"
          type="number"
          min={5}
          placeholder="= service duration"
          {...fieldProps(form, 'settings.defaultSlotIntervalMinutes', {
            setValueAs: (v: unknown) => (v === '' || v === null ? null : Number(v)),
          })}
        />
      </div>
      <div className="grid-2">
        <Checkbox
          label="Customers may reschedule online"
          {...form.register('settings.cancellationPolicy.allowCustomerReschedule')}
        />
        <Checkbox label="Send reminders" {...form.register('settings.sendReminders')} />
        <Checkbox
          label="Text booking notices to customers who opted in"
          hint="Customers tick “Text me about this booking” when they book; they can reply STOP at any time. Without Twilio configured, texts are recorded in Messages instead."
          {...form.register('settings.smsNotifications')}
        />
      </div>
      {sendReminders && (
        <p className="muted small">
          When reminders go out, quiet hours and business notices: <Link to="/admin/messages">Messages</Link>.
        </p>
      )}
    </Section>
  );
}
