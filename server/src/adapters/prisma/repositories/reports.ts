import type { BookingStatus } from '../../../domain/booking/lifecycle';
import { Prisma } from '../../../generated/prisma/client';
import type { BookingExportRow } from '../../../ports/records';
import type { ReportRepository } from '../../../ports/repositories';
import { addDays } from '../../../domain/time';
import type { Tx } from '../with-tenant';

/** One row of the single statement below; its meaning depends on `kind`. */
interface Row {
  kind: 'status' | 'service' | 'day' | 'booked' | 'busy' | 'money' | 'ledger' | 'provider';
  status: BookingStatus | null;
  currency: string | null;
  id: string | null;
  name: string | null;
  day: string | null;
  weekday: number | null;
  hour: number | null;
  a: bigint;
  b: bigint;
  c: bigint;
  d: bigint;
  e: bigint;
}

/**
 * The whole months inside [from, to] (first day of the first, last day of the last); an empty
 * window (start after end) when there is none. Their booked time is read per month.
 */
export function wholeMonths(from: string, to: string): { start: string; end: string } {
  const first = from.endsWith('-01') ? from : addMonths(from.slice(0, 7), 1);
  const afterTo = addDays(to, 1);
  const last = afterTo.endsWith('-01') ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  return { start: `${first}`, end: last };
}

const addMonths = (yearMonth: string, n: number) => {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 10);
};

/**
 * Report aggregates, read from the daily roll-ups (ADR 0017) plus the booking creates still queued
 * for them (report_pending, ADR 0022), never from the bookings. The whole business reads the business-wide tables (report_totals,
 * report_total_hours, report_total_money: a year is a few thousand rows, whatever the number of
 * bookings or providers); a set of providers reads the per-provider tables (report_daily,
 * report_hours, report_money) for those providers only. The day rows are grouped three ways in
 * one pass (GROUPING SETS): by status and currency, by service and currency, by day. Booked time
 * per provider comes from report_provider_days plus class sessions (report_sessions), once each.
 */
export function prismaReportRepository(tx: Tx, tenantId: string): ReportRepository {
  return {
    async aggregates({ fromDate, toDate, providerIds }) {
      const ids = providerIds ? [...providerIds] : null;
      const only = ids ? Prisma.sql`AND provider_id = ANY(${ids}::uuid[])` : Prisma.empty;
      const days = Prisma.sql`tenant_id = ${tenantId}::uuid AND day >= ${fromDate}::date AND day <= ${toDate}::date`;
      const range = Prisma.sql`${days} ${only}`;
      const daily = ids ? Prisma.sql`report_daily` : Prisma.sql`report_totals`;
      const months = wholeMonths(fromDate, toDate);
      // One statement (one round trip) for every figure: on a busy machine the round trips of a
      // transaction cost more than reading a year of roll-ups.
      const rows = await tx.$queryRaw<Row[]>`
        WITH q AS (
          -- Booking creates the fold job has not added to the roll-ups yet (ADR 0022), in the
          -- roll-ups' terms: added below, so every figure is exact right after any write. Days in
          -- the zone of the same snapshot (a zone change empties the queue as it rebuilds).
          SELECT p.tenant_id, p.provider_id, p.service_id, p.status, p.currency, p.price_cents, p.duration_ms,
                 (p.start_at AT TIME ZONE t.time_zone)::date AS day,
                 extract(hour FROM p.start_at AT TIME ZONE t.time_zone)::smallint AS hour
          FROM report_pending p JOIN tenants t ON t.id = p.tenant_id
          WHERE p.tenant_id = ${tenantId}::uuid
        ), g AS (
          SELECT CASE WHEN GROUPING(d.day) = 0 THEN 'day'
                      WHEN GROUPING(d.service_id) = 0 THEN 'service'
                      ELSE 'status' END AS kind,
                 d.status, d.currency, d.service_id, d.day,
                 sum(d.bookings)::bigint AS bookings,
                 sum(d.price_cents)::bigint AS cents,
                 sum(d.paid_cents)::bigint AS paid,
                 COALESCE(sum(d.bookings) FILTER (WHERE d.status NOT IN ('cancelled', 'no_show')), 0)::bigint AS kept,
                 COALESCE(sum(d.price_cents) FILTER (WHERE d.status NOT IN ('cancelled', 'no_show')), 0)::bigint AS kept_cents
          FROM (
            SELECT day, service_id, status, currency, bookings, price_cents, paid_cents FROM ${daily} WHERE ${range}
            UNION ALL
            SELECT day, service_id, status, currency, 1, price_cents, 0 FROM q WHERE ${range}
          ) d
          GROUP BY GROUPING SETS ((d.status, d.currency), (d.service_id, d.currency), (d.day))
        ), days AS (
          SELECT x::date AS day FROM generate_series(${fromDate}::date, ${toDate}::date, interval '1 day') x
        ), rules AS (
          SELECT DISTINCT r.provider_id, r.weekday, r.start_time, r.end_time, p.time_zone
          FROM availability_rules r JOIN providers p ON p.tenant_id = r.tenant_id AND p.id = r.provider_id
          WHERE r.tenant_id = ${tenantId}::uuid
        ), shapes AS (
          -- Each distinct (zone, weekday, hours) is laid over the dates once, however many
          -- providers share it.
          SELECT sh.time_zone, sh.weekday, sh.start_time, sh.end_time,
                 sum(extract(epoch FROM
                   ((days.day + sh.end_time::time + CASE WHEN sh.end_time <= sh.start_time THEN interval '1 day' ELSE interval '0' END) AT TIME ZONE sh.time_zone)
                   - ((days.day + sh.start_time::time) AT TIME ZONE sh.time_zone)
                 ) / 60) AS minutes
          FROM (SELECT DISTINCT time_zone, weekday, start_time, end_time FROM rules) sh
          JOIN days ON extract(isodow FROM days.day) = sh.weekday
          GROUP BY 1, 2, 3, 4
        )
        SELECT g.kind, g.status, g.currency::text AS currency, g.service_id::text AS id, s.name,
               to_char(g.day, 'YYYY-MM-DD') AS day, NULL::int AS weekday, NULL::int AS hour,
               g.bookings AS a, g.cents AS b, g.paid AS c, g.kept AS d, g.kept_cents AS e
        FROM g LEFT JOIN services s ON s.tenant_id = ${tenantId}::uuid AND s.id = g.service_id
        WHERE g.bookings <> 0 OR g.paid <> 0
        UNION ALL
        SELECT 'booked', NULL, NULL, t.provider_id::text, NULL, NULL, NULL, NULL, sum(t.ms)::bigint, 0, 0, 0, 0
        FROM (
          SELECT provider_id, duration_ms AS ms FROM report_provider_days
          WHERE ${range} AND NOT (day >= ${months.start}::date AND day <= ${months.end}::date)
          UNION ALL
          SELECT provider_id, duration_ms FROM report_provider_months
          WHERE tenant_id = ${tenantId}::uuid AND month >= ${months.start}::date AND month <= ${months.end}::date ${only}
          UNION ALL
          SELECT provider_id, duration_ms FROM report_sessions WHERE ${range}
          UNION ALL
          SELECT provider_id, duration_ms FROM q WHERE ${range} AND status <> 'cancelled'
        ) t GROUP BY t.provider_id
        UNION ALL
        -- ISO weekday by integer arithmetic (2024-01-01 was a Monday): extract() goes through numeric
        -- and costs more than the rest of the statement on a year of rows.
        SELECT 'busy', NULL, NULL, NULL, NULL, NULL, ((day - DATE '2024-01-01') % 7 + 7) % 7 + 1, hour::int,
               sum(bookings)::bigint, 0, 0, 0, 0
        FROM (
          SELECT day, hour, bookings FROM ${ids ? Prisma.sql`report_hours` : Prisma.sql`report_total_hours`} WHERE ${range}
          UNION ALL
          SELECT day, hour, 1 FROM q WHERE ${range} AND status <> 'cancelled'
        ) h
        GROUP BY 7, 8 HAVING sum(bookings) > 0
        UNION ALL
        SELECT 'money', NULL, currency::text, NULL, NULL, to_char(day, 'YYYY-MM-DD'), NULL, NULL,
               sum(captured_cents)::bigint, sum(fee_cents)::bigint, sum(refunded_cents)::bigint, 0, 0
        FROM ${ids ? Prisma.sql`report_money` : Prisma.sql`report_total_money`} WHERE ${range}
        GROUP BY day, currency
        HAVING sum(captured_cents) <> 0 OR sum(fee_cents) <> 0 OR sum(refunded_cents) <> 0
        UNION ALL
        SELECT 'ledger', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               (EXISTS (SELECT 1 FROM payment_ledger WHERE tenant_id = ${tenantId}::uuid))::int::bigint, 0, 0, 0, 0
        UNION ALL
        -- Weekly hours laid over each date of the range in the provider's own zone, so a DST day
        -- counts its real length. An end at or before the start runs into the next day. Identical
        -- intervals that differ only in their service list are counted once.
        SELECT 'provider', NULL, NULL, p.id::text, p.name, NULL, NULL, NULL,
               coalesce(sum(sh.minutes), 0)::bigint,
               (p.deleted_at IS NOT NULL)::int::bigint, p.sort_order::bigint, 0, 0
        FROM providers p
        LEFT JOIN rules r ON r.provider_id = p.id
        LEFT JOIN shapes sh ON sh.time_zone = r.time_zone AND sh.weekday = r.weekday
          AND sh.start_time = r.start_time AND sh.end_time = r.end_time
        WHERE p.tenant_id = ${tenantId}::uuid ${ids ? Prisma.sql`AND p.id = ANY(${ids}::uuid[])` : Prisma.empty}
        GROUP BY p.id, p.name, p.deleted_at, p.sort_order`;

      const of = (kind: Row['kind']) => rows.filter((r) => r.kind === kind);
      const n = Number;
      return {
        byStatusAndCurrency: of('status')
          .filter((r) => n(r.a) > 0)
          .map((r) => ({
            status: r.status!,
            currency: r.currency!,
            bookings: n(r.a),
            cents: n(r.b),
            paidCents: n(r.c),
          })),
        bookedMinutes: of('booked')
          .filter((r) => n(r.a) > 0)
          .map((r) => ({ providerId: r.id!, minutes: Math.round(n(r.a) / 60_000) })),
        providers: of('provider')
          .sort(
            (x, y) =>
              n(x.c) - n(y.c) ||
              (x.name! < y.name! ? -1 : x.name! > y.name! ? 1 : 0) ||
              (x.id! < y.id! ? -1 : 1),
          )
          .map((r) => ({
            id: r.id!,
            name: r.name!,
            deleted: n(r.b) === 1,
            availableMinutes: n(r.a),
          })),
        busyHours: of('busy')
          .map((r) => ({ weekday: r.weekday!, hour: r.hour!, bookings: n(r.a) }))
          .sort((x, y) => x.weekday - y.weekday || x.hour - y.hour),
        // Bookings that happened or will: neither cancelled nor no-shows.
        services: of('service')
          .filter((r) => n(r.d) > 0)
          .map((r) => ({
            serviceId: r.id!,
            name: r.name ?? '',
            currency: r.currency!,
            bookings: n(r.d),
            cents: n(r.e),
          })),
        daily: of('day')
          .filter((r) => n(r.d) > 0)
          .map((r) => ({ date: r.day!, bookings: n(r.d) }))
          .sort((x, y) => x.date.localeCompare(y.date)),
        money: of('money')
          .map((r) => ({
            date: r.day!,
            currency: r.currency!,
            capturedCents: n(r.a),
            feeCents: n(r.b),
            refundedCents: n(r.c),
          }))
          .sort((x, y) => x.date.localeCompare(y.date) || x.currency.localeCompare(y.currency)),
        ledgerInUse: n(of('ledger')[0]?.a ?? 0) === 1,
      };
    },

    async fold(limit) {
      const [row] = await tx.$queryRaw<{ n: number }[]>`
        SELECT report_fold(${tenantId}::uuid, ${limit}::int) AS n`;
      return row?.n ?? 0;
    },

    async bookingRows({ start, end, after, limit }) {
      // One joined statement per batch; keyset on (start_at, id) so ties never repeat or skip.
      // Spelled with scalar comparisons: a row comparison is not leakproof, so under row-level
      // security it could not bound the index scan and every batch would start from the top.
      return tx.$queryRaw<BookingExportRow[]>`
        SELECT b.id, b.confirmation_code AS "confirmationCode", b.status, b.start_at AS "startAt", b.end_at AS "endAt",
               s.name AS "serviceName", p.name AS "providerName",
               c.name AS "customerName", c.email AS "customerEmail", c.phone AS "customerPhone",
               b.price_cents AS "priceCents", b.currency, b.source, b.created_at AS "createdAt"
        FROM bookings b
        JOIN services s ON s.tenant_id = b.tenant_id AND s.id = b.service_id
        JOIN providers p ON p.tenant_id = b.tenant_id AND p.id = b.provider_id
        JOIN customers c ON c.tenant_id = b.tenant_id AND c.id = b.customer_id
        WHERE b.tenant_id = ${tenantId}::uuid AND b.start_at >= ${start} AND b.start_at < ${end}
          ${after ? Prisma.sql`AND b.start_at >= ${after.startAt} AND (b.start_at > ${after.startAt} OR b.id > ${after.id}::uuid)` : Prisma.empty}
        ORDER BY b.start_at, b.id
        LIMIT ${limit}`;
    },
  };
}
