-- Locations (docs/decisions/0019-locations.md): a tenant's sites, each with its address and zone.
--
-- A tenant without locations works exactly as before: providers.location_id, service_locations
-- and bookings.location_id are all optional.
--
-- * providers.location_id: where the provider works. A provider AT a location works in the
--   location's zone: its time_zone is copied from the location when it is placed there and
--   follows every change of the location's zone (triggers below), so the slot engine keeps
--   reading one zone per provider (providers.time_zone) and DST stays exact.
-- * service_locations: no row = the service is offered at every location; rows = only there.
--   A provider at a location may only offer services offered there (checked at commit, SW014).
-- * bookings.location_id: where the visit takes place, derived from the provider when booked.
--
-- A location in use (by a provider, even a deleted one, a booking or a service's offering) is
-- never deleted (foreign keys RESTRICT); it can be deactivated.

CREATE TABLE "locations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address_line1" TEXT NOT NULL DEFAULT '',
    "address_line2" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "postal_code" TEXT NOT NULL DEFAULT '',
    "country" CHAR(2),
    "phone" TEXT,
    "time_zone" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "locations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "locations_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 120),
    -- The contracts check the zone against the IANA database; PostgreSQL knows the same names.
    CONSTRAINT "locations_time_zone_check" CHECK (length("time_zone") BETWEEN 1 AND 64)
);
CREATE UNIQUE INDEX "locations_tenant_id_id_key" ON "locations"("tenant_id", "id");
CREATE INDEX "locations_tenant_id_sort_order_idx" ON "locations"("tenant_id", "sort_order");
ALTER TABLE "locations" ADD CONSTRAINT "locations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "service_locations" (
    "tenant_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    CONSTRAINT "service_locations_pkey" PRIMARY KEY ("tenant_id", "service_id", "location_id")
);
CREATE INDEX "service_locations_tenant_id_location_id_idx" ON "service_locations"("tenant_id", "location_id");
ALTER TABLE "service_locations" ADD CONSTRAINT "service_locations_service_fkey" FOREIGN KEY ("tenant_id", "service_id") REFERENCES "services"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "service_locations" ADD CONSTRAINT "service_locations_location_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "locations"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "providers" ADD COLUMN "location_id" UUID;
ALTER TABLE "providers" ADD CONSTRAINT "providers_location_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "locations"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "providers_tenant_id_location_id_idx" ON "providers"("tenant_id", "location_id") WHERE "location_id" IS NOT NULL;

ALTER TABLE "bookings" ADD COLUMN "location_id" UUID;
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_location_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "locations"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- Only to find whether a location was ever booked (deleting it is refused then).
CREATE INDEX "bookings_tenant_id_location_id_idx" ON "bookings"("tenant_id", "location_id") WHERE "location_id" IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['locations', 'service_locations']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO slotwise_app', t);
    -- Which providers a location-filtered slot search sees depends on both.
    EXECUTE format('CREATE CONSTRAINT TRIGGER availability_changed AFTER INSERT OR UPDATE OR DELETE ON %I '
      'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION availability_bump()', t);
  END LOOP;
END $$;

-- A provider placed at a location takes its zone (the app refuses a different one first).
CREATE FUNCTION "providers_location_zone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.location_id IS NOT NULL THEN
    SELECT l.time_zone INTO NEW.time_zone FROM locations l
      WHERE l.tenant_id = NEW.tenant_id AND l.id = NEW.location_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "providers_location_zone" BEFORE INSERT OR UPDATE OF location_id, time_zone
  ON "providers" FOR EACH ROW EXECUTE FUNCTION "providers_location_zone"();

-- ... and keeps following it: the UPDATE bumps the providers' schedule and availability versions.
CREATE FUNCTION "locations_zone_to_providers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE providers SET time_zone = NEW.time_zone, updated_at = now()
    WHERE tenant_id = NEW.tenant_id AND location_id = NEW.id AND time_zone <> NEW.time_zone;
  RETURN NULL;
END $$;
CREATE TRIGGER "locations_zone_to_providers" AFTER UPDATE OF time_zone ON "locations"
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
  EXECUTE FUNCTION "locations_zone_to_providers"();

-- A booking takes place where its provider works (when it was booked).
CREATE FUNCTION "bookings_derive_location"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.location_id IS NULL THEN
    SELECT p.location_id INTO NEW.location_id FROM providers p
      WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.provider_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "bookings_derive_location" BEFORE INSERT ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "bookings_derive_location"();

-- First definition; the live one is prisma/functions/location_offering_check.sql.
CREATE FUNCTION "location_offering_check"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END $$;
-- At commit, so a write that moves a provider and replaces its services (or a service's
-- locations and providers) in several statements is judged on the result.
CREATE CONSTRAINT TRIGGER "location_offering" AFTER INSERT ON "provider_services"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "location_offering_check"();
CREATE CONSTRAINT TRIGGER "location_offering" AFTER UPDATE OF location_id ON "providers"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "location_offering_check"();
CREATE CONSTRAINT TRIGGER "location_offering" AFTER INSERT OR DELETE ON "service_locations"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "location_offering_check"();
