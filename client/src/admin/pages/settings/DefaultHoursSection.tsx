import { useI18n } from '../../../shared/i18n';
import { type Tenant } from '../../data';
import { WeekEditor } from '../staff/WeekEditor';
import { useSave } from './section';

/** The week a new staff member (or room) starts with; each one's hours are then their own. */
export function DefaultHoursSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const { t } = useI18n();
  const save = useSave(t('admin.settings.defaultHours.title'));
  return (
    <WeekEditor
      title={t('admin.settings.defaultHours.title')}
      note={t('admin.settings.defaultHours.note', { zone: tenant.timeZone })}
      intervals={tenant.settings.defaultWeeklyHours}
      editable={!readOnly}
      errorPath="settings.defaultWeeklyHours"
      saving={save.isPending}
      error={save.error}
      onSave={(defaultWeeklyHours) => save.mutateAsync({ settings: { defaultWeeklyHours } })}
    />
  );
}
