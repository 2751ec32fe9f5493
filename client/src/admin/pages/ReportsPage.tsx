import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DEFAULT_REPORT_FUTURE_DAYS, DEFAULT_REPORT_PAST_DAYS } from '@slotwise/contracts';
import { formatMoney } from '../../shared/money';
import { addDays, daysBetween, formatLocalDate, localDateOf, todayIn } from '../../shared/time';
import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { STATUS_LABEL } from '../BookingDialog';
import { ColumnChart, HBarChart, HeatMap, RatioRing } from '../charts/charts';
import { adminKeys } from '../data';
import { download } from '../download';
import { ReportLocationFilter } from './locations/ReportLocationFilter';
import { apiMessage, Card, PageHeader, useToast } from '../ui/kit';

/** Days before and after today; the default (the server's too) shows the coming weeks as well. */
const PRESETS = [
  {
    label: 'Last 30 days + next 4 weeks',
    past: DEFAULT_REPORT_PAST_DAYS,
    ahead: DEFAULT_REPORT_FUTURE_DAYS,
  },
  { label: 'Next 4 weeks', past: 0, ahead: DEFAULT_REPORT_FUTURE_DAYS },
  { label: 'Last 7 days', past: 6, ahead: 0 },
  { label: 'Last 30 days', past: 29, ahead: 0 },
  { label: 'Last 90 days', past: 89, ahead: 0 },
];
const STATUS_COLORS: Record<string, string> = {
  pending: '#d97706',
  confirmed: '#2563eb',
  checked_in: '#7c3aed',
  completed: '#059669',
  cancelled: '#6b7280',
  no_show: '#dc2626',
};
/** Enough to chart a busy month day by day without paging forever. */
const MAX_DAILY_ITEMS = 2000;

export function ReportsPage() {
  const { session, me } = useAuth();
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
  const daily = useQuery({
    queryKey: [...adminKeys.reports, 'daily', range, place?.id],
    enabled: valid,
    queryFn: async () => {
      const counts = new Map<string, number>();
      let n = 0;
      for await (const b of session.sdk.bookings.list({
        query: { from: range.from, to: range.to, limit: 200 },
      })) {
        if (b.status !== 'cancelled' && (!place || place.providerIds.includes(b.provider.id)))
          counts.set(localDateOf(b.start, zone), (counts.get(localDateOf(b.start, zone)) ?? 0) + 1);
        if (++n >= MAX_DAILY_ITEMS) break;
      }
      return counts;
    },
  });
  const csv = useMutation({
    mutationFn: () => session.sdk.reports.bookingsCsv({ query: range }),
    onSuccess: (text) =>
      download(`bookings-${range.from}-to-${range.to}.csv`, String(text), 'text/csv'),
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  const s = summary.data;
  const money = (list: { amount: number; currency: string }[] | undefined) =>
    list?.length
      ? list.map((m) => formatMoney(m.amount, m.currency, 'en')).join(' + ')
      : formatMoney(0, me.tenant.currency, 'en');
  const days = valid
    ? Array.from({ length: daysBetween(range.from, range.to) + 1 }, (_, i) =>
        addDays(range.from, i),
      )
    : [];

  return (
    <>
      <PageHeader
        title="Reports"
        description={`Bookings starting in the period, in ${zone}.`}
        actions={
          <button
            type="button"
            className="btn btn--secondary"
            onClick={() => csv.mutate()}
            disabled={!valid || csv.isPending}
          >
            {csv.isPending ? 'Exporting…' : 'Export CSV'}
          </button>
        }
      />
      <div className="filters" role="group" aria-label="Period">
        <label>
          <span>From</span>
          <input
            className="input"
            type="date"
            value={range.from}
            max={range.to}
            onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
          />
        </label>
        <label>
          <span>To</span>
          <input
            className="input"
            type="date"
            value={range.to}
            min={range.from}
            onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
          />
        </label>
        <ReportLocationFilter value={place?.id ?? null} onChange={(_id, l) => setPlace(l)} />
        <div className="segmented" role="group" aria-label="Presets">
          {PRESETS.map((p) => (
            <button
              key={p.label}
              type="button"
              className="segmented__btn"
              onClick={() =>
                setRange({ from: addDays(today, -p.past), to: addDays(today, p.ahead) })
              }
            >
              {p.label}
            </button>
          ))}
        </div>
      </div>
      {!valid ? (
        <ErrorState title="Choose a period of at most one year, ending after it starts" />
      ) : summary.isPending ? (
        <Loading label="Crunching numbers…" />
      ) : summary.isError || !s ? (
        <ErrorState
          title="Could not load the report"
          message={apiMessage(summary.error)}
          onRetry={() => summary.refetch()}
        />
      ) : (
        <div className="stack">
          <div className="stats">
            <div className="stat">
              <span className="stat__label">Bookings</span>
              <span className="stat__value">{s.bookings.total}</span>
            </div>
            <div className="stat">
              <span className="stat__label">Revenue booked</span>
              <span className="stat__value">{money(s.revenue.booked)}</span>
            </div>
            <div className="stat">
              <span className="stat__label">Revenue completed</span>
              <span className="stat__value">{money(s.revenue.completed)}</span>
            </div>
            <div className="stat">
              <span className="stat__label">No-shows (not in revenue)</span>
              <span className="stat__value">
                {s.bookings.byStatus.no_show ?? 0} · {money(s.revenue.noShow)}
              </span>
            </div>
            <div className="stat">
              <span className="stat__label">Cancellation rate</span>
              <span className="stat__value">{(s.cancellationRate * 100).toFixed(1)}%</span>
            </div>
          </div>
          <div className="chart-grid">
            <Card title="Bookings per day" className="span-2">
              {daily.isPending ? (
                <Loading label="Loading…" />
              ) : daily.isError ? (
                <ErrorState title="Could not load daily bookings" onRetry={() => daily.refetch()} />
              ) : (
                <ColumnChart
                  title="Bookings per day"
                  points={days.map((d) => ({
                    label: formatLocalDate(d, 'en', 'short'),
                    short: d.slice(8),
                    value: daily.data.get(d) ?? 0,
                  }))}
                />
              )}
            </Card>
            <Card title="Bookings by status">
              <HBarChart
                title="Bookings by status"
                bars={Object.entries(s.bookings.byStatus)
                  .filter(([, n]) => n > 0)
                  .map(([k, n]) => ({
                    label: STATUS_LABEL[k] ?? k,
                    value: n,
                    color: STATUS_COLORS[k],
                  }))}
              />
            </Card>
            <Card title="No-show rate">
              <RatioRing
                title="No-show rate"
                ratio={s.noShowRate}
                caption={`of ${s.bookings.total} bookings were no-shows`}
                color="#dc2626"
              />
            </Card>
            <Card title="Revenue by service">
              <HBarChart
                title="Revenue by service"
                bars={s.topServices.map((t) => ({
                  label: t.name,
                  value: t.revenue[0]?.amount ?? 0,
                  display: money(t.revenue),
                }))}
              />
            </Card>
            <Card title="Utilisation">
              <HBarChart
                title="Utilisation of working hours"
                max={100}
                bars={s.utilisation.map((u) => ({
                  label: u.name,
                  value: u.rate === null ? 0 : Math.round(u.rate * 1000) / 10,
                  display: u.rate === null ? 'no hours' : `${(u.rate * 100).toFixed(1)}%`,
                }))}
              />
            </Card>
            <Card title="Busy hours" className="span-2">
              <HeatMap title="Bookings by weekday and hour" cells={s.busyHours} />
            </Card>
          </div>
        </div>
      )}
    </>
  );
}
