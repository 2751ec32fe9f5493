import type { ReportSummary } from '@slotwise/contracts';
import { BOOKING_STATUSES, type BookingStatus } from '../../domain/booking/lifecycle';
import { addDays } from '../../domain/time';
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

/** Bookings still to happen: their price is expected money, not yet earned. */
const OPEN_STATUSES: readonly BookingStatus[] = [
  'pending_payment',
  'pending',
  'confirmed',
  'checked_in',
];

/**
 * Money figures, all in one place (ADR 0017). Collected money is the ledger's, on the day it
 * moved: captures plus fees less refunds, so a no-show adds its fee, never its price. Next to it,
 * what the range's bookings are worth at their prices: "booked" (neither cancelled nor
 * no-shows), "completed" (delivered), "upcoming" (still to happen) and "upcomingDue" (upcoming
 * less what the ledger already holds for those bookings, such as deposits: what is still to come
 * in). No-shows' prices are shown apart. A business that takes no payments through Slotwise has
 * no ledger money: its money figures are the booking values (paymentsInUse tells the two apart).
 */
export function revenueFigures(
  rows: ReportAggregates['byStatusAndCurrency'],
  money: ReportAggregates['money'],
  paymentsInUse: boolean,
) {
  const booked = new Map<string, number>();
  const completed = new Map<string, number>();
  const upcoming = new Map<string, number>();
  const upcomingDue = new Map<string, number>();
  const noShow = new Map<string, number>();
  for (const row of rows) {
    if (row.status !== 'cancelled' && row.status !== 'no_show')
      addTo(booked, row.currency, row.cents);
    if (row.status === 'completed') addTo(completed, row.currency, row.cents);
    if (row.status === 'no_show') addTo(noShow, row.currency, row.cents);
    if (OPEN_STATUSES.includes(row.status)) {
      addTo(upcoming, row.currency, row.cents);
      addTo(upcomingDue, row.currency, row.cents - row.paidCents);
    }
  }
  const captured = new Map<string, number>();
  const fees = new Map<string, number>();
  const refunded = new Map<string, number>();
  const net = new Map<string, number>();
  // A kind of movement the range did not have is left out rather than listed as zero.
  const addMoved = (m: Map<string, number>, currency: string, cents: number) =>
    cents !== 0 && addTo(m, currency, cents);
  for (const m of money) {
    addMoved(captured, m.currency, m.capturedCents);
    addMoved(fees, m.currency, m.feeCents);
    addMoved(refunded, m.currency, m.refundedCents);
    addTo(net, m.currency, m.capturedCents + m.feeCents - m.refundedCents);
  }
  return {
    collected: {
      captured: moneyList(captured),
      fees: moneyList(fees),
      refunded: moneyList(refunded),
      net: moneyList(net),
    },
    paymentsInUse,
    booked: moneyList(booked),
    completed: moneyList(completed),
    upcoming: moneyList(upcoming),
    upcomingDue: moneyList(upcomingDue),
    noShow: moneyList(noShow),
  };
}

/** Every day of the range with its bookings (neither cancelled nor no-shows) and net ledger money. */
export function dailySeries(
  agg: Pick<ReportAggregates, 'daily' | 'money'>,
  from: string,
  to: string,
) {
  const bookings = new Map(agg.daily.map((d) => [d.date, d.bookings]));
  const money = new Map<string, Map<string, number>>();
  for (const m of agg.money) {
    const day = money.get(m.date) ?? new Map<string, number>();
    addTo(day, m.currency, m.capturedCents + m.feeCents - m.refundedCents);
    money.set(m.date, day);
  }
  const days: {
    date: string;
    bookings: number;
    collected: { amount: number; currency: string }[];
  }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1))
    days.push({
      date: d,
      bookings: bookings.get(d) ?? 0,
      collected: moneyList(money.get(d) ?? new Map()),
    });
  return days;
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
    revenue: revenueFigures(agg.byStatusAndCurrency, agg.money, agg.ledgerInUse),
    daily: dailySeries(agg, range.from, range.to),
    noShowRate: ratio(byStatus.no_show, total),
    cancellationRate: ratio(byStatus.cancelled, total),
    utilisation,
    busyHours: agg.busyHours,
    topServices,
  };
}
