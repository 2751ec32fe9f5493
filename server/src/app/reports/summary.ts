import type { ReportSummary } from '@slotwise/contracts';
import { BOOKING_STATUSES, type BookingStatus } from '../../domain/booking/lifecycle';
import type { ReportAggregates } from '../../ports/records';

export const TOP_SERVICES = 10;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const ratio = (part: number, whole: number) => (whole > 0 ? round4(part / whole) : 0);

/** Amounts per currency, in a stable order (normally there is one currency). */
function moneyList(amounts: Map<string, number>) {
  return [...amounts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ amount, currency }));
}

function addTo(m: Map<string, number>, currency: string, cents: number) {
  m.set(currency, (m.get(currency) ?? 0) + cents);
}

/**
 * Revenue figures, all in one place (a ledger-based figure will join them here): "booked" is
 * what bookings that happened or will happen are worth — neither cancelled nor no-shows;
 * "completed" what was delivered; no-shows are shown apart.
 */
export function revenueFigures(rows: ReportAggregates['byStatusAndCurrency']) {
  const booked = new Map<string, number>();
  const completed = new Map<string, number>();
  const noShow = new Map<string, number>();
  for (const row of rows) {
    if (row.status !== 'cancelled' && row.status !== 'no_show')
      addTo(booked, row.currency, row.cents);
    if (row.status === 'completed') addTo(completed, row.currency, row.cents);
    if (row.status === 'no_show') addTo(noShow, row.currency, row.cents);
  }
  return { booked: moneyList(booked), completed: moneyList(completed), noShow: moneyList(noShow) };
}

/** Turns the SQL aggregates into the report: totals, rates, utilisation, ranking. Pure. */
export function summarise(
  agg: ReportAggregates,
  range: { from: string; to: string; timeZone: string },
): ReportSummary {
  const byStatus = Object.fromEntries(BOOKING_STATUSES.map((s) => [s, 0])) as Record<
    BookingStatus,
    number
  >;
  for (const row of agg.byStatusAndCurrency) byStatus[row.status] += row.bookings;
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);

  const bookedMinutes = new Map(agg.bookedMinutes.map((b) => [b.providerId, b.minutes]));
  // Deleted providers still show when they had bookings in the range.
  const utilisation = agg.providers
    .filter((p) => !p.deleted || (bookedMinutes.get(p.id) ?? 0) > 0)
    .map((p) => {
      const minutes = bookedMinutes.get(p.id) ?? 0;
      return {
        providerId: p.id,
        name: p.name,
        bookedMinutes: minutes,
        availableMinutes: p.availableMinutes,
        rate: p.availableMinutes > 0 ? round4(minutes / p.availableMinutes) : null,
      };
    });

  const services = new Map<
    string,
    {
      serviceId: string;
      name: string;
      bookings: number;
      revenue: Map<string, number>;
      cents: number;
    }
  >();
  for (const row of agg.services) {
    const s = services.get(row.serviceId) ?? {
      serviceId: row.serviceId,
      name: row.name,
      bookings: 0,
      revenue: new Map(),
      cents: 0,
    };
    s.bookings += row.bookings;
    s.cents += row.cents;
    addTo(s.revenue, row.currency, row.cents);
    services.set(row.serviceId, s);
  }
  const topServices = [...services.values()]
    .sort((a, b) => b.bookings - a.bookings || b.cents - a.cents || a.name.localeCompare(b.name))
    .slice(0, TOP_SERVICES)
    .map((s) => ({
      serviceId: s.serviceId,
      name: s.name,
      bookings: s.bookings,
      revenue: moneyList(s.revenue),
    }));

  return {
    from: range.from,
    to: range.to,
    timeZone: range.timeZone,
    bookings: { total, byStatus },
    revenue: revenueFigures(agg.byStatusAndCurrency),
    noShowRate: ratio(byStatus.no_show, total),
    cancellationRate: ratio(byStatus.cancelled, total),
    utilisation,
    busyHours: agg.busyHours,
    topServices,
  };
}
