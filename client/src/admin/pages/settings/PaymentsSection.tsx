import { useMutation, useQuery } from '@tanstack/react-query';
import type { ConnectStatus } from '@slotwise/contracts';
import { useAuth } from '../../auth';
import { leaveFor } from '../../navigate';
import { Card, ErrorNote } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

const STATUS_TEXT = {
  not_connected: 'admin.settings.payments.not_connected',
  onboarding: 'admin.settings.payments.onboarding',
  restricted: 'admin.settings.payments.restricted',
  enabled: 'admin.settings.payments.enabled',
} as const satisfies Record<ConnectStatus['status'], string>;

/** The business's own Stripe account (Express), onboarded on Stripe's hosted pages. */
export function PaymentsSection() {
  const { session, can } = useAuth();
  const { t } = useI18n();
  const status = useQuery({
    queryKey: ['admin', 'connect'],
    queryFn: () => session.sdk.admin.connect.get(),
  });
  const onboard = useMutation({
    mutationFn: () => session.sdk.admin.connect.onboardingLink(),
    onSuccess: (r) => leaveFor(r.url),
  });
  if (status.isPending)
    return (
      <Card title={t('admin.settings.payments.title')}>
        <p className="muted">{t('admin.settings.payments.loading')}</p>
      </Card>
    );
  if (status.isError)
    return (
      <Card title={t('admin.settings.payments.title')}>
        <ErrorNote error={status.error} />
      </Card>
    );
  const c = status.data;
  return (
    <div id="payments">
      <Card title={t('admin.settings.payments.title')}>
        <p data-testid="connect-status">{t(STATUS_TEXT[c.status])}</p>
        {c.requirementsDue.length > 0 && (
          <p className="muted small">
            {t('admin.settings.payments.needs', { items: c.requirementsDue.join(', ') })}
          </p>
        )}
        <p className="muted small">
          {c.applicationFeePercent > 0
            ? t('admin.settings.payments.payIntoFee', { percent: c.applicationFeePercent })
            : t('admin.settings.payments.payInto')}
        </p>
        {can('owner') && c.status !== 'enabled' && (
          <div className="form-actions">
            <button
              className="btn btn--primary"
              disabled={onboard.isPending}
              onClick={() => onboard.mutate()}
            >
              {c.status === 'not_connected'
                ? t('admin.settings.payments.connect')
                : t('admin.settings.payments.continue')}
            </button>
          </div>
        )}
        {onboard.error ? <ErrorNote error={onboard.error} /> : null}
      </Card>
    </div>
  );
}
