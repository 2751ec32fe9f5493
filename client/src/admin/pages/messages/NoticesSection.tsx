import { useState } from 'react';
import type { Tenant } from '../../data';
import { Checkbox, TextInput } from '../../ui/kit';
import { Section, useSave } from '../settings/section';
import { useI18n } from '../../../shared/i18n';

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
  const { t } = useI18n();
  const save = useSave(t('admin.messages.notices.title'));
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
      title={t('admin.messages.notices.title')}
      description={t('admin.messages.notices.description')}
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
        label={t('admin.messages.notices.send')}
        checked={sendReminders}
        onChange={(e) => setSendReminders(e.target.checked)}
      />
      <div className="grid-3">
        <TextInput
          label={t('admin.messages.notices.offsets')}
          hint={t('admin.messages.notices.offsetsHint')}
          value={offsets}
          onChange={(e) => setOffsets(e.target.value)}
          error={parsed ? undefined : t('admin.messages.notices.offsetsError')}
        />
        <TextInput
          label={t('admin.messages.notices.quietFrom')}
          type="time"
          value={quietStart}
          disabled={!quiet}
          onChange={(e) => setQuietStart(e.target.value)}
        />
        <TextInput
          label={t('admin.messages.notices.quietUntil')}
          type="time"
          value={quietEnd}
          disabled={!quiet}
          onChange={(e) => setQuietEnd(e.target.value)}
        />
      </div>
      <Checkbox
        label={t('admin.messages.notices.quiet')}
        checked={quiet}
        onChange={(e) => setQuiet(e.target.checked)}
      />
      <Checkbox
        label={t('admin.messages.notices.sms')}
        checked={sms}
        onChange={(e) => setSms(e.target.checked)}
      />
      <Checkbox
        label={t('admin.messages.notices.provider')}
        checked={notifyProvider}
        onChange={(e) => setNotifyProvider(e.target.checked)}
      />
      <Checkbox
        label={t('admin.messages.notices.business')}
        checked={notifyBusiness}
        onChange={(e) => setNotifyBusiness(e.target.checked)}
      />
      <TextInput
        label={t('admin.messages.notices.address')}
        type="email"
        hint={t('admin.messages.notices.addressHint', {
          fallback: tenant.email ?? t('admin.messages.notices.businessEmail'),
        })}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
      />
    </Section>
  );
}
