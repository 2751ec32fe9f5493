import { useState } from 'react';
import { type Tenant } from '../../data';
import { Checkbox, fieldErrors, Select, TextInput } from '../../ui/kit';
import { useSave, Section } from './section';

export function RulesSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const save = useSave('Booking rules');
  const s = tenant.settings;
  const p = s.cancellationPolicy;
  const [f, setF] = useState({
    bookingConfirmationMode: s.bookingConfirmationMode,
    freeCancellationHours: String(p.freeCancellationHours),
    lateCancellationFeePercent: String(p.lateCancellationFeePercent),
    noShowFeePercent: String(p.noShowFeePercent),
    allowCustomerReschedule: p.allowCustomerReschedule,
    rescheduleCutoffHours: String(p.rescheduleCutoffHours),
    sendReminders: s.sendReminders,
    reminderHoursBefore: String(s.reminderHoursBefore),
    defaultSlotIntervalMinutes: s.defaultSlotIntervalMinutes
      ? String(s.defaultSlotIntervalMinutes)
      : '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const errors = fieldErrors(save.error);
  const err = (k: string) => errors[`settings.cancellationPolicy.${k}`] ?? errors[`settings.${k}`];
  return (
    <Section
      title="Booking rules"
      description="What customers may do themselves, and what it costs them."
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(errors).length ? null : save.error}
      onSubmit={() =>
        save.mutate({
          settings: {
            bookingConfirmationMode: f.bookingConfirmationMode,
            sendReminders: f.sendReminders,
            reminderHoursBefore: Number(f.reminderHoursBefore),
            defaultSlotIntervalMinutes: f.defaultSlotIntervalMinutes
              ? Number(f.defaultSlotIntervalMinutes)
              : null,
            cancellationPolicy: {
              freeCancellationHours: Number(f.freeCancellationHours),
              lateCancellationFeePercent: Number(f.lateCancellationFeePercent),
              noShowFeePercent: Number(f.noShowFeePercent),
              allowCustomerReschedule: f.allowCustomerReschedule,
              rescheduleCutoffHours: Number(f.rescheduleCutoffHours),
            },
          },
        })
      }
    >
      <div className="grid-3">
        <Select
          label="New bookings are"
          value={f.bookingConfirmationMode}
          onChange={(e) =>
            setF({ ...f, bookingConfirmationMode: e.target.value as 'auto' | 'manual' })
          }
        >
          <option value="auto">Confirmed at once</option>
          <option value="manual">Requests I approve</option>
        </Select>
        <TextInput
          label="Free cancellation until (hours before)"
          type="number"
          min={0}
          value={f.freeCancellationHours}
          onChange={set('freeCancellationHours')}
          error={err('freeCancellationHours')}
        />
        <TextInput
          label="Late cancellation fee (% of price)"
          type="number"
          min={0}
          max={100}
          value={f.lateCancellationFeePercent}
          onChange={set('lateCancellationFeePercent')}
          error={err('lateCancellationFeePercent')}
        />
        <TextInput
          label="No-show fee (% of price)"
          type="number"
          min={0}
          max={100}
          value={f.noShowFeePercent}
          onChange={set('noShowFeePercent')}
          error={err('noShowFeePercent')}
        />
        <TextInput
          label="Online reschedule until (hours before)"
          type="number"
          min={0}
          value={f.rescheduleCutoffHours}
          onChange={set('rescheduleCutoffHours')}
          error={err('rescheduleCutoffHours')}
        />
        <TextInput
          label="Default start-time step (min)"
          type="number"
          min={5}
          placeholder="= service duration"
          value={f.defaultSlotIntervalMinutes}
          onChange={set('defaultSlotIntervalMinutes')}
          error={err('defaultSlotIntervalMinutes')}
        />
      </div>
      <div className="grid-2">
        <Checkbox
          label="Customers may reschedule online"
          checked={f.allowCustomerReschedule}
          onChange={(e) => setF({ ...f, allowCustomerReschedule: e.target.checked })}
        />
        <Checkbox
          label="Send reminders"
          checked={f.sendReminders}
          onChange={(e) => setF({ ...f, sendReminders: e.target.checked })}
        />
      </div>
      {f.sendReminders && (
        <TextInput
          label="Remind this many hours before"
          type="number"
          min={1}
          max={168}
          value={f.reminderHoursBefore}
          onChange={set('reminderHoursBefore')}
          error={err('reminderHoursBefore')}
        />
      )}
    </Section>
  );
}
