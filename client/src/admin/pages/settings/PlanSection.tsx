import { useMutation, useQuery } from '@tanstack/react-query';
import type { BillingStatus } from '@slotwise/contracts';
import { useAuth } from '../../auth';
import { leaveFor } from '../../navigate';
import { Card, ErrorNote } from '../../ui/kit';

const FEATURE_LABELS: Record<string, string> = {
  payments: 'Online payments',
  webhooks: 'Webhooks',
  calendar_sync: 'Calendar sync',
};

const limitText = (n: number | null) => (n === null ? 'unlimited' : String(n));

function Usage({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const full = limit !== null && used >= limit;
  return (
    <li>
      {label}: <strong>{used}</strong> of {limitText(limit)}
      {full && <span className="badge badge--warning"> limit reached</span>}
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
      <Card title="Plan">
        <p className="muted">Loading plan…</p>
      </Card>
    );
  if (billing.isError)
    return (
      <Card title="Plan">
        <ErrorNote error={billing.error} />
      </Card>
    );
  const b: BillingStatus = billing.data;
  const owner = can('owner');
  const returned = new URLSearchParams(window.location.search).get('billing');
  return (
    <div id="plan">
      <Card title="Plan">
        {!b.enabled && (
          <p className="muted small">Plans are not enforced on this server: nothing is limited.</p>
        )}
        {returned === 'success' && b.plan.id === 'free' && (
          <p className="muted small" role="status">
            Payment received. Your plan changes as soon as Stripe confirms it; refresh in a moment.
          </p>
        )}
        <p data-testid="current-plan">
          Current plan: <strong>{b.plan.name}</strong>
          {b.subscription && (
            <span className="muted small">
              {' '}
              ({b.subscription.status}
              {b.subscription.currentPeriodEnd &&
                `, ${b.subscription.cancelAtPeriodEnd ? 'ends' : 'renews'} ${new Date(b.subscription.currentPeriodEnd).toLocaleDateString()}`}
              )
            </span>
          )}
        </p>
        <ul className="plain-list">
          <Usage label="Providers" used={b.usage.providers} limit={b.plan.providers} />
          <Usage
            label="Bookings this month"
            used={b.usage.monthlyBookings}
            limit={b.plan.monthlyBookings}
          />
          <li>
            Features:{' '}
            {b.plan.features.length
              ? b.plan.features.map((f) => FEATURE_LABELS[f] ?? f).join(', ')
              : 'none'}
          </li>
        </ul>
        <table className="table small">
          <thead>
            <tr>
              <th>Plan</th>
              <th>Providers</th>
              <th>Bookings / month</th>
              <th>Features</th>
            </tr>
          </thead>
          <tbody>
            {b.plans.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{limitText(p.providers)}</td>
                <td>{limitText(p.monthlyBookings)}</td>
                <td>{p.features.map((f) => FEATURE_LABELS[f] ?? f).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!owner && <p className="muted small">Only the owner can change the plan.</p>}
        {owner && b.checkoutAvailable && (
          <div className="form-actions">
            {b.plan.id === 'free' && (
              <button
                className="btn btn--primary"
                disabled={checkout.isPending}
                onClick={() => checkout.mutate()}
              >
                {checkout.isPending ? 'Opening checkout…' : 'Upgrade to Pro'}
              </button>
            )}
            {b.subscription && (
              <button
                className="btn btn--secondary"
                disabled={portal.isPending}
                onClick={() => portal.mutate()}
              >
                Manage billing
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
