import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  DEFAULT_REPORT_FUTURE_DAYS,
  DEFAULT_REPORT_PAST_DAYS,
  type ReportSummary,
} from '@slotwise/contracts';
import { useI18n, type MessageKey } from '../../shared/i18n';
import { formatMoney } from '../../shared/money';
import { addDays, daysBetween, todayIn } from '../../shared/time';
import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { ColumnChart, formatPercent, HBarChart, HeatMap, RatioRing } from '../charts/charts';
import { adminKeys } from '../data';
import { download } from '../download';
import { ReportLocationFilter } from './locations/ReportLocationFilter';
import { apiMessage, Card, PageHeader, useToast } from '../ui/kit';
import { reportSeries } from './reports/series';

/** Days before and after today; the default (the server's too) shows the coming weeks as well. */
const PRESETS: { label: MessageKey; past: number; ahead: number }[] = [
  {
    label: 'admin.reports.preset.default',
    past: DEFAULT_REPORT_PAST_DAYS,
    ahead: DEFAULT_REPORT_FUTURE_DAYS,
  },
  { label: 'admin.reports.preset.next4Weeks', past: 0, ahead: DEFAULT_REPORT_FUTURE_DAYS },
  { label: 'admin.reports.preset.last7', past: 6, ahead: 0 },
  { label: 'admin.reports.preset.last30', past: 29, ahead: 0 },
  { label: 'admin.reports.preset.last90', past: 89, ahead: 0 },
];
const STATUS_COLORS: Record<string, string> = {
  pending_payment: '#ca8a04',
  pending: '#d97706',
  confirmed: '#2563eb',
  checked_in: '#7c3aed',
  completed: '#059669',
  cancelled: '#6b7280',
  no_show: '#dc2626',
};

type Money = { amount: number; currency: string }[];

export function ReportsPage() {
  const { session, me } = useAuth();
  const { t, locale } = useI18n();
  const zone = me.tenant.timeZone;
  const notify = useToast();
  const today = todayIn(zone);
  const [range, setRange] = useState({
    from: addDays(today, -DEFAULT_REPORT_PAST_DAYS),
    to: addDays(today, DEFAULT_REPORT_FUTURE_DAYS),
  });
  const valid = range.from <= range.to && daysBetween(range.from, range.to) < 366;
  const [place, setPlace] = useState<{ id: string; providerIds: string[] } | null>(null);

  const summary = useQuery({
    queryKey: [...adminKeys.reports, 'summary', range, place?.id],
    enabled: valid,
    queryFn: () =>
      session.sdk.reports.summary({
        query: { ...range, ...(place ? { locationId: place.id } : {}) },
      }),
  });
  const csv = useMutation({
    mutationFn: () => session.sdk.reports.bookingsCsv({ query: range }),
    onSuccess: (text) =>
      download(`bookings-${range.from}-to-${range.to}.csv`, String(text), 'text/csv'),
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  const s = summary.data;
  const money = (list: Money | undefined) =>
    list?.length
      ? list.map((m) => formatMoney(m.amount, m.currency, locale)).join(' + ')
      : formatMoney(0, me.tenant.currency, locale);

  return (
    <>
      <PageHeader
        title={t('admin.reports.title')}
        description={t('admin.reports.description', { zone })}
        actions={
          <button
            type="button"
            className="btn btn--secondary"
            onClick={() => csv.mutate()}
            disabled={!valid || csv.isPending}
          >
            {csv.isPending ? t('admin.reports.exporting') : t('admin.reports.exportCsv')}
          </button>
        }
      />
      <div className="filters" role="group" aria-label={t('admin.reports.period')}>
        <label>
          <span>{t('admin.reports.from')}</span>
          <input
            className="input"
            type="date"
            value={range.from}
            max={range.to}
            onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
          />
        </label>
        <label>
          <span>{t('admin.reports.to')}</span>
          <input
            className="input"
            type="date"
            value={range.to}
            min={range.from}
            onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
          />
        </label>
        <ReportLocationFilter value={place?.id ?? null} onChange={(_id, l) => setPlace(l)} />
        <div className="segmented" role="group" aria-label={t('admin.reports.presets')}>
          {PRESETS.map((p) => (
            <button
              key={p.label}
              type="button"
              className="segmented__btn"
              onClick={() =>
                setRange({ from: addDays(today, -p.past), to: addDays(today, p.ahead) })
              }
            >
              {t(p.label)}
            </button>
          ))}
        </div>
      </div>
      {!valid ? (
        <ErrorState title={t('admin.reports.invalidRange')} />
      ) : summary.isPending ? (
        <Loading label={t('admin.reports.loading')} />
      ) : summary.isError || !s ? (
        <ErrorState
          title={t('admin.reports.loadError')}
          message={apiMessage(summary.error)}
          onRetry={() => summary.refetch()}
        />
      ) : (
        <Report s={s} money={money} currency={me.tenant.currency} />
      )}
    </>
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="stat">
      <span className="stat__label">{label}</span>
      <span className="stat__value">{value}</span>
      {detail && <span className="muted small">{detail}</span>}
    </div>
  );
}

/**
 * The figures: collected money from the payments ledger next to what the bookings are worth at
 * their prices (ADR 0017); without payments only the booking values, said so.
 */
function Report({
  s,
  money,
  currency,
}: {
  s: ReportSummary;
  money: (list: Money | undefined) => string;
  currency: string;
}) {
  const { t, locale } = useI18n();
  const r = s.revenue;
  const series = reportSeries(s.daily, locale, currency);
  return (
    <div className="stack">
      <p className="muted small">
        {r.paymentsInUse ? t('admin.reports.moneyRule') : t('admin.reports.noPayments')}
      </p>
      <div className="stats">
        <Stat label={t('admin.reports.stat.bookings')} value={String(s.bookings.total)} />
        {r.paymentsInUse && (
          <Stat
            label={t('admin.reports.stat.collected')}
            value={money(r.collected.net)}
            detail={t('admin.reports.stat.collectedDetail', {
              captured: money(r.collected.captured),
              fees: money(r.collected.fees),
              refunded: money(r.collected.refunded),
            })}
          />
        )}
        <Stat label={t('admin.reports.stat.booked')} value={money(r.booked)} />
        <Stat label={t('admin.reports.stat.completed')} value={money(r.completed)} />
        <Stat
          label={t('admin.reports.stat.upcoming')}
          value={money(r.upcomingDue)}
          detail={t('admin.reports.stat.upcomingDetail', { upcoming: money(r.upcoming) })}
        />
        <Stat
          label={t('admin.reports.stat.noShows')}
          value={`${s.bookings.byStatus.no_show ?? 0} · ${money(r.noShow)}`}
        />
        <Stat
          label={t('admin.reports.stat.cancellationRate')}
          value={formatPercent(s.cancellationRate, locale)}
        />
      </div>
      <div className="chart-grid">
        <Card
          title={t(series.byMonth ? 'admin.reports.chart.perMonth' : 'admin.reports.chart.perDay')}
          className="span-2"
        >
          <ColumnChart
            title={t(
              series.byMonth ? 'admin.reports.chart.perMonth' : 'admin.reports.chart.perDay',
            )}
            points={series.bookings}
          />
        </Card>
        {r.paymentsInUse && (
          <Card
            title={t(
              series.byMonth
                ? 'admin.reports.chart.collectedPerMonth'
                : 'admin.reports.chart.collectedPerDay',
            )}
            className="span-2"
          >
            <ColumnChart
              title={t(
                series.byMonth
                  ? 'admin.reports.chart.collectedPerMonth'
                  : 'admin.reports.chart.collectedPerDay',
              )}
              points={series.collected}
              format={series.formatMoney}
            />
          </Card>
        )}
        <Card title={t('admin.reports.chart.byStatus')}>
          <HBarChart
            title={t('admin.reports.chart.byStatus')}
            bars={Object.entries(s.bookings.byStatus)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => ({
                label: t(`admin.reports.status.${k}` as MessageKey),
                value: n,
                color: STATUS_COLORS[k],
              }))}
          />
        </Card>
        <Card title={t('admin.reports.chart.noShowRate')}>
          <RatioRing
            title={t('admin.reports.chart.noShowRate')}
            ratio={s.noShowRate}
            caption={t('admin.reports.chart.noShowCaption', { count: s.bookings.total })}
            color="#dc2626"
          />
        </Card>
        <Card title={t('admin.reports.chart.byService')}>
          <HBarChart
            title={t('admin.reports.chart.byService')}
            bars={s.topServices.map((x) => ({
              label: x.name,
              value: x.revenue[0]?.amount ?? 0,
              display: money(x.revenue),
            }))}
          />
        </Card>
        <Card title={t('admin.reports.chart.utilisation')}>
          <HBarChart
            title={t('admin.reports.chart.utilisationTitle')}
            max={100}
            bars={s.utilisation.map((u) => ({
              label: u.name,
              value: u.rate === null ? 0 : Math.round(u.rate * 1000) / 10,
              display:
                u.rate === null ? t('admin.reports.chart.noHours') : formatPercent(u.rate, locale),
            }))}
          />
        </Card>
        <Card title={t('admin.reports.chart.busyHours')} className="span-2">
          <HeatMap title={t('admin.reports.chart.busyHoursTitle')} cells={s.busyHours} />
        </Card>
      </div>
    </div>
  );
}
