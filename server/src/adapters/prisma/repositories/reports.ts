import type { BookingStatus } from '../../../domain/booking/lifecycle';
import { Prisma } from '../../../generated/prisma/client';
import type { BookingExportRow } from '../../../ports/records';
import type { ReportRepository } from '../../../ports/repositories';
import type { Tx } from '../with-tenant';

type Kind = 'status' | 'service' | 'provider' | 'busy';

interface SetRow {
  kind: Kind;
  status: BookingStatus | null;
  currency: string | null;
  service_id: string | null;
  service_name: string | null;
  provider_id: string | null;
  class_key: string | null;
  weekday: number | null;
  hour: number | null;
  bookings: number;
  live: number;
  cents: bigint;
  live_cents: bigint;
  live_minutes: number;
  longest_live_minutes: number;
  kept: number;
  kept_cents: bigint;
}

/**
 * Report aggregates, computed by PostgreSQL. Bookings starting in [start, end) are read once
 * (the (tenant_id, start_at) index) and grouped four ways in the same pass (GROUPING SETS):
 * by status and currency, by service and currency, by provider and class session, and by start
 * instant. The start instants are then put in local weekday × hour buckets with AT TIME ZONE,
 * once per distinct start rather than once per booking. "Live" means not cancelled. Seats of one
 * class share a session key, so a class counts once in the provider's booked time (its longest
 * seat), not once per seat.
 */
export function prismaReportRepository(tx: Tx, tenantId: string): ReportRepository {
  return {
    async aggregates({ start, end, timeZone, fromDate, toDate, providerIds }) {
      // Only these providers' bookings and utilisation (NULL: everyone).
      const only = providerIds ? [...providerIds] : null;
      // Room to hash all four groupings in one pass over a year of bookings (the default 4 MB
      // makes the planner sort 50,000 rows instead). LOCAL: it ends with this transaction.
      await tx.$executeRaw`SET LOCAL work_mem = '32MB'`;
      const sets = await tx.$queryRaw<SetRow[]>`
        WITH g AS (
          SELECT CASE WHEN GROUPING(b.start_at) = 0 THEN 'start'
                      WHEN GROUPING(b.provider_id) = 0 THEN 'provider'
                      WHEN GROUPING(b.service_id) = 0 THEN 'service'
                      ELSE 'status' END AS kind,
                 b.status, b.currency, b.service_id, b.provider_id, b.class_key, b.start_at,
                 count(*)::int AS bookings,
                 count(*) FILTER (WHERE b.live)::int AS live,
                 count(*) FILTER (WHERE b.kept)::int AS kept,
                 coalesce(sum(b.price_cents) FILTER (WHERE b.kept), 0)::bigint AS kept_cents,
                 coalesce(sum(b.price_cents), 0)::bigint AS cents,
                 coalesce(sum(b.price_cents) FILTER (WHERE b.live), 0)::bigint AS live_cents,
                 coalesce(sum(b.minutes) FILTER (WHERE b.live), 0)::float8 AS live_minutes,
                 coalesce(max(b.minutes) FILTER (WHERE b.live), 0)::float8 AS longest_live_minutes
          FROM (
            SELECT status, currency, service_id, provider_id, start_at, price_cents,
                   status <> 'cancelled' AS live,
                   status NOT IN ('cancelled', 'no_show') AS kept,
                   date_part('epoch', end_at - start_at) / 60 AS minutes,
                   CASE WHEN session_key <> id::text THEN session_key END AS class_key
            FROM bookings
            WHERE tenant_id = ${tenantId}::uuid AND start_at >= ${start} AND start_at < ${end}
              AND (${only}::uuid[] IS NULL OR provider_id = ANY(${only}::uuid[]))
          ) b
          GROUP BY GROUPING SETS ((b.status, b.currency), (b.service_id, b.currency), (b.provider_id, b.class_key), (b.start_at))
        )
        SELECT g.kind, g.status, g.currency, g.service_id, s.name AS service_name, g.provider_id, g.class_key,
               NULL::int AS weekday, NULL::int AS hour,
               g.bookings, g.live, g.cents, g.live_cents, g.live_minutes, g.longest_live_minutes,
               g.kept, g.kept_cents
        FROM g LEFT JOIN services s ON s.tenant_id = ${tenantId}::uuid AND s.id = g.service_id
        WHERE g.kind <> 'start'
        UNION ALL
        SELECT 'busy', NULL, NULL, NULL, NULL, NULL, NULL, l.weekday, l.hour,
               sum(l.bookings)::int, sum(l.live)::int, 0, 0, 0, 0, 0, 0
        FROM (
          SELECT extract(isodow FROM start_at AT TIME ZONE ${timeZone})::int AS weekday,
                 extract(hour FROM start_at AT TIME ZONE ${timeZone})::int AS hour, bookings, live
          FROM g WHERE kind = 'start'
        ) l
        GROUP BY l.weekday, l.hour
        HAVING sum(l.live) > 0
        ORDER BY 1, 8, 9`;

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
        WHERE p.tenant_id = ${tenantId}::uuid AND (${only}::uuid[] IS NULL OR p.id = ANY(${only}::uuid[]))
        GROUP BY p.id, p.name, p.deleted_at, p.sort_order
        ORDER BY p.sort_order, p.name, p.id`;

      const of = (kind: Kind) => sets.filter((r) => r.kind === kind);
      const bookedMinutes = new Map<string, number>();
      for (const r of of('provider')) {
        // Appointments (no class key) add up; a class session counts once.
        const minutes = r.class_key === null ? r.live_minutes : r.longest_live_minutes;
        bookedMinutes.set(r.provider_id!, (bookedMinutes.get(r.provider_id!) ?? 0) + minutes);
      }
      return {
        byStatusAndCurrency: of('status').map((r) => ({
          status: r.status!,
          currency: r.currency!,
          bookings: r.bookings,
          cents: Number(r.cents),
        })),
        bookedMinutes: [...bookedMinutes].map(([providerId, minutes]) => ({
          providerId,
          minutes: Math.round(minutes),
        })),
        providers: providers.map((r) => ({
          id: r.id,
          name: r.name,
          deleted: r.deleted,
          availableMinutes: Number(r.minutes),
        })),
        busyHours: of('busy').map((r) => ({
          weekday: r.weekday!,
          hour: r.hour!,
          bookings: r.live,
        })),
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
