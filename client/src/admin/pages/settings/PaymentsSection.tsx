import { useMutation, useQuery } from '@tanstack/react-query';
import type { ConnectStatus } from '@slotwise/contracts';
import { useAuth } from '../../auth';
import { leaveFor } from '../../navigate';
import { Card, ErrorNote } from '../../ui/kit';

const STATUS_TEXT: Record<ConnectStatus['status'], string> = {
  not_connected: 'Not connected. Connect a Stripe account to take deposits and payments online.',
  onboarding: 'Onboarding not finished: Stripe still needs some details.',
  restricted: 'Connected, but Stripe has restricted the account until more details are provided.',
  enabled: 'Connected: payments and payouts are enabled.',
};

/** The business's own Stripe account (Express), onboarded on Stripe's hosted pages. */
export function PaymentsSection() {
  const { session, can } = useAuth();
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
      <Card title="Payments">
        <p className="muted">Loading…</p>
      </Card>
    );
  if (status.isError)
    return (
      <Card title="Payments">
        <ErrorNote error={status.error} />
      </Card>
    );
  const c = status.data;
  return (
    <div id="payments">
      <Card title="Payments">
        <p data-testid="connect-status">{STATUS_TEXT[c.status]}</p>
        {c.requirementsDue.length > 0 && (
          <p className="muted small">Stripe still needs: {c.requirementsDue.join(', ')}</p>
        )}
        <p className="muted small">
          Customers pay into your Stripe account
          {c.applicationFeePercent > 0
            ? `; the platform keeps ${c.applicationFeePercent}% of each payment`
            : ''}
          .
        </p>
        {can('owner') && c.status !== 'enabled' && (
          <div className="form-actions">
            <button
              className="btn btn--primary"
              disabled={onboard.isPending}
              onClick={() => onboard.mutate()}
            >
              {c.status === 'not_connected' ? 'Connect Stripe' : 'Continue onboarding'}
            </button>
          </div>
        )}
        {onboard.error ? <ErrorNote error={onboard.error} /> : null}
      </Card>
    </div>
  );
}
