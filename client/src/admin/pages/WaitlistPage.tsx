import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatShortDateTime } from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { apiMessage, PageHeader, useToast } from '../ui/kit';
import { OfferTime } from './waitlist/OfferTime';

const STATUS = {
  waiting: 'Waiting',
  notified: 'Told of a free time',
  booked: 'Booked',
  cancelled: 'Removed',
};
const key = ['admin', 'waitlist'];

/** Customers waiting for a time, first come first served; staff offer them a freed one. */
export function WaitlistPage() {
  const { session, me, can } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [offering, setOffering] = useState<string | null>(null);
  const list = useQuery({
    queryKey: key,
    queryFn: () => session.sdk.admin.waitlist.list({ query: { limit: 100 } }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => session.sdk.admin.waitlist.remove({ params: { id } }),
    onSuccess: () => {
      notify('Removed from the waitlist');
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const active = (list.data?.items ?? []).filter(
    (e) => e.status === 'waiting' || e.status === 'notified',
  );
  return (
    <>
      <PageHeader
        title="Waitlist"
        description="Customers who found no time that suits them. When one frees up, offer it."
      />
      {list.isPending ? (
        <Loading label="Loading the waitlist…" />
      ) : list.isError ? (
        <ErrorState
          title="Could not load the waitlist"
          message={apiMessage(list.error)}
          onRetry={() => list.refetch()}
        />
      ) : active.length === 0 ? (
        <Empty title="Nobody is waiting" />
      ) : (
        <ul className="booking-cards" aria-label="Waiting customers">
          {active.map((e) => (
            <li key={e.id} className="booking-card">
              <div className="booking-card__head">
                <strong>{e.customer.name}</strong>
                <span className="badge">{STATUS[e.status]}</span>
              </div>
              <p className="muted small">
                {e.service.name} · {e.fromDate} to {e.toDate} ·{' '}
                {e.customer.email ?? e.customer.phone} · since{' '}
                {formatShortDateTime(e.createdAt, me.tenant.timeZone, 'en')}
              </p>
              {can('staff') && (
                <div className="booking-card__actions">
                  <button
                    type="button"
                    className="btn btn--primary btn--small"
                    aria-expanded={offering === e.id}
                    onClick={() => setOffering(offering === e.id ? null : e.id)}
                  >
                    Offer a time
                  </button>
                  <button
                    type="button"
                    className="btn btn--ghost btn--small danger-text"
                    disabled={remove.isPending}
                    onClick={() =>
                      window.confirm(`Remove ${e.customer.name} from the waitlist?`) &&
                      remove.mutate(e.id)
                    }
                  >
                    Remove
                  </button>
                </div>
              )}
              {offering === e.id && <OfferTime entry={e} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
