import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatLocalDate, formatShortDateTime } from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { apiMessage, PageHeader, useToast } from '../ui/kit';
import { OfferTime } from './waitlist/OfferTime';
import { useI18n } from '../../shared/i18n';

const key = ['admin', 'waitlist'];

/** Customers waiting for a time, first come first served; staff offer them a freed one. */
export function WaitlistPage() {
  const { session, me, can } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t, locale } = useI18n();
  const [offering, setOffering] = useState<string | null>(null);
  const list = useQuery({
    queryKey: key,
    queryFn: () => session.sdk.admin.waitlist.list({ query: { limit: 100 } }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => session.sdk.admin.waitlist.remove({ params: { id } }),
    onSuccess: () => {
      notify(t('admin.waitlist.removed'));
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
        title={t('admin.waitlist.title')}
        description={t('admin.waitlist.description')}
      />
      {list.isPending ? (
        <Loading label={t('admin.waitlist.loading')} />
      ) : list.isError ? (
        <ErrorState
          title={t('admin.waitlist.loadError')}
          message={apiMessage(list.error)}
          onRetry={() => list.refetch()}
        />
      ) : active.length === 0 ? (
        <Empty title={t('admin.waitlist.empty')} />
      ) : (
        <ul className="booking-cards" aria-label={t('admin.waitlist.list')}>
          {active.map((e) => (
            <li key={e.id} className="booking-card">
              <div className="booking-card__head">
                <strong>{e.customer.name}</strong>
                <span className="badge">{t(`admin.waitlist.status.${e.status}`)}</span>
              </div>
              <p className="muted small">
                {e.service.name} ·{' '}
                {t('admin.waitlist.range', {
                  from: formatLocalDate(e.fromDate, locale, 'short'),
                  to: formatLocalDate(e.toDate, locale, 'short'),
                })}{' '}
                · {e.customer.email ?? e.customer.phone} ·{' '}
                {t('admin.waitlist.since', {
                  when: formatShortDateTime(e.createdAt, me.tenant.timeZone, locale),
                })}
              </p>
              {can('staff') && (
                <div className="booking-card__actions">
                  <button
                    type="button"
                    className="btn btn--primary btn--small"
                    aria-expanded={offering === e.id}
                    onClick={() => setOffering(offering === e.id ? null : e.id)}
                  >
                    {t('admin.waitlist.offer')}
                  </button>
                  <button
                    type="button"
                    className="btn btn--ghost btn--small danger-text"
                    disabled={remove.isPending}
                    onClick={() =>
                      window.confirm(t('admin.waitlist.removeConfirm', { name: e.customer.name })) &&
                      remove.mutate(e.id)
                    }
                  >
                    {t('admin.waitlist.remove')}
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
