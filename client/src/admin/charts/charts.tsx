import type { ReactNode } from 'react';
import { useI18n } from '../../shared/i18n';

/**
 * Hand-rolled SVG charts (no chart library in the bundle). Each one is a figure with a caption,
 * an aria-label summary on the SVG and the numbers as a table for screen readers. Strings come
 * from the reports area of the admin catalogs; weekdays and percentages are formatted by Intl in
 * the reader's language.
 */

/** A ratio as a percentage with one decimal, in the reader's language ("12.5%", "12,5 %"). */
export const formatPercent = (ratio: number, locale: string) =>
  new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(ratio);

/** Monday…Sunday, short, in the reader's language (2024-01-01 was a Monday). */
const weekdays = (locale: string) =>
  Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
      Date.UTC(2024, 0, 1 + i),
    ),
  );

function Figure({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  summary: string;
  table: { head: string[]; rows: (string | number)[][] };
  children: ReactNode;
}) {
  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      <div role="img" aria-label={`${title}: ${summary}`}>
        {children}
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            {table.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface Bar {
  label: string;
  value: number;
  display?: string;
  color?: string;
}

/** Labelled horizontal bars, scaled to the largest value (or to `max`). */
export function HBarChart({
  title,
  bars,
  max,
  unit = '',
}: {
  title: string;
  bars: Bar[];
  max?: number;
  unit?: string;
}) {
  const { t } = useI18n();
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const rowH = 30;
  const labelW = 120;
  const width = 480;
  const height = Math.max(1, bars.length) * rowH;
  return (
    <Figure
      title={title}
      summary={
        bars.map((b) => `${b.label} ${b.display ?? b.value + unit}`).join(', ') ||
        t('admin.reports.chart.noData')
      }
      table={{
        head: ['', title],
        rows: bars.map((b) => [b.label, b.display ?? `${b.value}${unit}`]),
      }}
    >
      {bars.length === 0 ? (
        <p className="muted small">{t('admin.reports.chart.noData')}</p>
      ) : (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          className="chart__svg"
          aria-hidden="true"
        >
          {bars.map((b, i) => {
            const w = ((width - labelW - 70) * b.value) / top;
            return (
              <g key={b.label} transform={`translate(0 ${i * rowH})`}>
                <text x={labelW - 8} y={rowH / 2 + 4} textAnchor="end" className="chart__label">
                  {b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label}
                </text>
                <rect
                  x={labelW}
                  y={5}
                  width={Math.max(w, b.value > 0 ? 2 : 0)}
                  height={rowH - 10}
                  rx={4}
                  fill={b.color ?? 'var(--chart-1)'}
                />
                <text x={labelW + w + 6} y={rowH / 2 + 4} className="chart__value">
                  {b.display ?? `${b.value}${unit}`}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </Figure>
  );
}

/**
 * Vertical columns over time (bookings per day or month, money collected), with a few x-axis
 * labels. `format` writes a value (money in minor units); a negative value draws no column.
 */
export function ColumnChart({
  title,
  points,
  format = String,
}: {
  title: string;
  points: { label: string; short: string; value: number }[];
  format?: (value: number) => string;
}) {
  const { t } = useI18n();
  const width = 900;
  const height = 200;
  const top = Math.max(1, ...points.map((p) => p.value));
  // Room for the widest axis label (money labels are longer than counts).
  const pad = { l: Math.max(28, 7 * format(top).length + 8), r: 8, t: 10, b: 24 };
  const shown = (p: (typeof points)[number]) => format(p.value);
  const step = (width - pad.l - pad.r) / Math.max(1, points.length);
  const every = Math.ceil(points.length / 8);
  const ticks = [0, Math.ceil(top / 2), top];
  const y = (v: number) => pad.t + (height - pad.t - pad.b) * (1 - v / top);
  const total = points.reduce((n, p) => n + p.value, 0);
  return (
    <Figure
      title={title}
      summary={t('admin.reports.chart.columnSummary', {
        total: format(total),
        n: points.length,
        top: format(top),
      })}
      table={{
        head: [t('admin.reports.chart.day'), title],
        rows: points.map((p) => [p.label, shown(p)]),
      }}
    >
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="chart__svg"
        aria-hidden="true"
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.l} x2={width - pad.r} y1={y(t)} y2={y(t)} className="chart__grid" />
            <text x={pad.l - 6} y={y(t) + 4} textAnchor="end" className="chart__axis">
              {format(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <g key={p.label}>
            <rect
              x={pad.l + i * step + step * 0.15}
              y={y(Math.max(0, p.value))}
              width={step * 0.7}
              height={Math.max(0, height - pad.b - y(Math.max(0, p.value)))}
              rx={2}
              fill="var(--chart-1)"
            >
              <title>{`${p.label}: ${shown(p)}`}</title>
            </rect>
            {i % every === 0 && (
              <text
                x={pad.l + i * step + step / 2}
                y={height - 6}
                textAnchor="middle"
                className="chart__axis"
              >
                {p.short}
              </text>
            )}
          </g>
        ))}
      </svg>
    </Figure>
  );
}

/** A ring showing one ratio (0–1), e.g. the no-show rate. */
export function RatioRing({
  title,
  ratio,
  caption,
  color = 'var(--chart-2)',
}: {
  title: string;
  ratio: number;
  caption: string;
  color?: string;
}) {
  const r = 42;
  const { locale } = useI18n();
  const c = 2 * Math.PI * r;
  const pct = formatPercent(ratio, locale);
  return (
    <Figure title={title} summary={`${pct}, ${caption}`} table={{ head: [title], rows: [[pct]] }}>
      <div className="ring">
        <svg viewBox="0 0 100 100" width="120" height="120" aria-hidden="true">
          <circle cx="50" cy="50" r={r} fill="none" stroke="var(--line)" strokeWidth="12" />
          {ratio > 0 && (
            <circle
              cx="50"
              cy="50"
              r={r}
              fill="none"
              stroke={color}
              strokeWidth="12"
              strokeDasharray={`${c * Math.min(1, ratio)} ${c}`}
              transform="rotate(-90 50 50)"
              strokeLinecap="round"
            />
          )}
          <text x="50" y="55" textAnchor="middle" className="ring__value">
            {pct}
          </text>
        </svg>
        <span className="muted small">{caption}</span>
      </div>
    </Figure>
  );
}

/** Bookings by weekday and start hour: darker is busier. */
export function HeatMap({
  title,
  cells,
}: {
  title: string;
  cells: { weekday: number; hour: number; bookings: number }[];
}) {
  const { t, locale } = useI18n();
  const DAYS = weekdays(locale);
  const max = Math.max(1, ...cells.map((c) => c.bookings));
  const hours = cells.length
    ? [Math.min(...cells.map((c) => c.hour), 8), Math.max(...cells.map((c) => c.hour), 18)]
    : [8, 18];
  const span = Array.from({ length: hours[1]! - hours[0]! + 1 }, (_, i) => hours[0]! + i);
  const cell = 30;
  const left = 40;
  const topPad = 20;
  const at = (d: number, h: number) =>
    cells.find((c) => c.weekday === d && c.hour === h)?.bookings ?? 0;
  const busiest = [...cells].sort((a, b) => b.bookings - a.bookings)[0];
  return (
    <Figure
      title={title}
      summary={
        busiest
          ? t('admin.reports.chart.busiest', {
              day: DAYS[busiest.weekday - 1]!,
              hour: busiest.hour,
              count: busiest.bookings,
            })
          : t('admin.reports.chart.noBookings')
      }
      table={{
        head: [t('admin.reports.chart.weekday'), ...span.map((h) => `${h}:00`)],
        rows: DAYS.map((d, i) => [d, ...span.map((h) => at(i + 1, h))]),
      }}
    >
      <div className="chart__scroll">
        <svg
          viewBox={`0 0 ${left + span.length * cell} ${topPad + 7 * cell}`}
          width={left + span.length * cell}
          height={topPad + 7 * cell}
          className="chart__svg chart__svg--heat"
          aria-hidden="true"
        >
          {span.map((h, i) =>
            i % 2 === 0 ? (
              <text
                key={h}
                x={left + i * cell + cell / 2}
                y={14}
                textAnchor="middle"
                className="chart__axis"
              >
                {h}
              </text>
            ) : null,
          )}
          {DAYS.map((d, di) => (
            <g key={d} transform={`translate(0 ${topPad + di * cell})`}>
              <text x={left - 6} y={cell / 2 + 4} textAnchor="end" className="chart__axis">
                {d}
              </text>
              {span.map((h, i) => {
                const v = at(di + 1, h);
                return (
                  <rect
                    key={h}
                    x={left + i * cell + 1}
                    y={1}
                    width={cell - 2}
                    height={cell - 2}
                    rx={4}
                    fill={v ? 'var(--chart-1)' : 'var(--heat-empty)'}
                    fillOpacity={v ? 0.15 + 0.85 * (v / max) : 1}
                  >
                    <title>{t('admin.reports.chart.cell', { day: d, hour: h, count: v })}</title>
                  </rect>
                );
              })}
            </g>
          ))}
        </svg>
      </div>
    </Figure>
  );
}
