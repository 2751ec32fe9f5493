import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import type { updateTenantSchema } from '@slotwise/contracts';
import { contrastRatio, textOn } from '../../shared/colors';
import { timeZones } from '../../shared/time';
import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { adminKeys, useTenantProfile, type Tenant } from '../data';
import {
  Card,
  Checkbox,
  ErrorNote,
  fieldErrors,
  PageHeader,
  Select,
  TextArea,
  TextInput,
  useToast,
} from '../ui/kit';

type Patch = z.input<typeof updateTenantSchema>;

export function SettingsPage() {
  const tenant = useTenantProfile();
  const { can } = useAuth();
  if (tenant.isPending) return <Loading label="Loading settings…" />;
  if (tenant.isError)
    return <ErrorState title="Could not load settings" onRetry={() => tenant.refetch()} />;
  const t = tenant.data;
  const readOnly = !can('admin');
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          readOnly
            ? 'Only admins and owners can change settings.'
            : 'Your business profile, booking rules, branding and website embed.'
        }
      />
      <div className="stack">
        <ProfileSection tenant={t} readOnly={readOnly} />
        <RulesSection tenant={t} readOnly={readOnly} />
        <BrandingSection tenant={t} readOnly={readOnly} />
        <EmbedSection tenant={t} readOnly={readOnly} />
      </div>
    </>
  );
}

function useSave(section: string) {
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  return useMutation({
    mutationFn: (patch: Patch) => session.sdk.tenant.update({ body: patch }),
    onSuccess: (t) => {
      queryClient.setQueryData(adminKeys.tenant, t);
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      notify(`${section} saved`);
    },
  });
}

function Section({
  title,
  description,
  readOnly,
  saving,
  error,
  onSubmit,
  children,
}: {
  title: string;
  description?: string;
  readOnly: boolean;
  saving: boolean;
  error: unknown;
  onSubmit(): void;
  children: ReactNode;
}) {
  return (
    <Card title={title}>
      {description && <p className="muted small">{description}</p>}
      <form
        className="form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <fieldset className="plain" disabled={readOnly}>
          {children}
        </fieldset>
        {error ? <ErrorNote error={error} /> : null}
        {!readOnly && (
          <div className="form-actions">
            <button className="btn btn--primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        )}
      </form>
    </Card>
  );
}

function ProfileSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const save = useSave('Business profile');
  const [f, setF] = useState({
    name: tenant.name,
    description: tenant.description,
    email: tenant.email ?? '',
    phone: tenant.phone ?? '',
    address: tenant.address ?? '',
    timeZone: tenant.timeZone,
    currency: tenant.currency,
    locale: tenant.locale,
    policiesText: tenant.policiesText,
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const errors = fieldErrors(save.error);
  return (
    <Section
      title="Business profile"
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(errors).length ? null : save.error}
      onSubmit={() =>
        save.mutate({
          ...f,
          locale: f.locale as 'en' | 'es' | 'fr',
          email: f.email.trim() || null,
          phone: f.phone.trim() || null,
          address: f.address.trim() || null,
        })
      }
    >
      <div className="grid-2">
        <TextInput
          label="Business name"
          value={f.name}
          onChange={set('name')}
          error={errors.name}
          required
        />
        <TextInput
          label="Contact email"
          type="email"
          value={f.email}
          onChange={set('email')}
          error={errors.email}
        />
        <TextInput label="Phone" value={f.phone} onChange={set('phone')} error={errors.phone} />
        <TextInput
          label="Address"
          value={f.address}
          onChange={set('address')}
          error={errors.address}
        />
        <Select
          label="Time zone"
          value={f.timeZone}
          onChange={set('timeZone')}
          error={errors.timeZone}
          hint="Reports, closures and the calendar use it"
        >
          {timeZones(f.timeZone).map((z) => (
            <option key={z}>{z}</option>
          ))}
        </Select>
        <div className="grid-2">
          <TextInput
            label="Currency"
            value={f.currency}
            maxLength={3}
            onChange={(e) => setF({ ...f, currency: e.target.value.toUpperCase() })}
            error={errors.currency}
          />
          <Select label="Default language" value={f.locale} onChange={set('locale')}>
            <option value="en">English</option>
            <option value="es">Español</option>
            <option value="fr">Français</option>
          </Select>
        </div>
      </div>
      <TextArea
        label="Description"
        hint="Shown at the top of your booking page"
        value={f.description}
        onChange={set('description')}
        error={errors.description}
      />
      <TextArea
        label="Policies shown to customers"
        value={f.policiesText}
        onChange={set('policiesText')}
        error={errors.policiesText}
      />
    </Section>
  );
}

function RulesSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
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

function BrandingSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const save = useSave('Branding');
  const [logoUrl, setLogoUrl] = useState(tenant.logoUrl ?? '');
  const [brandColor, setBrandColor] = useState(tenant.brandColor);
  const errors = fieldErrors(save.error);
  const weak = /^#[0-9a-f]{6}$/i.test(brandColor) && contrastRatio(brandColor, '#ffffff') < 3;
  return (
    <Section
      title="Branding"
      readOnly={readOnly}
      saving={save.isPending}
      error={Object.keys(errors).length ? null : save.error}
      onSubmit={() => save.mutate({ logoUrl: logoUrl.trim() || null, brandColor })}
    >
      <div className="grid-2">
        <TextInput
          label="Logo URL"
          type="url"
          placeholder="https://…/logo.png"
          value={logoUrl}
          onChange={(e) => setLogoUrl(e.target.value)}
          error={errors.logoUrl}
        />
        <div className="field">
          <label className="field__label" htmlFor="brand-color">
            Brand colour
          </label>
          <div className="color-row">
            <input
              id="brand-color"
              type="color"
              className="color-input"
              value={brandColor}
              onChange={(e) => setBrandColor(e.target.value)}
            />
            <input
              className="input input--inline"
              aria-label="Brand colour hex"
              value={brandColor}
              onChange={(e) => setBrandColor(e.target.value)}
            />
            <span
              className="brand-preview"
              style={{
                background: /^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor : '#4f46e5',
                color: textOn(/^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor : '#4f46e5'),
              }}
            >
              Confirm booking
            </span>
          </div>
          {errors.brandColor && <p className="field__error">{errors.brandColor}</p>}
          {weak && (
            <p className="field__hint">
              Very light colours are darkened on the booking page so text stays readable.
            </p>
          )}
        </div>
      </div>
    </Section>
  );
}

function EmbedSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const save = useSave('Embed settings');
  const notify = useToast();
  const [origins, setOrigins] = useState(tenant.embedOrigins.join('\n'));
  const snippet = `<script src="${window.location.origin}/widget.js" data-tenant="${tenant.slug}" async></script>`;
  const errors = fieldErrors(save.error);
  const originError = Object.entries(errors).find(([k]) => k.startsWith('embedOrigins'))?.[1];
  return (
    <Section
      title="Website embed"
      description="Paste the snippet into any page of your website to show the booking flow there."
      readOnly={readOnly}
      saving={save.isPending}
      error={originError ? null : save.error}
      onSubmit={() =>
        save.mutate({
          embedOrigins: origins
            .split(/[\s,]+/)
            .map((o) => o.trim().replace(/\/+$/, ''))
            .filter(Boolean),
        })
      }
    >
      <div className="field">
        <span className="field__label" id="snippet-label">
          Embed code
        </span>
        <div className="snippet">
          <code aria-labelledby="snippet-label" data-testid="embed-snippet">
            {snippet}
          </code>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() =>
              void navigator.clipboard?.writeText(snippet).then(() => notify('Snippet copied'))
            }
          >
            Copy
          </button>
        </div>
        <p className="field__hint">
          Your public booking page:{' '}
          <a href={`/book/${tenant.slug}`}>{`${window.location.origin}/book/${tenant.slug}`}</a>
        </p>
      </div>
      <TextArea
        label="Websites allowed to embed it"
        hint="One origin per line, such as https://www.example.com. Other sites cannot frame your booking flow."
        rows={3}
        value={origins}
        onChange={(e) => setOrigins(e.target.value)}
        error={originError}
      />
    </Section>
  );
}
