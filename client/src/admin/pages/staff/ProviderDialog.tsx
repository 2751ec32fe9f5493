import { useMutation, useQueryClient } from '@tanstack/react-query';
import { textOn } from '../../../shared/colors';
import { navigate } from '../../../shared/router';
import { timeZones } from '../../../shared/time';
import { useAuth } from '../../auth';
import { adminKeys, useServiceList, useTenantProfile, type Provider } from '../../data';
import { Checkbox, CheckboxSet, Select, TextArea, TextInput, useToast } from '../../ui/kit';
import { createProviderSchema, type CreateProvider } from '@slotwise/contracts';
import { Controller } from 'react-hook-form';
import { EntityDialog, blankToNull, fieldProps, useEntityForm } from '../../ui/entity-form';
import { ProviderLocationField } from './ProviderLocationField';

const COLORS = [
  '#4f46e5',
  '#e11d48',
  '#2563eb',
  '#16a34a',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
];

/** An empty number input leaves the limit unset; anything else goes to the contract as a number. */
const blankToUndefined = (v: unknown) =>
  v === '' || v === null || v === undefined ? undefined : Number(v);

export function ProviderDialog({
  provider,
  onClose,
}: {
  provider: Provider | null;
  onClose(): void;
}) {
  const { session } = useAuth();
  const tenant = useTenantProfile();
  const services = useServiceList();
  const queryClient = useQueryClient();
  const notify = useToast();
  const form = useEntityForm(createProviderSchema, {
    name: provider?.name ?? '',
    kind: provider?.kind ?? 'staff',
    email: provider?.email ?? null,
    bio: provider?.bio ?? '',
    timeZone: provider?.timeZone ?? tenant.data?.timeZone ?? 'UTC',
    color: provider?.color ?? COLORS[Math.floor(Math.random() * COLORS.length)]!,
    active: provider?.active ?? true,
    serviceIds: provider?.serviceIds ?? services.data?.map((s) => s.id) ?? [],
    // Sent whole on save: the limits the dialog does not show are kept as they are.
    limits: provider?.limits ?? {},
    locationId: provider?.locationId ?? null,
  });
  const save = useMutation({
    mutationFn: (body: CreateProvider) =>
      provider
        ? session.sdk.providers.update({ params: { id: provider.id }, body })
        : session.sdk.providers.create({ body }),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.providers });
      void queryClient.invalidateQueries({ queryKey: adminKeys.services });
      notify(provider ? `Saved ${p.name}` : `Added ${p.name}: now set their weekly hours`);
      onClose();
      navigate(`/admin/staff/${p.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => session.sdk.providers.remove({ params: { id: provider!.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.providers });
      notify('Removed');
      onClose();
      navigate('/admin/staff');
    },
  });
  const color = form.watch('color');
  const timeZone = form.watch('timeZone') ?? 'UTC';
  return (
    <EntityDialog
      title={provider ? `Edit ${provider.name}` : 'Add staff member'}
      form={form}
      save={save}
      submitLabel={provider ? 'Save' : 'Add'}
      onClose={onClose}
      remove={
        provider
          ? {
              label: 'Remove',
              confirm: `Remove ${provider.name}? Their existing bookings stay.`,
              mutation: remove,
            }
          : undefined
      }
      wide
    >
      <div className="grid-2">
        <TextInput label="Name" required autoFocus {...fieldProps(form, 'name')} />
        <Select label="Kind" {...form.register('kind')}>
          <option value="staff">Person</option>
          <option value="room">Room or resource</option>
        </Select>
        <TextInput
          label="Email"
          type="email"
          {...fieldProps(form, 'email', { setValueAs: blankToNull })}
        />
        <Select label="Time zone of their hours" {...fieldProps(form, 'timeZone')}>
          {timeZones(timeZone).map((z) => (
            <option key={z}>{z}</option>
          ))}
        </Select>
      </div>
      <ProviderLocationField form={form} />
      <TextArea
        label="Short bio"
        hint="Shown to customers when they choose who to book"
        {...fieldProps(form, 'bio')}
      />
      <fieldset className="field">
        <legend className="field__label">Calendar colour</legend>
        <div className="swatches">
          {COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className={`swatch${color === c ? ' swatch--on' : ''}`}
              style={{ background: c, color: textOn(c) }}
              aria-label={`Colour ${c}`}
              aria-pressed={color === c}
              onClick={() => form.setValue('color', c, { shouldDirty: true })}
            >
              {color === c ? '✓' : ''}
            </button>
          ))}
        </div>
      </fieldset>
      <details className="disclosure">
        <summary>Booking limits</summary>
        <div className="grid-3">
          <TextInput
            label="Max bookings per day"
            type="number"
            min={1}
            placeholder="No limit"
            {...fieldProps(form, 'limits.bookingsPerDay', { setValueAs: blankToUndefined })}
          />
          <TextInput
            label="Max bookings per week"
            type="number"
            min={1}
            placeholder="No limit"
            {...fieldProps(form, 'limits.bookingsPerWeek', { setValueAs: blankToUndefined })}
          />
          <TextInput
            label="Gap between bookings (min)"
            type="number"
            min={0}
            placeholder="0"
            {...fieldProps(form, 'limits.minGapMinutes', { setValueAs: blankToUndefined })}
          />
        </div>
      </details>
      <Controller
        control={form.control}
        name="serviceIds"
        render={({ field, fieldState }) => (
          <CheckboxSet
            legend="Services they offer"
            items={services.data}
            selected={field.value ?? []}
            onChange={field.onChange}
            empty="No services yet."
            error={fieldState.error?.message}
          />
        )}
      />
      <Checkbox label="Takes bookings" {...form.register('active')} />
    </EntityDialog>
  );
}
