-- Teams and resources (docs/decisions/0018-teams-and-resources.md, docs/guides/teams-and-resources.md).
--
-- A service needs one provider (participant_mode 'single', as before), all of its providers
-- ('collective'), or its host providers plus one of the others ('round_robin'), and every resource
-- of service_resources. A booking holds each participant in booking_participants: one row per
-- provider (its own provider included, mirrored by a trigger) and per resource, each with the
-- booking's occupied range. Provider rows carry an exclusion constraint, so no provider is ever in
-- two overlapping bookings whichever role it has in them; resource rows are checked against the
-- resource's capacity by a trigger under a per-resource lock (SQLSTATE SW013).

-- Rooms, chairs, equipment: `capacity` bookings may hold one at once.
CREATE TABLE "resources" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'room',
    "capacity" INTEGER NOT NULL DEFAULT 1,
    "active" BOOLEAN NOT NULL DEFAULT true,
    -- The site the resource is at; the locations work adds the foreign key.
    "location_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    CONSTRAINT "resources_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "resources_kind_check" CHECK ("kind" IN ('room', 'chair', 'equipment', 'other')),
    CONSTRAINT "resources_capacity_check" CHECK ("capacity" BETWEEN 1 AND 1000)
);
CREATE UNIQUE INDEX "resources_tenant_id_id_key" ON "resources"("tenant_id", "id");
ALTER TABLE "resources" ADD CONSTRAINT "resources_tenant_id_fkey"
  FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "services" ADD COLUMN "participant_mode" TEXT NOT NULL DEFAULT 'single';
ALTER TABLE "services" ADD CONSTRAINT "services_participant_mode_check"
  CHECK ("participant_mode" IN ('single', 'collective', 'round_robin'));
-- round_robin: the providers who attend every booking (each also in provider_services). Kept
-- on the service, not on provider_services, whose rows the service form replaces on each save.
ALTER TABLE "services" ADD COLUMN "host_provider_ids" UUID[] NOT NULL DEFAULT '{}';

CREATE TABLE "service_resources" (
    "tenant_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "resource_id" UUID NOT NULL,
    CONSTRAINT "service_resources_pkey" PRIMARY KEY ("tenant_id", "service_id", "resource_id")
);
ALTER TABLE "service_resources" ADD CONSTRAINT "service_resources_service_fkey"
  FOREIGN KEY ("tenant_id", "service_id") REFERENCES "services"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "service_resources" ADD CONSTRAINT "service_resources_resource_fkey"
  FOREIGN KEY ("tenant_id", "resource_id") REFERENCES "resources"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "booking_participants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    -- 'primary': bookings.provider_id (mirrored); 'host': another provider; 'resource'.
    "role" TEXT NOT NULL,
    "provider_id" UUID,
    "resource_id" UUID,
    "occupied_start" TIMESTAMPTZ(3) NOT NULL,
    "occupied_end" TIMESTAMPTZ(3) NOT NULL,
    "session_key" TEXT NOT NULL,
    -- The booking's status is pending, pending_payment, confirmed or checked_in.
    "active" BOOLEAN NOT NULL,
    CONSTRAINT "booking_participants_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "booking_participants_role_check" CHECK (
      ("role" IN ('primary', 'host') AND "provider_id" IS NOT NULL AND "resource_id" IS NULL)
      OR ("role" = 'resource' AND "resource_id" IS NOT NULL AND "provider_id" IS NULL))
);
ALTER TABLE "booking_participants" ADD CONSTRAINT "booking_participants_booking_fkey"
  FOREIGN KEY ("tenant_id", "booking_id") REFERENCES "bookings"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "booking_participants" ADD CONSTRAINT "booking_participants_provider_fkey"
  FOREIGN KEY ("tenant_id", "provider_id") REFERENCES "providers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "booking_participants" ADD CONSTRAINT "booking_participants_resource_fkey"
  FOREIGN KEY ("tenant_id", "resource_id") REFERENCES "resources"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE UNIQUE INDEX "booking_participants_provider_key" ON "booking_participants"("tenant_id", "booking_id", "provider_id") WHERE "provider_id" IS NOT NULL;
CREATE UNIQUE INDEX "booking_participants_resource_key" ON "booking_participants"("tenant_id", "booking_id", "resource_id") WHERE "resource_id" IS NOT NULL;
-- The guarantee bookings_no_overlap gives a booking's own provider, for every provider it holds.
ALTER TABLE "booking_participants" ADD CONSTRAINT "booking_participants_no_overlap" EXCLUDE USING gist (
  "tenant_id" WITH =,
  "provider_id" WITH =,
  tstzrange("occupied_start", "occupied_end", '[)') WITH &&,
  "session_key" WITH <>
) WHERE ("active" AND "provider_id" IS NOT NULL);
-- The snapshot's scans: a provider's host rows and a resource's rows near a window (both bounded
-- like the bookings scan: an occupied range is at most 3 days).
CREATE INDEX "booking_participants_host_idx" ON "booking_participants"("tenant_id", "provider_id", "occupied_start")
  INCLUDE ("occupied_end") WHERE "active" AND "role" = 'host';
CREATE INDEX "booking_participants_resource_idx" ON "booking_participants"("tenant_id", "resource_id", "occupied_start")
  INCLUDE ("occupied_end") WHERE "active" AND "role" = 'resource';

-- Every existing booking holds its own provider.
INSERT INTO "booking_participants" ("tenant_id", "booking_id", "role", "provider_id", "occupied_start", "occupied_end", "session_key", "active")
SELECT b.tenant_id, b.id, 'primary', b.provider_id, b.occupied_start, b.occupied_end, b.session_key,
       b.status IN ('pending', 'pending_payment', 'confirmed', 'checked_in')
FROM "bookings" b;

-- First definitions; the live ones are prisma/functions/bookings_sync_participants.sql and
-- prisma/functions/booking_participants_enforce_capacity.sql.
CREATE OR REPLACE FUNCTION "bookings_sync_participants"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION "booking_participants_enforce_capacity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END $$;
CREATE TRIGGER "bookings_sync_participants" AFTER INSERT OR UPDATE OF status, provider_id, start_at, end_at,
  buffer_before_minutes, buffer_after_minutes, session_key
  ON "bookings" FOR EACH ROW EXECUTE FUNCTION "bookings_sync_participants"();
CREATE TRIGGER "booking_participants_enforce_capacity" BEFORE INSERT OR UPDATE
  ON "booking_participants" FOR EACH ROW WHEN (NEW."resource_id" IS NOT NULL AND NEW."active")
  EXECUTE FUNCTION "booking_participants_enforce_capacity"();

-- A resource's capacity, activity or deletion, and a service's resources, change what the
-- engine offers: the booking write re-checks them like a schedule (schedule_bump.sql).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['resources', 'service_resources']
  LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER schedule_changed AFTER INSERT OR UPDATE OR DELETE ON %I '
      'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION schedule_bump()', t);
    -- ... and invalidate cached slots (booking_participants only change with their booking).
    EXECUTE format('CREATE CONSTRAINT TRIGGER availability_changed AFTER INSERT OR UPDATE OR DELETE ON %I '
      'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION availability_bump()', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['resources', 'service_resources', 'booking_participants']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO slotwise_app', t);
  END LOOP;
END $$;
