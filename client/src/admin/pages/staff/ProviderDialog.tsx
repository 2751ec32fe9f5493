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
import { useI18n } from '../../../shared/i18n';

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
  const { t } = useI18n();
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
      notify(
        t(provider ? 'admin.staff.dialog.saved' : 'admin.staff.dialog.added', { name: p.name }),
      );
      onClose();
      navigate(`/admin/staff/${p.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => session.sdk.providers.remove({ params: { id: provider!.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.providers });
      notify(t('admin.staff.dialog.removed'));
      onClose();
      navigate('/admin/staff');
    },
  });
  const color = form.watch('color');
  const timeZone = form.watch('timeZone') ?? 'UTC';
  return (
    <EntityDialog
      title={provider ? t('admin.staff.dialog.editTitle', { name: provider.name }) : t('admin.staff.add')}
      form={form}
      save={save}
      submitLabel={provider ? t('admin.staff.dialog.save') : t('admin.staff.dialog.add')}
      onClose={onClose}
      remove={
        provider
          ? {
              label: t('admin.staff.dialog.remove'),
              confirm: t('admin.staff.dialog.removeConfirm', { name: provider.name }),
              mutation: remove,
            }
          : undefined
      }
      wide
    >
      <div className="grid-2">
        <TextInput label={t('admin.staff.dialog.name')} required autoFocus {...fieldProps(form, 'name')} />
        <Select label={t('admin.staff.dialog.kind')} {...form.register('kind')}>
          <option value="staff">{t('admin.staff.dialog.kindStaff')}</option>
          <option value="room">{t('admin.staff.dialog.kindRoom')}</option>
        </Select>
        <TextInput
          label={t('admin.staff.dialog.email')}
          type="email"
          {...fieldProps(form, 'email', { setValueAs: blankToNull })}
        />
        <Select label={t('admin.staff.dialog.timeZone')} {...fieldProps(form, 'timeZone')}>
          {timeZones(timeZone).map((z) => (
            <option key={z}>{z}</option>
          ))}
        </Select>
      </div>
      <ProviderLocationField form={form} />
      <TextArea
        label={t('admin.staff.dialog.bio')}
        hint={t('admin.staff.dialog.bioHint')}
        {...fieldProps(form, 'bio')}
      />
      <fieldset className="field">
        <legend className="field__label">{t('admin.staff.dialog.colour')}</legend>
        <div className="swatches">
          {COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className={`swatch${color === c ? ' swatch--on' : ''}`}
              style={{ background: c, color: textOn(c) }}
              aria-label={t('admin.staff.dialog.colourOption', { colour: c })}
              aria-pressed={color === c}
              onClick={() => form.setValue('color', c, { shouldDirty: true })}
            >
              {color === c ? '✓' : ''}
            </button>
          ))}
        </div>
      </fieldset>
      <details className="disclosure">
        <summary>{t('admin.staff.dialog.limits')}</summary>
        <div className="grid-3">
          <TextInput
            label={t('admin.staff.dialog.perDay')}
            type="number"
            min={1}
            placeholder={t('admin.staff.dialog.noLimit')}
            {...fieldProps(form, 'limits.bookingsPerDay', { setValueAs: blankToUndefined })}
          />
          <TextInput
            label={t('admin.staff.dialog.perWeek')}
            type="number"
            min={1}
            placeholder={t('admin.staff.dialog.noLimit')}
            {...fieldProps(form, 'limits.bookingsPerWeek', { setValueAs: blankToUndefined })}
          />
          <TextInput
            label={t('admin.staff.dialog.gap')}
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
            legend={t('admin.staff.dialog.services')}
            items={services.data}
            selected={field.value ?? []}
            onChange={field.onChange}
            empty={t('admin.staff.dialog.noServices')}
            error={fieldState.error?.message}
          />
        )}
      />
      <Checkbox label={t('admin.staff.dialog.active')} {...form.register('active')} />
    </EntityDialog>
  );
}
