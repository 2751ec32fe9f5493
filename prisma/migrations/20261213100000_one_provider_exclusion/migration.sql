-- Fewer entries per booking write (docs/decisions/0025-one-provider-exclusion.md). One exclusion
-- constraint holds providers.
-- booking_participants_no_overlap already covers every provider in every role, the booking's own
-- provider included (its 'primary' row, written by bookings_sync_participants with the booking),
-- so bookings_no_overlap refused nothing that constraint does not; it only cost every booking
-- write a second GiST entry (~450 bytes of WAL, docs/performance.md "Booking"). booking_create
-- (prisma/functions/booking_create.sql) now inserts the booking and lets the primary row's
-- insert find the conflict (SW002), as it already did for hosts.
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_no_overlap";

-- The limit counts (bookings_enforce_limits, availability_snapshot_loads) read a provider's
-- bookings by start through bookings_tenant_id_provider_id_start_at_idx, which has the same key
-- and differs only by holding cancelled bookings too (filtered on the heap page each counted row
-- is read from anyway): one index fewer on every booking write.
DROP INDEX "bookings_provider_start_counted_idx";

-- The capacity trigger counts the seats of one class session by (tenant, provider, session key);
-- an appointment is a session of its own (session key = its id) and is never counted that way,
-- so the index holds class seats only: appointments, most bookings, no longer write an entry.
DROP INDEX "bookings_active_session_idx";
CREATE INDEX "bookings_class_session_idx" ON "bookings"("tenant_id", "provider_id", "session_key")
  WHERE "status" IN ('pending', 'pending_payment', 'confirmed', 'checked_in') AND "session_key" <> "id"::text;
