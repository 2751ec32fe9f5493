import { useId, useMemo } from 'react';
import { useI18n } from '../shared/i18n';
import { offsetLabel, timeZones } from '../shared/time';

/** The zone times are shown in: always visible, switchable to any IANA zone. */
export function ZoneSelect({
  value,
  onChange,
  businessZone,
}: {
  value: string;
  onChange(zone: string): void;
  businessZone?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const zones = useMemo(() => timeZones(value, businessZone ?? ''), [value, businessZone]);
  return (
    <div className="zone">
      <label htmlFor={id} className="zone__label">
        {t('time.zoneLabel')}
      </label>
      <select
        id={id}
        className="zone__select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')} ({offsetLabel(z)})
          </option>
        ))}
      </select>
    </div>
  );
}
