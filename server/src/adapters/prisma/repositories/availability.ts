import type { ExistingBooking, WeeklyRule } from '../../../domain/availability';
import type { AvailabilitySnapshot } from '../../../ports/records';
import type { AvailabilityRepository } from '../../../ports/repositories';
import type { Tx } from '../with-tenant';

const DAY_MS = 86_400_000;
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface ServiceJson {
  id: string;
  name: string;
  description: string;
  category: string | null;
  duration_minutes: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  price_cents: number;
  currency: string;
  deposit_type: 'none' | 'fixed' | 'percent';
  deposit_value: number;
  capacity: number;
  min_notice_minutes: number;
  max_advance_days: number;
  slot_interval_minutes: number | null;
  requires_approval: boolean;
  active: boolean;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

interface SnapshotRow {
  tz: string;
  service: ServiceJson | null;
  /** [id, timeZone, sortOrder] */
  providers: [string, string, number][];
  /** [providerIndex, weekday, start, end, serviceIds] */
  rules: [number, WeeklyRule['weekday'], string, string, string[] | null][];
  /** [providerIndex, startDate, endDate, intervals] */
  overrides: [number, string, string, { startTime: string; endTime: string }[]][];
  /** [startDate, endDate] */
  blackouts: [string, string][];
  /** Columns, one entry per booking; `service` indexes `services`. Null when there are none. */
  bookings: {
    services: string[];
    provider: number[];
    service: number[];
    start: number[];
    end: number[];
    before: number[];
    after: number[];
    seats: number[];
  } | null;
  /** Columns, one entry per busy interval. */
  busy: { provider: number[]; start: number[]; end: number[] };
}

/**
 * One statement, one round trip: the service, its active providers, and only the schedule,
 * booking and busy rows that can touch the window. It comes back as one JSON document; the
 * thousands of bookings and busy intervals as columns (arrays of numbers), providers and
 * services referenced by position, instants as epoch ms (date_part, a float, is several times
 * cheaper than extract's numeric). Rendering a UUID and a timestamp per row, or a JSON array per
 * row, was most of the query's time; one text column also spares the driver thousands of row
 * and timestamp parses.
 * Indexes: see prisma/migrations/*_availability_indexes.
 */
export function prismaAvailabilityRepository(tx: Tx, tenantId: string): AvailabilityRepository {
  return {
    async load(q) {
      const from = q.fromUtc.getTime();
      const to = q.toUtc.getTime();
      // Local dates of any zone (UTC-12..+14) around the window, for date-based rows.
      const fromDate = utcDate(from - 2 * DAY_MS);
      const toDate = utcDate(to + 2 * DAY_MS);
      const rows = await tx.$queryRaw<{ snapshot: string }[]>`
        WITH svc AS (
          SELECT id, name, description, category, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                 price_cents, currency, deposit_type, deposit_value, capacity, min_notice_minutes, max_advance_days,
                 slot_interval_minutes, requires_approval, active, sort_order, created_at, updated_at
          FROM services
          WHERE tenant_id = ${tenantId}::uuid AND id = ${q.serviceId}::uuid AND deleted_at IS NULL
        ),
        prov AS (
          SELECT p.id, p.time_zone, p.sort_order, (row_number() OVER (ORDER BY p.sort_order, p.id) - 1)::int AS idx
          FROM provider_services ps
          JOIN providers p ON p.tenant_id = ps.tenant_id AND p.id = ps.provider_id
          WHERE ps.tenant_id = ${tenantId}::uuid AND ps.service_id = ${q.serviceId}::uuid
            AND p.active AND p.deleted_at IS NULL
            AND (${q.providerId ?? null}::uuid IS NULL OR p.id = ${q.providerId ?? null}::uuid)
            AND EXISTS (SELECT 1 FROM svc)
        ),
        win AS (
          SELECT ${q.fromUtc}::timestamptz - make_interval(mins => buffer_before_minutes) AS lo,
                 ${q.toUtc}::timestamptz + make_interval(mins => duration_minutes + buffer_after_minutes) AS hi
          FROM svc
        ),
        bk AS (
          SELECT prov.idx, b.service_id, round(date_part('epoch', b.start_at) * 1000) AS start_ms, round(date_part('epoch', b.end_at) * 1000) AS end_ms,
                 b.buffer_before_minutes AS bb, b.buffer_after_minutes AS ba, b.seats
          FROM prov
          JOIN bookings b ON b.tenant_id = ${tenantId}::uuid AND b.provider_id = prov.id
          CROSS JOIN win
          WHERE b.status IN ('pending', 'confirmed', 'checked_in')
            AND b.occupied_end > win.lo AND b.occupied_start < win.hi
            AND (${q.excludeBookingId ?? null}::uuid IS NULL OR b.id <> ${q.excludeBookingId ?? null}::uuid)
        )
        SELECT json_build_object(
          'tz', (SELECT time_zone FROM tenants WHERE id = ${tenantId}::uuid),
          'service', (SELECT row_to_json(svc) FROM svc),
          'providers', COALESCE((SELECT json_agg(json_build_array(id, time_zone, sort_order) ORDER BY idx) FROM prov), '[]'),
          'rules', COALESCE((
            SELECT json_agg(json_build_array(prov.idx, r.weekday, r.start_time, r.end_time, NULLIF(r.service_ids, '{}')))
            FROM availability_rules r JOIN prov ON prov.id = r.provider_id
            WHERE r.tenant_id = ${tenantId}::uuid), '[]'),
          'overrides', COALESCE((
            SELECT json_agg(json_build_array(prov.idx, o.start_date, o.end_date, o.intervals))
            FROM date_overrides o JOIN prov ON prov.id = o.provider_id
            WHERE o.tenant_id = ${tenantId}::uuid AND o.end_date >= ${fromDate}::date AND o.start_date <= ${toDate}::date), '[]'),
          'blackouts', COALESCE((
            SELECT json_agg(json_build_array(b.start_date, b.end_date))
            FROM blackouts b
            WHERE b.tenant_id = ${tenantId}::uuid AND b.end_date >= ${fromDate}::date AND b.start_date <= ${toDate}::date), '[]'),
          'bookings', (
            SELECT json_build_object(
              'services', d.ids,
              'provider', COALESCE(array_agg(bk.idx), '{}'),
              'service', COALESCE(array_agg(array_position(d.ids, bk.service_id) - 1), '{}'),
              'start', COALESCE(array_agg(bk.start_ms), '{}'),
              'end', COALESCE(array_agg(bk.end_ms), '{}'),
              'before', COALESCE(array_agg(bk.bb), '{}'),
              'after', COALESCE(array_agg(bk.ba), '{}'),
              'seats', COALESCE(array_agg(bk.seats), '{}'))
            FROM bk, (SELECT array_agg(service_id) AS ids FROM (SELECT DISTINCT service_id FROM bk) u) d
            GROUP BY d.ids),
          'busy', (
            SELECT json_build_object(
              'provider', COALESCE(array_agg(prov.idx), '{}'),
              'start', COALESCE(array_agg(round(date_part('epoch', x.start_at) * 1000)), '{}'),
              'end', COALESCE(array_agg(round(date_part('epoch', x.end_at) * 1000)), '{}'))
            FROM prov
            JOIN external_busy x ON x.tenant_id = ${tenantId}::uuid AND x.provider_id = prov.id
            CROSS JOIN win
            WHERE x.end_at > win.lo AND x.start_at < win.hi)
        )::text AS snapshot`;
      const row = JSON.parse(rows[0]!.snapshot) as SnapshotRow;
      if (!row.service) return null;
      return toSnapshot(row, row.service);
    },
  };
}

function toSnapshot(row: SnapshotRow, s: ServiceJson): AvailabilitySnapshot {
  const ids = row.providers.map((p) => p[0]);
  const b = row.bookings;
  const bookings = new Array<ExistingBooking>(b ? b.start.length : 0);
  for (let i = 0; b && i < b.start.length; i++) {
    bookings[i] = {
      providerId: ids[b.provider[i]!]!,
      serviceId: b.services[b.service[i]!]!,
      start: b.start[i]!,
      end: b.end[i]!,
      bufferBeforeMinutes: b.before[i]!,
      bufferAfterMinutes: b.after[i]!,
      seats: b.seats[i]!,
    };
  }
  const x = row.busy;
  const busy = x.start.map((start, i) => ({
    providerId: ids[x.provider[i]!]!,
    start,
    end: x.end[i]!,
  }));
  return {
    tenantTimeZone: row.tz,
    service: {
      id: s.id,
      name: s.name,
      description: s.description,
      category: s.category,
      durationMinutes: s.duration_minutes,
      bufferBeforeMinutes: s.buffer_before_minutes,
      bufferAfterMinutes: s.buffer_after_minutes,
      priceCents: s.price_cents,
      currency: s.currency,
      deposit: { type: s.deposit_type, value: s.deposit_value },
      capacity: s.capacity,
      minNoticeMinutes: s.min_notice_minutes,
      maxAdvanceDays: s.max_advance_days,
      slotIntervalMinutes: s.slot_interval_minutes,
      requiresApproval: s.requires_approval,
      active: s.active,
      sortOrder: s.sort_order,
      createdAt: new Date(s.created_at),
      updatedAt: new Date(s.updated_at),
    },
    providers: row.providers.map(([id, timeZone, sortOrder]) => ({ id, timeZone, sortOrder })),
    rules: row.rules.map(([p, weekday, startTime, endTime, serviceIds]) => ({
      providerId: ids[p]!,
      weekday,
      startTime,
      endTime,
      serviceIds,
    })),
    overrides: row.overrides.map(([p, startDate, endDate, intervals]) => ({
      providerId: ids[p]!,
      startDate,
      endDate,
      intervals,
    })),
    blackouts: row.blackouts.map(([startDate, endDate]) => ({ startDate, endDate })),
    bookings,
    busy,
  };
}
