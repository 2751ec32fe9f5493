import type pg from 'pg';
import {
  ConfirmationCodeTaken,
  type AvailabilitySnapshots,
  type BookingCreation,
  type BookingStore,
} from '../../ports/repositories';
import { parseSnapshot, snapshotArgs } from '../prisma/repositories/availability';
import { slotTaken, toBooking, type BookingRow } from '../prisma/repositories/bookings';
import { StoreRefusal } from '../../ports/errors';
import { isSerializationFailure, isSlotTaken, isUniqueViolation, sqlConditionOf } from './sql-errors';

const MAX_ATTEMPTS = 4;

/**
 * The engine's input on the pool directly: one named statement (parsed once per connection)
 * calling availability_snapshot, which sets the tenant for its own transaction.
 */
export function pgAvailabilitySnapshots(pool: pg.Pool): AvailabilitySnapshots {
  return {
    async load(tenantId, window, opts = {}) {
      const { rows } = await pool.query<{ snapshot: string }>({
        name: 'availability_snapshot',
        text: 'SELECT availability_snapshot($1, $2, $3, $4, $5, $6, $7, $8, $9) AS snapshot',
        values: snapshotArgs(tenantId, window, opts.withIntake ?? false),
      });
      return parseSnapshot(rows[0]!.snapshot);
    },
  };
}

/**
 * The booking write on the pool directly: one named statement calling booking_create (migration
 * *_booking_write_functions), which sets the tenant for its own transaction. No interactive
 * transaction, so no connection is held across the engine's work.
 */
export function pgBookingStore(pool: pg.Pool): BookingStore {
  return {
    async create(tenantId, c) {
      const values = creationArgs(tenantId, c);
      for (let attempt = 1; ; attempt++) {
        try {
          const { rows } = await pool.query<BookingRow>({
            name: 'booking_create',
            text: 'SELECT * FROM booking_create($1, $2, $3, $4, $5, $6, $7, $8, $9)',
            values,
          });
          return toBooking(rows[0]!);
        } catch (err) {
          if (isSlotTaken(err)) throw slotTaken();
          // customer_find_or_create: the email and the phone belong to two customers being created at once.
          if (sqlConditionOf(err) === 'customerConflict')
            throw new StoreRefusal(
              'duplicate',
              'The email and phone number belong to different customers; use one of them',
            );
          // The only unique key a fresh booking can hit: its id and token hash are 122/256 random bits.
          if (isUniqueViolation(err)) throw new ConfirmationCodeTaken();
          // A deadlock or serialization failure aborted the whole statement: running it again is safe.
          if (isSerializationFailure(err) && attempt < MAX_ATTEMPTS) {
            await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20 * attempt));
            continue;
          }
          throw err;
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
    JSON.stringify({
      id: b.id,
      service_id: b.serviceId,
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
    }),
    JSON.stringify({
      name: c.customer.name,
      email: c.customer.email,
      phone: c.customer.phone,
      time_zone: c.customer.timeZone,
    }),
    c.candidates,
    c.free,
    c.capacity,
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
