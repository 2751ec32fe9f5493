-- Teams and locations (docs/decisions/0018-teams-and-resources.md, 0019-locations.md): a host's
-- time counts against its own booking limits, and the database refuses a booking that pairs a
-- provider with a resource at another location.

-- Every host row of a provider by start, cancelled, completed and no-show bookings included
-- (booking_participants_host_idx holds active rows only; a completed booking still counts in the
-- day's and the week's limits). Read by the limit checks (bookings_enforce_limits.sql) and the
-- snapshot's loads.
CREATE INDEX "booking_participants_host_time_idx" ON "booking_participants"("tenant_id", "provider_id", "occupied_start")
  INCLUDE ("booking_id") WHERE "role" = 'host';

-- First definitions; the live ones are in prisma/functions/bookings_enforce_limits.sql and
-- prisma/functions/booking_participants_same_site.sql.
CREATE OR REPLACE FUNCTION "booking_participants_enforce_limits"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION "booking_participants_same_site"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END $$;

-- A host row that starts holding a provider (inserted, moved, reactivated, given to another
-- provider) is checked against that provider's limits.
CREATE TRIGGER "booking_participants_enforce_limits" BEFORE INSERT OR UPDATE OF provider_id, occupied_start, occupied_end, active
  ON "booking_participants" FOR EACH ROW WHEN (NEW."role" = 'host' AND NEW."active")
  EXECUTE FUNCTION "booking_participants_enforce_limits"();
-- AFTER: it sees every row the statement wrote (a reassignment moves the primary and the
-- resources in one UPDATE, in no guaranteed order). Primary rows only change with their booking,
-- whose resource rows the same statement rewrites, so host and resource rows are enough.
CREATE TRIGGER "booking_participants_same_site" AFTER INSERT OR UPDATE
  ON "booking_participants" FOR EACH ROW WHEN (NEW."active" AND NEW."role" <> 'primary')
  EXECUTE FUNCTION "booking_participants_same_site"();
