import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { formatMoney } from '../../shared/money';
import { navigate } from '../../shared/router';
import { formatShortDateTime, todayIn } from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { BookingDialog, STATUS_LABEL } from '../BookingDialog';
import { adminKeys, type AdminBooking, type CreatedBooking } from '../data';
import { BookingCreatedNotice, NewBookingDialog } from '../NewBookingDialog';
import { apiMessage, PageHeader, useToast } from '../ui/kit';
import { PHONE, useMediaQuery } from '../ui/use-media-query';
import { BookingCards } from './bookings/BookingCards';
import { BookingFilters, defaultFilters } from './bookings/BookingFilters';

const QUICK: {
  action: 'approve' | 'complete' | 'check_in';
  method: 'approve' | 'complete' | 'checkIn';
  label: string;
}[] = [
  { action: 'approve', method: 'approve', label: 'Approve' },
  { action: 'check_in', method: 'checkIn', label: 'Check in' },
  { action: 'complete', method: 'complete', label: 'Complete' },
];

/** Every booking, upcoming first in appointment order, searchable and sortable; quick lifecycle actions inline, the rest in the detail. */
export function BookingsPage({ openId }: { openId?: string }) {
  const { session, me, can } = useAuth();
  const zone = me.tenant.timeZone;
  const queryClient = useQueryClient();
  const notify = useToast();
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
      notify(`${q.label}: ${b.customer.name}`);
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
        aria-label={`${q.label} ${b.customer.name} ${formatShortDateTime(b.start, zone, 'en')}`}
      >
        {q.label}
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
        {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
  return (
    <>
      <PageHeader
        title="Bookings"
        description={`All appointments; times in ${zone}.`}
        actions={
          can('staff') && (
            <button
              type="button"
              className="btn btn--primary"
              ref={newButton}
              onClick={() => setCreating(true)}
            >
              New booking
            </button>
          )
        }
      />
      {created && <BookingCreatedNotice booking={created} onDismiss={() => setCreated(null)} />}
      <BookingFilters value={filters} onChange={setFilters} />
      {list.isPending ? (
        <Loading label="Loading bookings…" />
      ) : list.isError ? (
        <ErrorState
          title="Could not load bookings"
          message={apiMessage(list.error)}
          onRetry={() => list.refetch()}
        />
      ) : rows.length === 0 ? (
        <Empty title="No bookings match">
          <p>Share your booking page (/book/{me.tenant.slug}) to get the first ones.</p>
        </Empty>
      ) : phone ? (
        <>
          <BookingCards rows={rows} zone={zone} actions={quickActions} />
          {loadMore}
        </>
      ) : (
        <div className="table-wrap">
          <table className="table table--hover">
            <caption className="sr-only">Bookings</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Customer</th>
                <th scope="col">Service</th>
                <th scope="col">With</th>
                <th scope="col">Price</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
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
                      {formatShortDateTime(b.start, zone, 'en')}
                    </button>
                    <div className="muted small mono">{b.code}</div>
                  </td>
                  <td>
                    {b.customer.name}
                    <div className="muted small">{b.customer.email ?? b.customer.phone}</div>
                  </td>
                  <td>{b.service.name}</td>
                  <td>{b.provider.name}</td>
                  <td>{formatMoney(b.priceCents, b.currency, 'en')}</td>
                  <td>
                    <span className={`badge badge--${b.status}`}>{STATUS_LABEL[b.status]}</span>
                    {b.payment && (
                      <span
                        className={`badge badge--${b.payment.due > 0 && b.payment.paid === 0 ? 'pending' : 'confirmed'}`}
                        data-testid="payment-badge"
                        title={`Paid ${formatMoney(b.payment.paid, b.payment.currency, 'en')}, refunded ${formatMoney(b.payment.refunded, b.payment.currency, 'en')}`}
                      >
                        {b.payment.paid > 0 ? `Paid ${formatMoney(b.payment.paid, b.payment.currency, 'en')}` : b.payment.state === 'card_saved' || b.payment.state === 'authorized' ? 'Card held' : 'Unpaid'}
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
