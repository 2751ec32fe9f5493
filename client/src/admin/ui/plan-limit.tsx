import { isSlotwiseError } from '../../shared/api';
import { translate } from '../../shared/i18n';

/**
 * After a 402 from the plan's limits: a link to the plan settings (the API's upgradeUrl is
 * absolute). Worded with `translate`, like `apiMessage` beside it in ErrorNote.
 */
export function PlanLimitLink({ error }: { error: unknown }) {
  if (
    !isSlotwiseError(error) ||
    error.code !== 'payment_required' ||
    typeof error.details?.upgradeUrl !== 'string'
  )
    return null;
  return (
    <>
      {' '}
      <a href="/admin/settings#plan">{translate('admin.common.seePlans')}</a>
    </>
  );
}
