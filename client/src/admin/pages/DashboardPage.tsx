import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatMoney } from '../../shared/money';
import { Link } from '../../shared/router';
import {
  addDays,
  formatDateTime,
  formatShortDateTime,
  formatTime,
  todayIn,
  zonedTimeToInstant,
} from '../../shared/time';
import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { BookingDialog, STATUS_LABEL } from '../BookingDialog';
import { adminKeys, collect, useProviderList, useServiceList, type AdminBooking } from '../data';
import { Card, PageHeader } from '../ui/kit';

/** Today at a glance: the day's bookings, what needs approval, what is coming, the month's numbers. */
export function DashboardPage() {
  const { session, me } = useAuth();
  const zone = me.tenant.timeZone;
  const today = todayIn(zone);
  const startOfToday = zonedTimeToInstant(today, '00:00', zone).toISOString();
  const startOfTomorrow = zonedTimeToInstant(addDays(today, 1), '00:00', zone).toISOString();
  const inAWeek = zonedTimeToInstant(addDays(today, 8), '00:00', zone).toISOString();
  const [openId, setOpenId] = useState<string | null>(null);
  const services = useServiceList();
  const providers = useProviderList();

  const todays = useQuery({
    queryKey: [...adminKeys.bookings, 'today', today],
    queryFn: () =>
      collect(
        session.sdk.bookings.list({
          query: {
            from: startOfToday,
            to: startOfTomorrow,
            status: ['pending', 'confirmed', 'checked_in', 'completed', 'no_show'],
            limit: 200,
          },
        }),
      ),
  });
  const upcoming = useQuery({
    queryKey: [...adminKeys.bookings, 'upcoming', today],
    queryFn: () =>
      collect(
        session.sdk.bookings.list({
          query: {
            from: startOfTomorrow,
            to: inAWeek,
            status: ['pending', 'confirmed'],
            limit: 200,
          },
        }),
      ),
  });
  const pending = useQuery({
    queryKey: [...adminKeys.bookings, 'pending'],
    queryFn: async () =>
      (await session.sdk.bookings.list({ query: { status: 'pending', limit: 20 } })).items,
  });
  const summary = useQuery({
    queryKey: [...adminKeys.reports, 'dashboard', today],
    queryFn: () => session.sdk.reports.summary({ query: { from: addDays(today, -29), to: today } }),
  });

  const sortByStart = (l: AdminBooking[]) =>
    [...l].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const needsSetup = services.data?.length === 0 || providers.data?.length === 0;
  const revenue = summary.data?.revenue.booked[0];

  return (
    <>
      <PageHeader
        title={`Hello, ${me.user?.name.split(' ')[0] ?? 'there'}`}
        description={`${me.tenant.name} · ${formatDateTime(new Date(), zone, 'en')}`}
      />
      {needsSetup && (
        <Onboarding
          hasServices={Boolean(services.data?.length)}
          hasStaff={Boolean(providers.data?.length)}
          slug={me.tenant.slug}
        />
      )}
      <div className="stats" aria-label="Key numbers">
        <Stat
          label="Today"
          value={
            todays.data ? String(todays.data.filter((b) => b.status !== 'no_show').length) : '…'
          }
          hint="bookings"
        />
        <Stat
          label="Next 7 days"
          value={upcoming.data ? String(upcoming.data.length) : '…'}
          hint="bookings"
        />
        <Stat
          label="Awaiting approval"
          value={pending.data ? String(pending.data.length) : '…'}
          hint="requests"
        />
        <Stat
          label="Revenue, 30 days"
          value={
            summary.data
              ? revenue
                ? formatMoney(revenue.amount, revenue.currency, 'en')
                : formatMoney(0, me.tenant.currency, 'en')
              : '…'
          }
          hint="booked, not cancelled"
        />
        <Stat
          label="No-show rate, 30 days"
          value={summary.data ? `${(summary.data.noShowRate * 100).toFixed(1)}%` : '…'}
          hint={summary.data ? `${summary.data.bookings.total} bookings` : ''}
        />
      </div>
      <div className="dash-grid">
        <Card title="Today" actions={<Link to="/admin/calendar">Open calendar</Link>}>
          <BookingList
            query={todays}
            order={sortByStart}
            empty="Nothing booked today."
            onOpen={setOpenId}
            zone={zone}
            timeOnly
          />
        </Card>
        <Card title="Pending approvals" actions={<Link to="/admin/bookings">All bookings</Link>}>
          <BookingList
            query={pending}
            order={(l) => sortByStart(l).slice(0, 6)}
            empty="No requests waiting."
            onOpen={setOpenId}
            zone={zone}
          />
        </Card>
        <Card title="Coming up">
          <BookingList
            query={upcoming}
            order={(l) => sortByStart(l).slice(0, 6)}
            empty="Nothing in the next 7 days yet."
            onOpen={setOpenId}
            zone={zone}
          />
        </Card>
      </div>
      {openId && <BookingDialog id={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="stat">
      <span className="stat__label">{label}</span>
      <span className="stat__value">{value}</span>
      {hint && <span className="stat__hint">{hint}</span>}
    </div>
  );
}

function BookingList({
  query,
  order,
  empty,
  onOpen,
  zone,
  timeOnly,
}: {
  query: { data?: AdminBooking[]; isPending: boolean; isError: boolean; refetch(): unknown };
  order(l: AdminBooking[]): AdminBooking[];
  empty: string;
  onOpen(id: string): void;
  zone: string;
  timeOnly?: boolean;
}) {
  if (query.isPending) return <Loading label="Loading…" />;
  if (query.isError || !query.data)
    return <ErrorState title="Could not load" onRetry={() => query.refetch()} />;
  const items = order(query.data);
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="agenda">
      {items.map((b) => (
        <li key={b.id}>
          <button type="button" className="agenda__item" onClick={() => onOpen(b.id)}>
            <span className="agenda__time">
              {timeOnly
                ? formatTime(b.start, zone, 'en')
                : formatShortDateTime(b.start, zone, 'en')}
            </span>
            <span className="agenda__main">
              <strong>{b.customer.name}</strong>
              <span className="muted small">
                {b.service.name} · {b.provider.name}
              </span>
            </span>
            <span className={`badge badge--${b.status}`}>{STATUS_LABEL[b.status]}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Onboarding({
  hasServices,
  hasStaff,
  slug,
}: {
  hasServices: boolean;
  hasStaff: boolean;
  slug: string;
}) {
  return (
    <Card title="Get your booking page ready" className="onboarding">
      <ol className="checklist">
        <li className={hasServices ? 'done' : ''}>
          <Link to="/admin/services">Add a service</Link>{' '}
          <span className="muted">— what customers book, with its duration and price</span>
        </li>
        <li className={hasStaff ? 'done' : ''}>
          <Link to="/admin/staff">Add staff and their weekly hours</Link>{' '}
          <span className="muted">— when they can be booked</span>
        </li>
        <li>
          <a href={`/book/${slug}`} target="_blank" rel="noreferrer">
            Open your booking page
          </a>{' '}
          <span className="muted">— then share the link or embed it on your site (Settings)</span>
        </li>
      </ol>
    </Card>
  );
}
