import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../shared/i18n';
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
import { BookingDialog, statusKey } from '../BookingDialog';
import { adminKeys, collect, useProviderList, useServiceList, type AdminBooking } from '../data';
import { Card, PageHeader } from '../ui/kit';

/** Today at a glance: the day's bookings, what needs approval, what is coming, the month's numbers. */
export function DashboardPage() {
  const { session, me } = useAuth();
  const { t, locale } = useI18n();
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
        title={
          me.user
            ? t('admin.dashboard.hello', { name: me.user.name.split(' ')[0] ?? '' })
            : t('admin.dashboard.helloThere')
        }
        description={`${me.tenant.name} · ${formatDateTime(new Date(), zone, locale)}`}
      />
      {needsSetup && (
        <Onboarding
          hasServices={Boolean(services.data?.length)}
          hasStaff={Boolean(providers.data?.length)}
          slug={me.tenant.slug}
        />
      )}
      <div className="stats" aria-label={t('admin.dashboard.keyNumbers')}>
        <Stat
          label={t('admin.dashboard.today')}
          value={
            todays.data ? String(todays.data.filter((b) => b.status !== 'no_show').length) : '…'
          }
          hint={t('admin.dashboard.bookingsHint')}
        />
        <Stat
          label={t('admin.dashboard.next7')}
          value={upcoming.data ? String(upcoming.data.length) : '…'}
          hint={t('admin.dashboard.bookingsHint')}
        />
        <Stat
          label={t('admin.dashboard.awaiting')}
          value={pending.data ? String(pending.data.length) : '…'}
          hint={t('admin.dashboard.requestsHint')}
        />
        <Stat
          label={t('admin.dashboard.revenue')}
          value={
            summary.data
              ? revenue
                ? formatMoney(revenue.amount, revenue.currency, locale)
                : formatMoney(0, me.tenant.currency, locale)
              : '…'
          }
          hint={t('admin.dashboard.revenueHint')}
        />
        <Stat
          label={t('admin.dashboard.noShowRate')}
          value={
            summary.data
              ? new Intl.NumberFormat(locale, {
                  style: 'percent',
                  minimumFractionDigits: 1,
                  maximumFractionDigits: 1,
                }).format(summary.data.noShowRate)
              : '…'
          }
          hint={
            summary.data
              ? t('admin.dashboard.totalBookings', { count: summary.data.bookings.total })
              : ''
          }
        />
      </div>
      <div className="dash-grid">
        <Card
          title={t('admin.dashboard.today')}
          actions={<Link to="/admin/calendar">{t('admin.dashboard.openCalendar')}</Link>}
        >
          <BookingList
            query={todays}
            order={sortByStart}
            empty={t('admin.dashboard.nothingToday')}
            onOpen={setOpenId}
            zone={zone}
            timeOnly
          />
        </Card>
        <Card
          title={t('admin.dashboard.pendingApprovals')}
          actions={<Link to="/admin/bookings">{t('admin.dashboard.allBookings')}</Link>}
        >
          <BookingList
            query={pending}
            order={(l) => sortByStart(l).slice(0, 6)}
            empty={t('admin.dashboard.noRequests')}
            onOpen={setOpenId}
            zone={zone}
          />
        </Card>
        <Card title={t('admin.dashboard.comingUp')}>
          <BookingList
            query={upcoming}
            order={(l) => sortByStart(l).slice(0, 6)}
            empty={t('admin.dashboard.nothingSoon')}
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
  const { t, locale } = useI18n();
  if (query.isPending) return <Loading label={t('admin.common.loading')} />;
  if (query.isError || !query.data)
    return (
      <ErrorState
        title={t('admin.dashboard.loadError')}
        retryLabel={t('admin.common.tryAgain')}
        onRetry={() => query.refetch()}
      />
    );
  const items = order(query.data);
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="agenda">
      {items.map((b) => (
        <li key={b.id}>
          <button type="button" className="agenda__item" onClick={() => onOpen(b.id)}>
            <span className="agenda__time">
              {timeOnly
                ? formatTime(b.start, zone, locale)
                : formatShortDateTime(b.start, zone, locale)}
            </span>
            <span className="agenda__main">
              <strong>{b.customer.name}</strong>
              <span className="muted small">
                {b.service.name} · {b.provider.name}
              </span>
            </span>
            <span className={`badge badge--${b.status}`}>{t(statusKey(b.status))}</span>
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
  const { t } = useI18n();
  return (
    <Card title={t('admin.dashboard.setupTitle')} className="onboarding">
      <ol className="checklist">
        <li className={hasServices ? 'done' : ''}>
          <Link to="/admin/services">{t('admin.dashboard.addService')}</Link>{' '}
          <span className="muted">{t('admin.dashboard.addServiceHint')}</span>
        </li>
        <li className={hasStaff ? 'done' : ''}>
          <Link to="/admin/staff">{t('admin.dashboard.addStaff')}</Link>{' '}
          <span className="muted">{t('admin.dashboard.addStaffHint')}</span>
        </li>
        <li>
          <a href={`/book/${slug}`} target="_blank" rel="noreferrer">
            {t('admin.dashboard.openPage')}
          </a>{' '}
          <span className="muted">{t('admin.dashboard.openPageHint')}</span>
        </li>
      </ol>
    </Card>
  );
}
