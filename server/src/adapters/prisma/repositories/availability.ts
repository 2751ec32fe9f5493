import { NO_PAYMENT_POLICY, paymentPolicySchema, type BookingLimits } from '@slotwise/contracts';
import {
  FILL_MARGIN_MS,
  type ExistingBooking,
  type ParticipantMode,
  type WeeklyRule,
} from '../../../domain/availability';
import type { AvailabilitySnapshot, IntakeFieldRecord } from '../../../ports/records';
import type {
  AvailabilityLoadQuery,
  AvailabilityRepository,
  BookingSnapshot,
} from '../../../ports/repositories';
import type { Tx } from '../with-tenant';
import { settingsFromText } from './tenant';

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
  payment_policy: unknown;
  capacity: number;
  min_notice_minutes: number;
  max_advance_days: number;
  slot_interval_minutes: number | null;
  requires_approval: boolean;
  active: boolean;
  sort_order: number;
  created_at: string;
  updated_at: string;
  slot_placement: 'grid' | 'fill';
  booking_limits: BookingLimits;
}

interface SnapshotRow {
  tz: string;
  /** Epoch ms added to every instant of `bookings` and `busy` (they are sent relative to it). */
  base?: number;
  service: ServiceJson | null;
  /** [id, timeZone, sortOrder, limits, host, locationId] */
  providers: [string, string, number, BookingLimits, boolean, string | null][];
  /** Team services only (participant mode not 'single', or resources). */
  team: {
    mode: ParticipantMode;
    missing: number;
    /** [id, capacity, usable, locationId] */
    resources: [string, number, boolean, string | null][];
    /** Columns; `resource` indexes `resources`. */
    allocations: { resource: number[]; start: number[]; end: number[]; session: string[] };
  } | null;
  /** [providerIndex, localDate, bookings, minutes, serviceBookings, serviceMinutes]; null: none */
  loads: [number, string, number, number, number, number][] | null;
  /** [providerIndex, weekday, start, end, serviceIds] */
  rules: [number, WeeklyRule['weekday'], string, string, string[] | null][];
  /** [providerIndex, startDate, endDate, intervals] */
  overrides: [number, string, string, { startTime: string; endTime: string }[]][];
  /** [startDate, endDate] */
  blackouts: [string, string][];
  /**
   * Columns, one entry per booking; `service` indexes `services`. Null when there are none.
   * `occupied` (p_public reads of appointments): start and end are each booking's occupied range
   * (buffers included) and the other columns are null.
   */
  bookings: {
    occupied?: boolean;
    services: string[];
    provider: number[];
    service: number[];
    start: number[];
    end: number[];
    before: number[];
    after: number[];
    seats: number[];
  } | null;
  /** Booking reads: [slug, locale, settings as stored]. */
  tenant?: [string, string, string | null] | null;
  /** p_public reads: the tenant's data version, read in the same statement. */
  version?: string | null;
  /** The 'schedule' half of a split read (ADR 0024): `bookings` are only those of the first fifth of the providers. */
  split?: true | null;
  /** Columns, one entry per busy interval. */
  busy: { provider: number[]; start: number[]; end: number[] };
  /** Only when booking (p_for_booking): */
  intake: IntakeFieldRecord[] | null;
  /** [id, email, phone] of the customers matching the identity's email or phone. */
  customers: [string, string | null, string | null][] | null;
  /** Schedule version per provider, in the order of `providers`. */
  versions: number[] | null;
  base_version: number | null;
  resource_version: number | null;
}

/** The arguments of availability_snapshot (prisma/functions/availability_snapshot.sql); `identity` when booking. */
export function snapshotArgs(
  tenantId: string,
  q: AvailabilityLoadQuery,
  identity: { email: string | null; phone: string | null } | null,
): [
  string,
  string,
  string | null,
  Date,
  Date,
  string | null,
  string,
  string,
  boolean,
  string | null,
  string | null,
] {
  const from = q.fromUtc.getTime();
  const to = q.toUtc.getTime();
  // Local dates of any zone (UTC-12..+14) around the window, for date-based rows.
  return [
    tenantId,
    q.serviceId,
    q.providerId ?? null,
    // 'fill' places a start where a blocker ends, up to 5 minutes before the window
    // (FILL_MARGIN_MS in domain/availability/slots.ts): load those blockers too.
    new Date(from - FILL_MARGIN_MS),
    q.toUtc,
    q.excludeBookingId ?? null,
    utcDate(from - 2 * DAY_MS),
    utcDate(to + 2 * DAY_MS),
    identity !== null,
    identity?.email ?? null,
    identity?.phone ?? null,
  ];
}

/**
 * One statement, one round trip: the availability_snapshot function returns the service, its
 * active providers, and only the schedule, booking and busy rows that can touch the window, as
 * one JSON document; the thousands of bookings and busy intervals as columns (arrays of numbers),
 * providers and services referenced by position, instants as epoch ms (date_part, a float, is
 * several times cheaper than extract's numeric). Rendering a UUID and a timestamp per row, or a
 * JSON array per row, was most of the query's time; one text column also spares the driver
 * thousands of row and timestamp parses. Being PL/pgSQL, its plan is kept per connection.
 * Indexes: see prisma/migrations/*_availability_indexes.
 */
export function prismaAvailabilityRepository(tx: Tx, tenantId: string): AvailabilityRepository {
  return {
    async load(q) {
      const a = snapshotArgs(tenantId, q, null);
      const rows = await tx.$queryRaw<{ snapshot: string }[]>`
        SELECT availability_snapshot(${a[0]}::uuid, ${a[1]}::uuid, ${a[2]}::uuid, ${a[3]}::timestamptz,
          ${a[4]}::timestamptz, ${a[5]}::uuid, ${a[6]}::date, ${a[7]}::date, ${a[8]}, ${a[9]}, ${a[10]}) AS snapshot`;
      return parseSnapshot(rows[0]!.snapshot)?.snapshot ?? null;
    },
  };
}

/** The function's document as the engine's input, plus what booking needs when it was asked for. */
export function parseSnapshot(text: string): BookingSnapshot | null {
  return fromRow(JSON.parse(text) as SnapshotRow);
}

/** One half of a split public read (p_part 'schedule' or 'occupied'), parsed; null: none. */
export type SnapshotHalf = SnapshotRow | null;

/** Parses a half as soon as it arrives (the other may still be running). */
export const snapshotHalf = (text: string | null): SnapshotHalf =>
  text === null ? null : (JSON.parse(text) as SnapshotRow);

/**
 * Joins the halves of a split read (ADR 0024), or 'torn' when they do not stand for the same
 * committed state: different data versions (a write committed between the two statements) or a
 * different provider list. A service whose read is not split has its whole document in the
 * 'schedule' half.
 */
export function parseSplitSnapshot([row, half]: [SnapshotHalf, SnapshotHalf]):
  BookingSnapshot | null | 'torn' {
  if (row === null) return null;
  if (row.split !== true) return fromRow(row);
  if (
    half === null ||
    half.version == null ||
    half.version !== row.version ||
    half.base !== row.base ||
    half.providers.length !== row.providers.length ||
    half.providers.some((p, i) => p[0] !== row.providers[i]![0])
  )
    return 'torn';
  // Both halves' bookings are by position in the same provider list: each stays a column set.
  return fromRow(row, half.bookings);
}

function fromRow(row: SnapshotRow, more: SnapshotRow['bookings'] = null): BookingSnapshot | null {
  if (!row.service) return null;
  const versions = new Map<string, string>();
  row.versions?.forEach((v, i) => versions.set(row.providers[i]![0], String(v)));
  return {
    snapshot: toSnapshot(row, row.service, more),
    intake: row.intake ?? [],
    customers: (row.customers ?? []).map(([id, email, phone]) => ({ id, email, phone })),
    versions,
    ...(row.base_version !== null && row.base_version !== undefined
      ? {
          baseVersion: String(row.base_version),
          resourceVersion: String(row.resource_version ?? 0),
        }
      : {}),
    ...(typeof row.version === 'string' ? { dataVersion: row.version } : {}),
    ...(row.tenant
      ? { tenant: { slug: row.tenant[0], locale: row.tenant[1], settings: settingsFromText(row.tenant[2]) } }
      : {}),
  };
}

function toSnapshot(
  row: SnapshotRow,
  s: ServiceJson,
  more: SnapshotRow['bookings'],
): AvailabilitySnapshot {
  const ids = row.providers.map((p) => p[0]);
  const base = row.base ?? 0;
  // Occupied ranges only (an appointment's public read): the columns as they came, no object per
  // booking (the engine reads them as the same blockers, busy.ts).
  const occupied = [row.bookings, more]
    .filter((c) => c?.occupied === true)
    .map((c) => ({ providerIds: ids, base, provider: c!.provider, start: c!.start, end: c!.end }));
  const b = row.bookings?.occupied ? null : row.bookings;
  const bookings = new Array<ExistingBooking>(b ? b.start.length : 0);
  for (let i = 0; b && i < b.start.length; i++) {
    bookings[i] = {
      providerId: ids[b.provider[i]!]!,
      serviceId: b.services[b.service[i]!]!,
      start: base + b.start[i]!,
      end: base + b.end[i]!,
      bufferBeforeMinutes: b.before[i]!,
      bufferAfterMinutes: b.after[i]!,
      seats: b.seats[i]!,
    };
  }
  const x = row.busy;
  const busy = x.start.map((start, i) => ({
    providerId: ids[x.provider[i]!]!,
    start: base + start,
    end: base + x.end[i]!,
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
      paymentPolicy: s.payment_policy
        ? paymentPolicySchema.parse(s.payment_policy)
        : NO_PAYMENT_POLICY,
      capacity: s.capacity,
      minNoticeMinutes: s.min_notice_minutes,
      maxAdvanceDays: s.max_advance_days,
      slotIntervalMinutes: s.slot_interval_minutes,
      slotPlacement: s.slot_placement,
      limits: s.booking_limits,
      requiresApproval: s.requires_approval,
      active: s.active,
      sortOrder: s.sort_order,
      createdAt: new Date(s.created_at),
      updatedAt: new Date(s.updated_at),
    },
    providers: row.providers.map(([id, timeZone, sortOrder, limits, host, locationId]) => ({
      id,
      timeZone,
      sortOrder,
      limits,
      ...(host ? { host: true } : {}),
      ...(locationId ? { locationId } : {}),
    })),
    ...teamOf(row),
    loads: (row.loads ?? []).map(
      ([p, date, bookings, minutes, serviceBookings, serviceMinutes]) => ({
        providerId: ids[p]!,
        date,
        bookings,
        minutes: Number(minutes),
        serviceBookings,
        serviceMinutes: Number(serviceMinutes),
      }),
    ),
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
    ...(occupied.length > 0 ? { occupied } : {}),
    busy,
  };
}

function teamOf(
  row: SnapshotRow,
): Pick<AvailabilitySnapshot, 'team' | 'resources' | 'allocations'> {
  const t = row.team;
  if (!t) return {};
  const resources = t.resources.map(([id, capacity, usable, locationId]) => ({
    id,
    capacity,
    usable,
    locationId,
  }));
  const a = t.allocations;
  return {
    team: { mode: t.mode, missing: Number(t.missing) },
    resources,
    allocations: a.start.map((start, i) => ({
      resourceId: resources[a.resource[i]!]!.id,
      start,
      end: a.end[i]!,
      sessionKey: a.session[i]!,
    })),
  };
}
