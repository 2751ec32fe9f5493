-- Where a booking takes place (docs/decisions/0019-locations.md): the database's backstop for the
-- rule of server/src/domain/availability/site.ts, which the engine and the booking use cases
-- apply before writing. A provider with a location and a resource with another location never
-- take part in one booking, nor do two resources at different locations (then no provider can);
-- a provider or a resource with no location fits any.
--
-- Trigger booking_participants_same_site: AFTER INSERT OR UPDATE of an active host or resource
-- row, so it sees every participant the statement wrote (booking_create writes the hosts before
-- the resources; a reassignment rewrites the primary and the resources in one statement). It
-- refuses with SQLSTATE SW012, classified in server/src/adapters/postgres/sql-errors.ts like a
-- taken slot: this provider cannot hold that time with those resources (409 slot_unavailable, and
-- "any provider" tries the next one). The app's own check makes this a race-only refusal: a
-- provider or resource moved to another location while the booking was being made.
CREATE OR REPLACE FUNCTION "booking_participants_same_site"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_resource uuid;
  v_site uuid;
  v_other uuid;
BEGIN
  SELECT r.id, r.location_id, COALESCE(p.location_id, q.location_id)
    INTO v_resource, v_site, v_other
    FROM booking_participants a
    JOIN resources r ON r.tenant_id = a.tenant_id AND r.id = a.resource_id
    JOIN booking_participants x ON x.tenant_id = a.tenant_id AND x.booking_id = a.booking_id AND x.id <> a.id
    LEFT JOIN providers p ON p.tenant_id = x.tenant_id AND p.id = x.provider_id
    LEFT JOIN resources q ON q.tenant_id = x.tenant_id AND q.id = x.resource_id
   WHERE a.tenant_id = NEW.tenant_id AND a.booking_id = NEW.booking_id AND a.role = 'resource'
     AND r.location_id IS NOT NULL AND COALESCE(p.location_id, q.location_id) <> r.location_id
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'site_mismatch: resource % is at location %, another participant of the booking at %',
      v_resource, v_site, v_other USING ERRCODE = 'SW012';
  END IF;
  RETURN NULL;
END $$;
