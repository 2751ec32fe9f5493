import { isSlotwiseError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';

/** After a 402 from the plan's limits: a link to the plan settings (the API's upgradeUrl is absolute). */
export function PlanLimitLink({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (
    !isSlotwiseError(error) ||
    error.code !== 'payment_required' ||
    typeof error.details?.upgradeUrl !== 'string'
  )
    return null;
  return (
    <>
      {' '}
      <a href="/admin/settings#plan">{t('admin.common.seePlans')}</a>
    </>
  );
}
