import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useI18n, type MessageKey } from '../../shared/i18n';
import { formatMoney } from '../../shared/money';
import { navigate } from '../../shared/router';
import { formatShortDateTime, todayIn } from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { BookingDialog, statusKey } from '../BookingDialog';
import { adminKeys, type AdminBooking, type CreatedBooking } from '../data';
import { BookingCreatedNotice, NewBookingDialog } from '../NewBookingDialog';
import { apiMessage, PageHeader, useToast } from '../ui/kit';
import { PHONE, useMediaQuery } from '../ui/use-media-query';
import { BookingCards } from './bookings/BookingCards';
import { BookingFilters, defaultFilters } from './bookings/BookingFilters';

const QUICK: {
  action: 'approve' | 'complete' | 'check_in';
  method: 'approve' | 'complete' | 'checkIn';
  label: MessageKey;
}[] = [
  { action: 'approve', method: 'approve', label: 'admin.bookings.action.approve' },
  { action: 'check_in', method: 'checkIn', label: 'admin.bookings.action.check_in' },
  { action: 'complete', method: 'complete', label: 'admin.bookings.action.complete' },
];

/** Every booking, upcoming first in appointment order, searchable and sortable; quick lifecycle actions inline, the rest in the detail. */
export function BookingsPage({ openId }: { openId?: string }) {
  const { session, me, can } = useAuth();
  const zone = me.tenant.timeZone;
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState(() => defaultFilters(todayIn(zone)));
  const phone = useMediaQuery(PHONE);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedBooking | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);

  const list = useInfiniteQuery({
    queryKey: [...adminKeys.bookings, 'table', filters],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    queryFn: async ({ pageParam }: { pageParam: string | undefined }) =>
      session.sdk.bookings.list({
        query: {
          limit: 50,
          ...(pageParam ? { cursor: pageParam } : {}),
          sort: filters.sort,
          ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
          ...(filters.status ? { status: filters.status } : {}),
          ...(filters.providerId ? { providerId: filters.providerId } : {}),
          ...(filters.serviceId ? { serviceId: filters.serviceId } : {}),
          ...(filters.from ? { from: filters.from } : {}),
          ...(filters.to ? { to: filters.to } : {}),
        },
      }),
  });

  const quick = useMutation({
    mutationFn: ({ b, q }: { b: AdminBooking; q: (typeof QUICK)[number] }) =>
      session.sdk.bookings[q.method]({ params: { id: b.id }, body: {} }),
    onSuccess: (b, { q }) => {
      notify(t('admin.bookings.actionDone', { action: t(q.label), name: b.customer.name }));
      void queryClient.invalidateQueries({ queryKey: adminKeys.bookings });
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const quickActions = (b: AdminBooking) =>
    can('staff') &&
    QUICK.filter((q) => b.allowedActions.includes(q.action)).map((q) => (
      <button
        key={q.action}
        type="button"
        className="btn btn--secondary btn--small"
        disabled={quick.isPending}
        onClick={() => quick.mutate({ b, q })}
        aria-label={t('admin.bookings.quickLabel', {
          action: t(q.label),
          name: b.customer.name,
          when: formatShortDateTime(b.start, zone, locale),
        })}
      >
        {t(q.label)}
      </button>
    ));
  const loadMore = list.hasNextPage && (
    <div className="load-more">
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => list.fetchNextPage()}
        disabled={list.isFetchingNextPage}
      >
        {list.isFetchingNextPage ? t('admin.common.loading') : t('admin.common.loadMore')}
      </button>
    </div>
  );
  return (
    <>
      <PageHeader
        title={t('admin.bookings.title')}
        description={t('admin.bookings.description', { zone })}
        actions={
          can('staff') && (
            <button
              type="button"
              className="btn btn--primary"
              ref={newButton}
              onClick={() => setCreating(true)}
            >
              {t('admin.bookings.new')}
            </button>
          )
        }
      />
      {created && <BookingCreatedNotice booking={created} onDismiss={() => setCreated(null)} />}
      <BookingFilters value={filters} onChange={setFilters} />
      {list.isPending ? (
        <Loading label={t('admin.bookings.loading')} />
      ) : list.isError ? (
        <ErrorState
          title={t('admin.bookings.loadError')}
          retryLabel={t('admin.common.tryAgain')}
          message={apiMessage(list.error)}
          onRetry={() => list.refetch()}
        />
      ) : rows.length === 0 ? (
        <Empty title={t('admin.bookings.emptyTitle')}>
          <p>{t('admin.bookings.emptyHint', { slug: me.tenant.slug })}</p>
        </Empty>
      ) : phone ? (
        <>
          <BookingCards rows={rows} zone={zone} actions={quickActions} />
          {loadMore}
        </>
      ) : (
        <div className="table-wrap">
          <table className="table table--hover">
            <caption className="sr-only">{t('admin.bookings.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.bookings.col.when')}</th>
                <th scope="col">{t('admin.bookings.col.customer')}</th>
                <th scope="col">{t('admin.bookings.col.service')}</th>
                <th scope="col">{t('admin.bookings.col.with')}</th>
                <th scope="col">{t('admin.bookings.col.price')}</th>
                <th scope="col">{t('admin.bookings.col.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.bookings.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id}>
                  <td>
                    <button
                      type="button"
                      className="link-btn"
                      onClick={() => navigate(`/admin/bookings/${b.id}`)}
                    >
                      {formatShortDateTime(b.start, zone, locale)}
                    </button>
                    <div className="muted small mono">{b.code}</div>
                  </td>
                  <td>
                    {b.customer.name}
                    <div className="muted small">{b.customer.email ?? b.customer.phone}</div>
                  </td>
                  <td>{b.service.name}</td>
                  <td>{b.provider.name}</td>
                  <td>{formatMoney(b.priceCents, b.currency, locale)}</td>
                  <td>
                    <span className={`badge badge--${b.status}`}>{t(statusKey(b.status))}</span>
                    {b.payment && (
                      <span
                        className={`badge badge--${b.payment.due > 0 && b.payment.paid === 0 ? 'pending' : 'confirmed'}`}
                        data-testid="payment-badge"
                        title={t('admin.bookings.paidRefunded', {
                          paid: formatMoney(b.payment.paid, b.payment.currency, locale),
                          refunded: formatMoney(b.payment.refunded, b.payment.currency, locale),
                        })}
                      >
                        {b.payment.paid > 0
                          ? t('admin.bookings.paidAmount', {
                              amount: formatMoney(b.payment.paid, b.payment.currency, locale),
                            })
                          : b.payment.state === 'card_saved' || b.payment.state === 'authorized'
                            ? t('admin.bookings.cardHeld')
                            : t('admin.bookings.unpaid')}
                      </span>
                    )}
                  </td>
                  <td className="cell-actions">{quickActions(b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {loadMore}
        </div>
      )}
      {openId && <BookingDialog id={openId} onClose={() => navigate('/admin/bookings')} />}
      {creating && (
        <NewBookingDialog
          onClose={() => {
            setCreating(false);
            // Back to the opener once the modal (which makes the page inert) is gone.
            requestAnimationFrame(() => newButton.current?.focus());
          }}
          onCreated={(b) => {
            setCreating(false);
            setCreated(b);
          }}
        />
      )}
    </>
  );
}
