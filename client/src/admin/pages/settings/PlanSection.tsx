import { useMutation, useQuery } from '@tanstack/react-query';
import type { BillingStatus } from '@slotwise/contracts';
import { useAuth } from '../../auth';
import { leaveFor } from '../../navigate';
import { Card, ErrorNote } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

const FEATURE_LABELS = {
  payments: 'admin.settings.plan.feature.payments',
  webhooks: 'admin.settings.plan.feature.webhooks',
  calendar_sync: 'admin.settings.plan.feature.calendar_sync',
} as const;

function useLabels() {
  const { t, locale } = useI18n();
  const feature = (f: string) =>
    f in FEATURE_LABELS ? t(FEATURE_LABELS[f as keyof typeof FEATURE_LABELS]) : f;
  const limitText = (n: number | null) =>
    n === null ? t('admin.settings.plan.unlimited') : n.toLocaleString(locale);
  return { t, locale, feature, limitText };
}

function Usage({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const { t, locale, limitText } = useLabels();
  const full = limit !== null && used >= limit;
  return (
    <li>
      {label}: <strong>{used.toLocaleString(locale)}</strong>{' '}
      {t('admin.settings.plan.of', { limit: limitText(limit) })}
      {full && <span className="badge badge--warning"> {t('admin.settings.plan.limitReached')}</span>}
    </li>
  );
}

/**
 * The plan, its limits and this month's usage; upgrade through Stripe Checkout, manage through the
 * customer portal. The plan itself changes only when Stripe confirms (webhooks), so coming back
 * from Checkout the page re-reads it.
 */
export function PlanSection() {
  const { session, can } = useAuth();
  const { t, locale, feature, limitText } = useLabels();
  const billing = useQuery({
    queryKey: ['admin', 'billing'],
    queryFn: () => session.sdk.admin.billing.get(),
  });
  const checkout = useMutation({
    mutationFn: () => session.sdk.admin.billing.checkout({ body: { plan: 'pro' } }),
    onSuccess: (r) => leaveFor(r.url),
  });
  const portal = useMutation({
    mutationFn: () => session.sdk.admin.billing.portal(),
    onSuccess: (r) => leaveFor(r.url),
  });
  if (billing.isPending)
    return (
      <Card title={t('admin.settings.plan.title')}>
        <p className="muted">{t('admin.settings.plan.loading')}</p>
      </Card>
    );
  if (billing.isError)
    return (
      <Card title={t('admin.settings.plan.title')}>
        <ErrorNote error={billing.error} />
      </Card>
    );
  const b: BillingStatus = billing.data;
  const owner = can('owner');
  const returned = new URLSearchParams(window.location.search).get('billing');
  return (
    <div id="plan">
      <Card title={t('admin.settings.plan.title')}>
        {!b.enabled && (
          <p className="muted small">{t('admin.settings.plan.notEnforced')}</p>
        )}
        {returned === 'success' && b.plan.id === 'free' && (
          <p className="muted small" role="status">
            {t('admin.settings.plan.returned')}
          </p>
        )}
        <p data-testid="current-plan">
          {t('admin.settings.plan.current')} <strong>{b.plan.name}</strong>
          {b.subscription && (
            <span className="muted small">
              {' '}
              ({b.subscription.status}
              {b.subscription.currentPeriodEnd &&
                `, ${t(
                  b.subscription.cancelAtPeriodEnd
                    ? 'admin.settings.plan.ends'
                    : 'admin.settings.plan.renews',
                  { date: new Date(b.subscription.currentPeriodEnd).toLocaleDateString(locale) },
                )}`}
              )
            </span>
          )}
        </p>
        <ul className="plain-list">
          <Usage
            label={t('admin.settings.plan.providers')} used={b.usage.providers} limit={b.plan.providers} />
          <Usage
            label={t('admin.settings.plan.bookingsThisMonth')}
            used={b.usage.monthlyBookings}
            limit={b.plan.monthlyBookings}
          />
          <li>
            {t('admin.settings.plan.features', {
              list: b.plan.features.length
                ? b.plan.features.map(feature).join(', ')
                : t('admin.settings.plan.none'),
            })}
          </li>
        </ul>
        <table className="table small">
          <thead>
            <tr>
              <th>{t('admin.settings.plan.colPlan')}</th>
              <th>{t('admin.settings.plan.colProviders')}</th>
              <th>{t('admin.settings.plan.colBookings')}</th>
              <th>{t('admin.settings.plan.colFeatures')}</th>
            </tr>
          </thead>
          <tbody>
            {b.plans.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{limitText(p.providers)}</td>
                <td>{limitText(p.monthlyBookings)}</td>
                <td>{p.features.map(feature).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!owner && <p className="muted small">{t('admin.settings.plan.ownerOnly')}</p>}
        {owner && b.checkoutAvailable && (
          <div className="form-actions">
            {b.plan.id === 'free' && (
              <button
                className="btn btn--primary"
                disabled={checkout.isPending}
                onClick={() => checkout.mutate()}
              >
                {checkout.isPending
                  ? t('admin.settings.plan.opening')
                  : t('admin.settings.plan.upgrade')}
              </button>
            )}
            {b.subscription && (
              <button
                className="btn btn--secondary"
                disabled={portal.isPending}
                onClick={() => portal.mutate()}
              >
                {t('admin.settings.plan.manage')}
              </button>
            )}
          </div>
        )}
        {(checkout.error ?? portal.error) ? (
          <ErrorNote error={checkout.error ?? portal.error} />
        ) : null}
      </Card>
    </div>
  );
}
