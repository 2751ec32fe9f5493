import type { BookingStatus } from '../../../domain/booking/lifecycle';
import { Prisma } from '../../../generated/prisma/client';
import type { BookingExportRow } from '../../../ports/records';
import type { ReportRepository } from '../../../ports/repositories';
import type { Tx } from '../with-tenant';

type Kind = 'status' | 'service' | 'day';

interface SetRow {
  kind: Kind;
  status: BookingStatus | null;
  currency: string | null;
  service_id: string | null;
  service_name: string | null;
  day: string | null;
  bookings: number;
  cents: bigint;
  paid: bigint;
  kept: number;
  kept_cents: bigint;
}

/**
 * Report aggregates, read from the daily roll-ups the triggers keep exact (ADR 0017), never from
 * the bookings. The whole business reads the business-wide tables (report_totals,
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
      const sets = await tx.$queryRaw<SetRow[]>`
        WITH g AS (
          SELECT CASE WHEN GROUPING(d.day) = 0 THEN 'day'
                      WHEN GROUPING(d.service_id) = 0 THEN 'service'
                      ELSE 'status' END AS kind,
                 d.status, d.currency, d.service_id, d.day,
                 sum(d.bookings)::int AS bookings,
                 sum(d.price_cents)::bigint AS cents,
                 sum(d.paid_cents)::bigint AS paid,
                 COALESCE(sum(d.bookings) FILTER (WHERE d.status NOT IN ('cancelled', 'no_show')), 0)::int AS kept,
                 COALESCE(sum(d.price_cents) FILTER (WHERE d.status NOT IN ('cancelled', 'no_show')), 0)::bigint AS kept_cents
          FROM ${daily} d
          WHERE ${range}
          GROUP BY GROUPING SETS ((d.status, d.currency), (d.service_id, d.currency), (d.day))
        )
        SELECT g.kind, g.status, g.currency, g.service_id, s.name AS service_name,
               to_char(g.day, 'YYYY-MM-DD') AS day, g.bookings, g.cents, g.paid, g.kept, g.kept_cents
        FROM g LEFT JOIN services s ON s.tenant_id = ${tenantId}::uuid AND s.id = g.service_id
        WHERE g.bookings <> 0 OR g.paid <> 0`;
      const booked = await tx.$queryRaw<{ provider_id: string; ms: bigint }[]>`
        SELECT provider_id, sum(ms)::bigint AS ms FROM (
          SELECT provider_id, duration_ms AS ms FROM report_provider_days WHERE ${range}
          UNION ALL
          SELECT provider_id, duration_ms FROM report_sessions WHERE ${range}
        ) t GROUP BY provider_id`;
      const hours = await tx.$queryRaw<{ weekday: number; hour: number; bookings: number }[]>`
        SELECT extract(isodow FROM day)::int AS weekday, hour::int AS hour, sum(bookings)::int AS bookings
        FROM ${ids ? Prisma.sql`report_hours` : Prisma.sql`report_total_hours`} WHERE ${range}
        GROUP BY 1, 2 HAVING sum(bookings) > 0 ORDER BY 1, 2`;
      const money = await tx.$queryRaw<
        { day: string; currency: string; captured: bigint; fee: bigint; refunded: bigint }[]
      >`
        SELECT to_char(day, 'YYYY-MM-DD') AS day, currency::text AS currency, sum(captured_cents)::bigint AS captured,
               sum(fee_cents)::bigint AS fee, sum(refunded_cents)::bigint AS refunded
        FROM ${ids ? Prisma.sql`report_money` : Prisma.sql`report_total_money`} WHERE ${range}
        GROUP BY day, currency
        HAVING sum(captured_cents) <> 0 OR sum(fee_cents) <> 0 OR sum(refunded_cents) <> 0
        ORDER BY day, currency`;
      const [ledger] = await tx.$queryRaw<{ used: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM payment_ledger WHERE tenant_id = ${tenantId}::uuid) AS used`;

      // Weekly hours laid over each date of the range in the provider's own zone, so a DST day
      // counts its real length. An end at or before the start runs into the next day. Identical
      // intervals that differ only in their service list are counted once.
      const providers = await tx.$queryRaw<
        { id: string; name: string; deleted: boolean; minutes: bigint }[]
      >`
        WITH days AS (
          SELECT d::date AS day FROM generate_series(${fromDate}::date, ${toDate}::date, interval '1 day') d
        ), rules AS (
          SELECT DISTINCT provider_id, weekday, start_time, end_time FROM availability_rules WHERE tenant_id = ${tenantId}::uuid
        )
        SELECT p.id, p.name, p.deleted_at IS NOT NULL AS deleted,
               coalesce(sum(extract(epoch FROM
                 ((days.day + r.end_time::time + CASE WHEN r.end_time <= r.start_time THEN interval '1 day' ELSE interval '0' END) AT TIME ZONE p.time_zone)
                 - ((days.day + r.start_time::time) AT TIME ZONE p.time_zone)
               ) / 60), 0)::bigint AS minutes
        FROM providers p
        LEFT JOIN rules r ON r.provider_id = p.id
        LEFT JOIN days ON extract(isodow FROM days.day) = r.weekday
        WHERE p.tenant_id = ${tenantId}::uuid ${ids ? Prisma.sql`AND p.id = ANY(${ids}::uuid[])` : Prisma.empty}
        GROUP BY p.id, p.name, p.deleted_at, p.sort_order
        ORDER BY p.sort_order, p.name, p.id`;

      const of = (kind: Kind) => sets.filter((r) => r.kind === kind);
      return {
        byStatusAndCurrency: of('status')
          .filter((r) => r.bookings > 0)
          .map((r) => ({
            status: r.status!,
            currency: r.currency!,
            bookings: r.bookings,
            cents: Number(r.cents),
            paidCents: Number(r.paid),
          })),
        bookedMinutes: booked
          .filter((r) => Number(r.ms) > 0)
          .map((r) => ({ providerId: r.provider_id, minutes: Math.round(Number(r.ms) / 60_000) })),
        providers: providers.map((r) => ({
          id: r.id,
          name: r.name,
          deleted: r.deleted,
          availableMinutes: Number(r.minutes),
        })),
        busyHours: hours,
        // Bookings that happened or will: neither cancelled nor no-shows.
        services: of('service')
          .filter((r) => r.kept > 0)
          .map((r) => ({
            serviceId: r.service_id!,
            name: r.service_name ?? '',
            currency: r.currency!,
            bookings: r.kept,
            cents: Number(r.kept_cents),
          })),
        daily: of('day')
          .filter((r) => r.kept > 0)
          .map((r) => ({ date: r.day!, bookings: r.kept }))
          .sort((a, b) => a.date.localeCompare(b.date)),
        money: money.map((r) => ({
          date: r.day,
          currency: r.currency,
          capturedCents: Number(r.captured),
          feeCents: Number(r.fee),
          refundedCents: Number(r.refunded),
        })),
        ledgerInUse: ledger?.used === true,
      };
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
