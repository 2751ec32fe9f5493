import type pg from 'pg';
import {
  ConfirmationCodeTaken,
  CustomerChanged,
  ScheduleChanged,
  SlotTaken,
  type AvailabilitySnapshots,
  type BookingCreation,
  type BookingStore,
} from '../../ports/repositories';
import {
  parseSnapshot,
  parseSplitSnapshot,
  snapshotArgs,
  snapshotHalf,
} from '../prisma/repositories/availability';
import { toBooking, type BookingRow } from '../prisma/repositories/bookings';
import { MonthlyCapReached } from '../../ports/plans';
import { StoreRefusal } from '../../ports/errors';
import { classifySqlError, inputErrorOf, isUniqueViolation } from './sql-errors';
import { pendingCompletion, poolHoldOpen } from './idempotent-commit';
import { requestTransaction } from '../prisma/unit-of-work';
import type { PrismaClient } from '../../generated/prisma/client';

const MAX_ATTEMPTS = 4;
const CREATE_SQL = 'SELECT * FROM booking_create($1, $2, $3, $4, $5, $6, $7)';
// Prisma sends its parameters typed (text for strings), so the overload is named in full.
const CREATE_SQL_TYPED =
  'SELECT * FROM booking_create($1::uuid, $2::bigint, $3::jsonb, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb)';
const SNAPSHOT_SQL =
  'SELECT availability_snapshot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AS snapshot';
/** The public read (p_public): with the data version, appointments' bookings as occupied ranges. */
const PUBLIC_SNAPSHOT_SQL =
  'SELECT availability_snapshot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true) AS snapshot';
/** One half of a split public read (p_part, ADR 0024). */
const PUBLIC_PART_SQL =
  'SELECT availability_snapshot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12) AS snapshot';

/**
 * The engine's input on the pool directly: named statements (parsed once per connection) calling
 * availability_snapshot, which sets the tenant for its own transaction; the public read in two
 * halves (ADR 0024), the booking read whole.
 */
export function pgAvailabilitySnapshots(pool: pg.Pool): AvailabilitySnapshots {
  const text = async (name: string, sql: string, values: unknown[]) => {
    const { rows } = await pool
      .query<{ snapshot: string | null }>({ name, text: sql, values })
      .catch((err: unknown) => Promise.reject(inputErrorOf(err) ?? err));
    return rows[0]!.snapshot;
  };
  const read = async (name: string, sql: string, values: unknown[]) =>
    parseSnapshot((await text(name, sql, values))!);
  return {
    // Both halves at once on two connections: a miss waits for the larger one, not for both.
    // Torn halves (a write committed in between) are read again as one statement.
    async load(tenantId, window) {
      const args = snapshotArgs(tenantId, window, null);
      const halves = await Promise.all([
        text('availability_snapshot_schedule', PUBLIC_PART_SQL, [...args, 'schedule']).then(
          snapshotHalf,
        ),
        text('availability_snapshot_occupied', PUBLIC_PART_SQL, [...args, 'occupied']).then(
          snapshotHalf,
        ),
      ]);
      let r = parseSplitSnapshot(halves);
      if (r === 'torn') r = await read('availability_snapshot_public', PUBLIC_SNAPSHOT_SQL, args);
      return r && { snapshot: r.snapshot, version: r.dataVersion };
    },
    loadForBooking: (tenantId, window, identity) =>
      read('availability_snapshot', SNAPSHOT_SQL, snapshotArgs(tenantId, window, identity)),
  };
}

/**
 * The booking write on the pool directly: one named statement calling booking_create
 * (prisma/functions/booking_create.sql), which sets the tenant for its own transaction. No
 * interactive transaction, so no connection is held across the engine's work. Its refusals come
 * back as the port's errors (SQLSTATEs classified in sql-errors.ts).
 *
 * With an Idempotency-Key the booking commits with the stored response (ADR 0008): in a `pg`
 * transaction of its own, or — when later work of the request must see it (`joinedLater`), or a
 * transaction of the request is already held — in the request's Prisma unit of work, which that
 * work joins (ADR 0008 §5).
 */
export function pgBookingStore(pool: pg.Pool, prisma: PrismaClient): BookingStore {
  const write = async (
    tenantId: string,
    values: unknown[],
    joinedLater: boolean,
  ): Promise<BookingRow> => {
    const p = pendingCompletion();
    if (p && (joinedLater || p.held)) {
      const rows = await requestTransaction(prisma, tenantId, (tx) =>
        tx.$queryRawUnsafe<BookingRow[]>(CREATE_SQL_TYPED, ...values),
      );
      return rows[0]!;
    }
    if (p) return (await poolHoldOpen<BookingRow>(p, pool, { text: CREATE_SQL_TYPED, values }))[0]!;
    const { rows } = await pool.query<BookingRow>({
      name: 'booking_create',
      text: CREATE_SQL,
      values,
    });
    return rows[0]!;
  };
  return {
    async create(tenantId, c) {
      const values = creationArgs(tenantId, c);
      for (let attempt = 1; ; attempt++) {
        try {
          return toBooking(await write(tenantId, values, c.joinedLater));
        } catch (err) {
          const kind = classifySqlError(err);
          if (kind === 'slot_taken') throw new SlotTaken();
          if (kind === 'schedule_changed') throw new ScheduleChanged();
          if (kind === 'customer_changed') throw new CustomerChanged();
          if (kind === 'plan_limit') throw monthlyCapOf(err);
          // The key's claim, made with this write, did not hold (ADR 0008 §6, isClaimRefused): the
          // idempotency middleware answers as for a duplicate; this only keeps it out of the 500s.
          if (pendingCompletion()?.taken)
            throw new StoreRefusal(
              'contention',
              'Another request with this Idempotency-Key holds it',
            );
          // The only unique key a fresh booking can hit: its id and token hash are 122/256 random bits.
          if (isUniqueViolation(err)) throw new ConfirmationCodeTaken();
          // A deadlock or serialization failure aborted the whole statement: running it again is safe.
          if (kind === 'retry' && attempt < MAX_ATTEMPTS) {
            await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20 * attempt));
            continue;
          }
          throw inputErrorOf(err) ?? err;
        }
      }
    },
  };
}

function creationArgs(tenantId: string, c: BookingCreation): unknown[] {
  const b = c.booking;
  const event = c.event;
  return [
    tenantId,
    c.scheduleVersion,
    c.newCustomer
      ? JSON.stringify({
          name: c.newCustomer.name,
          email: c.newCustomer.email,
          phone: c.newCustomer.phone,
          time_zone: c.newCustomer.timeZone,
        })
      : null,
    JSON.stringify({
      id: b.id,
      service_id: b.serviceId,
      provider_id: b.providerId,
      customer_id: b.customerId,
      status: b.status,
      start_at: b.startAt.toISOString(),
      end_at: b.endAt.toISOString(),
      buffer_before_minutes: b.bufferBeforeMinutes,
      buffer_after_minutes: b.bufferAfterMinutes,
      session_key: b.sessionKey,
      seats: b.seats,
      confirmation_code: b.confirmationCode,
      manage_token_hash: b.manageTokenHash,
      price_cents: b.priceCents,
      currency: b.currency,
      deposit_cents: b.depositCents,
      customer_time_zone: b.customerTimeZone,
      customer_notes: b.customerNotes,
      staff_notes: b.staffNotes,
      source: b.source,
      outside_availability: b.outsideAvailability,
      hold_minutes: b.holdMinutes ?? null,
      language: b.language ?? null,
      ...(b.participants ? { participants: b.participants } : {}),
    }),
    JSON.stringify(
      c.answers.map((a) => ({ field_id: a.fieldId, key: a.key, label: a.label, value: a.value })),
    ),
    JSON.stringify({
      action: event.action,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      actor_type: event.actorType,
      actor_id: event.actorId,
      reason: event.reason ?? null,
      data: event.data ?? {},
    }),
    JSON.stringify(c.outbox),
  ];
}

/** The cap trigger's DETAIL is "limit,usage" (prisma/functions/plan_limits.sql). */
function monthlyCapOf(err: unknown): MonthlyCapReached {
  const seen = new Set<unknown>();
  const detailOf = (e: unknown): string | undefined => {
    if (!e || typeof e !== 'object' || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (typeof o.detail === 'string') return o.detail;
    // Through Prisma (a keyed booking) the driver's error is under meta.driverAdapterError.
    const meta = o.meta as Record<string, unknown> | undefined;
    return detailOf(meta?.driverAdapterError) ?? detailOf(o.cause);
  };
  const [limit, usage] = (detailOf(err) ?? '').split(',').map(Number);
  return new MonthlyCapReached(
    Number.isFinite(limit) ? limit! : 0,
    Number.isFinite(usage) ? usage! : 0,
  );
}
