import { useState } from 'react';
import type { Tenant } from '../../data';
import { Checkbox, TextInput } from '../../ui/kit';
import { Section, useSave } from '../settings/section';

const hoursText = (minutes: number[]) => minutes.map((m) => String(m / 60)).join(', ');

/** "24, 2" (hours, decimals allowed) → [1440, 120]; null when a part is not a number. */
export function parseOffsets(text: string): number[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const minutes = parts.map((p) => Math.round(Number(p) * 60));
  return minutes.every((m) => Number.isFinite(m)) ? minutes : null;
}

/** Reminders, quiet hours and who at the business hears about bookings (tenant settings). */
export function NoticesSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const save = useSave('Reminders and notices');
  const s = tenant.settings;
  const [offsets, setOffsets] = useState(hoursText(s.reminderOffsetsMinutes));
  const [sendReminders, setSendReminders] = useState(s.sendReminders);
  const [sms, setSms] = useState(s.reminderChannels.includes('sms'));
  const [quiet, setQuiet] = useState(s.quietHours !== null);
  const [quietStart, setQuietStart] = useState(s.quietHours?.start ?? '21:00');
  const [quietEnd, setQuietEnd] = useState(s.quietHours?.end ?? '08:00');
  const [notifyProvider, setNotifyProvider] = useState(s.notifyProvider);
  const [notifyBusiness, setNotifyBusiness] = useState(s.notifyBusiness);
  const [address, setAddress] = useState(s.notificationEmail ?? '');
  const parsed = parseOffsets(offsets);
  return (
    <Section
      title="Reminders and notices"
      description="When customers are reminded, and who at the business hears about new, moved and cancelled bookings."
      readOnly={readOnly}
      saving={save.isPending}
      error={save.error}
      onSubmit={() =>
        parsed &&
        save.mutate({
          settings: {
            sendReminders,
            reminderOffsetsMinutes: parsed,
            reminderChannels: sms ? ['email', 'sms'] : ['email'],
            quietHours: quiet ? { start: quietStart, end: quietEnd } : null,
            notifyProvider,
            notifyBusiness,
            notificationEmail: address.trim() || null,
          },
        })
      }
    >
      <Checkbox
        label="Send reminders"
        checked={sendReminders}
        onChange={(e) => setSendReminders(e.target.checked)}
      />
      <div className="grid-3">
        <TextInput
          label="Remind this many hours before"
          hint="Comma-separated, e.g. 24, 2"
          value={offsets}
          onChange={(e) => setOffsets(e.target.value)}
          error={parsed ? undefined : 'Enter hours as numbers separated by commas'}
        />
        <TextInput
          label="Quiet hours from"
          type="time"
          value={quietStart}
          disabled={!quiet}
          onChange={(e) => setQuietStart(e.target.value)}
        />
        <TextInput
          label="Quiet hours until"
          type="time"
          value={quietEnd}
          disabled={!quiet}
          onChange={(e) => setQuietEnd(e.target.value)}
        />
      </div>
      <Checkbox
        label="Quiet hours: never remind at night (customer’s time)"
        checked={quiet}
        onChange={(e) => setQuiet(e.target.checked)}
      />
      <Checkbox
        label="Also remind by SMS (customers who opted in)"
        checked={sms}
        onChange={(e) => setSms(e.target.checked)}
      />
      <Checkbox
        label="Email the provider about their bookings"
        checked={notifyProvider}
        onChange={(e) => setNotifyProvider(e.target.checked)}
      />
      <Checkbox
        label="Email the business about every booking"
        checked={notifyBusiness}
        onChange={(e) => setNotifyBusiness(e.target.checked)}
      />
      <TextInput
        label="Notification address"
        type="email"
        hint={`Where business notices go; empty: ${tenant.email ?? 'the business email'}`}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
      />
    </Section>
  );
}
