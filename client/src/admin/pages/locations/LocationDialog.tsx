import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createLocationSchema,
  emptyAddress,
  type CreateLocation,
  type Location,
} from '@slotwise/contracts';
import { useI18n } from '../../../shared/i18n';
import { timeZones } from '../../../shared/time';
import { useAuth } from '../../auth';
import { adminKeys, useTenantProfile } from '../../data';
import { Checkbox, Select, TextInput, useToast } from '../../ui/kit';
import { EntityDialog, blankToNull, fieldProps, useEntityForm } from '../../ui/entity-form';
import { locationKeys } from './queries';

/** Create or edit one location (name, address, phone, zone, whether customers can choose it). */
export function LocationDialog({
  location,
  onClose,
}: {
  location: Location | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { session } = useAuth();
  const tenant = useTenantProfile();
  const queryClient = useQueryClient();
  const notify = useToast();
  const form = useEntityForm(createLocationSchema, {
    name: location?.name ?? '',
    address: location?.address ?? emptyAddress,
    phone: location?.phone ?? null,
    timeZone: location?.timeZone ?? tenant.data?.timeZone ?? 'UTC',
    active: location?.active ?? true,
    sortOrder: location?.sortOrder ?? 0,
  });
  const save = useMutation({
    mutationFn: (body: CreateLocation) =>
      location
        ? session.sdk.locations.update({ params: { id: location.id }, body })
        : session.sdk.locations.create({ body }),
    onSuccess: (l) => {
      void queryClient.invalidateQueries({ queryKey: locationKeys.all });
      // A new zone moves its staff's zone with it.
      void queryClient.invalidateQueries({ queryKey: adminKeys.providers });
      notify(t(location ? 'admin.locations.saved' : 'admin.locations.added', { name: l.name }));
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => session.sdk.locations.remove({ params: { id: location!.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: locationKeys.all });
      notify(t('admin.locations.removed'));
      onClose();
    },
  });
  const timeZone = form.watch('timeZone') ?? 'UTC';
  return (
    <EntityDialog
      title={
        location
          ? t('admin.locations.dialog.edit', { name: location.name })
          : t('admin.locations.dialog.new')
      }
      form={form}
      save={save}
      submitLabel={location ? t('admin.locations.save') : t('admin.locations.create')}
      onClose={onClose}
      remove={
        location
          ? {
              label: t('admin.locations.remove'),
              confirm: t('admin.locations.removeConfirm', { name: location.name }),
              mutation: remove,
            }
          : undefined
      }
      wide
    >
      <div className="grid-2">
        <TextInput
          label={t('admin.locations.field.name')}
          required
          autoFocus
          {...fieldProps(form, 'name')}
        />
        <TextInput
          label={t('admin.locations.field.phone')}
          type="tel"
          {...fieldProps(form, 'phone', { setValueAs: blankToNull })}
        />
        <TextInput
          label={t('admin.locations.field.line1')}
          {...fieldProps(form, 'address.line1')}
        />
        <TextInput
          label={t('admin.locations.field.line2')}
          {...fieldProps(form, 'address.line2')}
        />
        <TextInput label={t('admin.locations.field.city')} {...fieldProps(form, 'address.city')} />
        <TextInput
          label={t('admin.locations.field.postalCode')}
          {...fieldProps(form, 'address.postalCode')}
        />
        <TextInput
          label={t('admin.locations.field.region')}
          {...fieldProps(form, 'address.region')}
        />
        <TextInput
          label={t('admin.locations.field.country')}
          hint={t('admin.locations.field.countryHint')}
          maxLength={2}
          {...fieldProps(form, 'address.country', {
            setValueAs: (v: unknown) =>
              typeof v === 'string' && v.trim() ? v.trim().toUpperCase() : null,
          })}
        />
        <Select
          label={t('admin.locations.field.timeZone')}
          hint={t('admin.locations.field.timeZoneHint')}
          {...fieldProps(form, 'timeZone')}
        >
          {timeZones(timeZone).map((z) => (
            <option key={z}>{z}</option>
          ))}
        </Select>
        <TextInput
          label={t('admin.locations.field.sortOrder')}
          type="number"
          {...fieldProps(form, 'sortOrder', { valueAsNumber: true })}
        />
      </div>
      <Checkbox label={t('admin.locations.field.active')} {...form.register('active')} />
    </EntityDialog>
  );
}
