import type { Location } from '@slotwise/contracts';
import { useI18n } from '../../../shared/i18n';
import { useLocationList } from './queries';

/**
 * The reports' location filter (nothing shows for a business without locations). The chosen
 * location goes to the summary as `locationId`; `onChange` also hands over the location itself,
 * for views the page filters by its providers.
 */
export function ReportLocationFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange(id: string | null, location: Location | null): void;
}) {
  const { t } = useI18n();
  const locations = useLocationList();
  if (!locations.data?.length) return null;
  return (
    <label>
      <span>{t('admin.locations.reports.label')}</span>
      <select
        className="input"
        value={value ?? ''}
        onChange={(e) => {
          const l = locations.data.find((x) => x.id === e.target.value) ?? null;
          onChange(l?.id ?? null, l);
        }}
      >
        <option value="">{t('admin.locations.reports.all')}</option>
        {locations.data.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
