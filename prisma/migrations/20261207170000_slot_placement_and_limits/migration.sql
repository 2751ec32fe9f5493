-- Availability v2 (docs/decisions/0016-slot-placement-and-booking-limits.md).
--
-- services.slot_placement: how the engine places starts ('grid': every step from the start of
-- working time; 'fill': also right after each booking, busy interval and the notice boundary).
-- services.booking_limits / providers.booking_limits: optional caps, as a JSON object with the
-- keys bookingsPerDay, bookingsPerWeek, minutesPerDay, minutesPerWeek (counted in the provider's
-- zone, ISO weeks), minGapMinutes and startOffsetMinutes; '{}' = none. The contracts validate
-- the shape; the engine hides what a limit forbids and the trigger below refuses it at write time.
ALTER TABLE "services" ADD COLUMN "slot_placement" TEXT NOT NULL DEFAULT 'grid';
ALTER TABLE "services" ADD CONSTRAINT "services_slot_placement_check" CHECK ("slot_placement" IN ('grid', 'fill'));
ALTER TABLE "services" ADD COLUMN "booking_limits" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "providers" ADD COLUMN "booking_limits" JSONB NOT NULL DEFAULT '{}';

-- First definition; the live one is prisma/functions/bookings_enforce_limits.sql.
CREATE OR REPLACE FUNCTION "bookings_enforce_limits"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END $$;

-- BEFORE triggers fire in name order: derive_occupied (occupied range), enforce_capacity (the
-- session lock), then this one (the provider's limits lock): always in that order, so no deadlock.
CREATE TRIGGER "bookings_enforce_limits" BEFORE INSERT OR UPDATE OF status, provider_id, service_id, start_at, end_at
  ON "bookings" FOR EACH ROW EXECUTE FUNCTION "bookings_enforce_limits"();

-- The limit counts read one provider's bookings of a day or week by start.
CREATE INDEX "bookings_provider_start_counted_idx" ON "bookings"("tenant_id", "provider_id", "start_at")
  WHERE "status" <> 'cancelled';
