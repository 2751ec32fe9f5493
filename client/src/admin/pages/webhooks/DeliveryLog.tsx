import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { apiMessage, useToast } from '../../ui/kit';

/** One endpoint's deliveries, newest first, with each one's attempts and a Redeliver button. */
export function DeliveryLog({
  endpointId,
  when,
}: {
  endpointId: string;
  when: (iso: string | null) => string;
}) {
  const { session } = useAuth();
  const notify = useToast();
  const queryClient = useQueryClient();
  const log = useQuery({
    queryKey: ['admin', 'webhook-deliveries', endpointId],
    queryFn: () => session.sdk.webhookDeliveries.list({ query: { endpointId, limit: 50 } }),
  });
  const [open, setOpen] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['admin', 'webhook-delivery', open],
    enabled: open !== null,
    queryFn: () => session.sdk.webhookDeliveries.get({ params: { id: open! } }),
  });
  const redeliver = useMutation({
    mutationFn: (id: string) =>
      session.sdk.webhookDeliveries.redeliver({ params: { id }, body: {} }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
      notify('Queued again');
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  if (log.isPending) return <Loading label="Loading deliveries…" />;
  if (log.isError)
    return (
      <ErrorState
        title="Could not load deliveries"
        message={apiMessage(log.error)}
        onRetry={() => log.refetch()}
      />
    );
  return (
    <section aria-label="Deliveries">
      <h2>Deliveries</h2>
      {log.data.items.length === 0 ? (
        <Empty title="Nothing delivered yet" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((d) => (
                <tr key={d.id} aria-label={`${d.eventType} ${d.eventId}`}>
                  <td>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => setOpen(open === d.id ? null : d.id)}
                    >
                      {d.eventType}
                    </button>
                    <div className="muted small">{d.eventId}</div>
                  </td>
                  <td>
                    <span
                      className={`badge badge--${d.status === 'succeeded' ? 'confirmed' : d.status === 'failed' ? 'cancelled' : 'pending'}`}
                    >
                      {d.status}
                    </span>
                    {d.status === 'pending' && d.nextAttemptAt && (
                      <div className="muted small">next {when(d.nextAttemptAt)}</div>
                    )}
                  </td>
                  <td>{d.attempts}</td>
                  <td>{d.responseStatus ?? d.lastError ?? '—'}</td>
                  <td>{when(d.createdAt)}</td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => redeliver.mutate(d.id)}
                    >
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && detail.data && (
        <div aria-label="Attempts">
          <h3>Attempts of {detail.data.eventId}</h3>
          <ol>
            {detail.data.attemptLog.map((a) => (
              <li key={`${a.attempt}-${a.startedAt}`}>
                {when(a.startedAt)}: {a.responseStatus ?? 'no answer'} in {a.durationMs} ms
                {a.error ? ` (${a.error})` : ''}
                {a.responseExcerpt && <pre className="small">{a.responseExcerpt}</pre>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
