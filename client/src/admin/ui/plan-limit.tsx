import { isSlotwiseError } from '../../shared/api';

/** After a 402 from the plan's limits: a link to the plan settings (the API's upgradeUrl is absolute). */
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
      <a href="/admin/settings#plan">See plans</a>
    </>
  );
}
