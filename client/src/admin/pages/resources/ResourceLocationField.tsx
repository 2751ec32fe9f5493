import type { createResourceSchema } from '@slotwise/contracts';
import type { UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { useI18n } from '../../../shared/i18n';
import { errorOf } from '../../ui/entity-form';
import { Select } from '../../ui/kit';
import { useLocationList } from '../locations/queries';

type ResourceForm = UseFormReturn<
  z.input<typeof createResourceSchema>,
  unknown,
  z.output<typeof createResourceSchema>
>;

/**
 * Where the resource is: a service needing it is then offered at that location only (ADR 0019);
 * none = it serves every location. Nothing shows for a business without locations.
 */
export function ResourceLocationField({ form }: { form: ResourceForm }) {
  const { t } = useI18n();
  const locations = useLocationList();
  if (!locations.data?.length) return null;
  return (
    <Select
      label={t('admin.resources.location')}
      hint={t('admin.resources.locationHint')}
      value={form.watch('locationId') ?? ''}
      error={errorOf(form, 'locationId')}
      onChange={(e) => form.setValue('locationId', e.target.value || null, { shouldDirty: true })}
    >
      <option value="">{t('admin.resources.locationNone')}</option>
      {locations.data.map((l) => (
        <option key={l.id} value={l.id}>
          {l.name}
        </option>
      ))}
    </Select>
  );
}
