import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { apiMessage, useToast } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

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
  const { t } = useI18n();
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
      notify(t('admin.webhooks.log.queued'));
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  if (log.isPending) return <Loading label={t('admin.webhooks.log.loading')} />;
  if (log.isError)
    return (
      <ErrorState
        title={t('admin.webhooks.log.loadError')}
        message={apiMessage(log.error)}
        onRetry={() => log.refetch()}
      />
    );
  return (
    <section aria-label={t('admin.webhooks.log.title')}>
      <h2>{t('admin.webhooks.log.title')}</h2>
      {log.data.items.length === 0 ? (
        <Empty title={t('admin.webhooks.log.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.webhooks.log.colEvent')}</th>
                <th scope="col">{t('admin.webhooks.log.colStatus')}</th>
                <th scope="col">{t('admin.webhooks.log.colAttempts')}</th>
                <th scope="col">{t('admin.webhooks.log.colAnswer')}</th>
                <th scope="col">{t('admin.webhooks.log.colCreated')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.webhooks.colActions')}</span>
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
                      {t(`admin.webhooks.status.${d.status}`)}
                    </span>
                    {d.status === 'pending' && d.nextAttemptAt && (
                      <div className="muted small">
                        {t('admin.webhooks.log.next', { when: when(d.nextAttemptAt) })}
                      </div>
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
                      {t('admin.webhooks.log.redeliver')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && detail.data && (
        <div aria-label={t('admin.webhooks.log.attempts')}>
          <h3>{t('admin.webhooks.log.attemptsOf', { event: detail.data.eventId })}</h3>
          <ol>
            {detail.data.attemptLog.map((a) => (
              <li key={`${a.attempt}-${a.startedAt}`}>
                {t('admin.webhooks.log.attempt', {
                  when: when(a.startedAt),
                  answer: a.responseStatus ?? t('admin.webhooks.log.noAnswer'),
                  ms: a.durationMs,
                })}
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
