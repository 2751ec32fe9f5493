import type { createProviderSchema } from '@slotwise/contracts';
import type { UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { useI18n } from '../../../shared/i18n';
import { errorOf } from '../../ui/entity-form';
import { Select } from '../../ui/kit';
import { useLocationList } from '../locations/queries';

type ProviderForm = UseFormReturn<
  z.input<typeof createProviderSchema>,
  unknown,
  z.output<typeof createProviderSchema>
>;

/**
 * Where the provider works. Choosing a location also sets their zone to its zone: a provider at
 * a location keeps their hours in it (ADR 0019). Nothing shows for a business without locations.
 */
export function ProviderLocationField({ form }: { form: ProviderForm }) {
  const { t } = useI18n();
  const locations = useLocationList();
  if (!locations.data?.length) return null;
  const value = form.watch('locationId') ?? '';
  return (
    <Select
      label={t('admin.locations.provider.label')}
      hint={t('admin.locations.provider.hint')}
      value={value}
      error={errorOf(form, 'locationId')}
      onChange={(e) => {
        const id = e.target.value || null;
        form.setValue('locationId', id, { shouldDirty: true });
        const zone = locations.data.find((l) => l.id === id)?.timeZone;
        if (zone) form.setValue('timeZone', zone, { shouldDirty: true });
      }}
    >
      <option value="">{t('admin.locations.provider.none')}</option>
      {locations.data.map((l) => (
        <option key={l.id} value={l.id}>
          {l.name}
        </option>
      ))}
    </Select>
  );
}
