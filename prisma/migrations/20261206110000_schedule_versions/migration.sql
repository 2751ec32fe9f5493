-- Schedule versions: what the booking write compares to know that the schedule the engine used
-- is still the schedule (docs/decisions/0007-booking-write-decides-in-the-app.md).
--
-- Every committed change to a service, a provider, its services, hours, date overrides or busy
-- time, a blackout or the business's zone adds one to a counter of its scope: the provider (for
-- provider rows, provider_services, availability_rules, date_overrides, external_busy), the
-- service (services) or the tenant (blackouts, the tenant's zone). The version a booking for
-- service S with provider P relies on is the sum over the scopes tenant, S and P: the snapshot
-- read returns it per provider and booking_create refuses the write (SQLSTATE SW004) when it
-- moved. Bookings are not counted: the exclusion constraint and the capacity trigger already
-- settle races between bookings, and counting them would turn every concurrent booking of a
-- provider into a conflict.
--
-- As availability_versions (*_availability_versions): counters only grow, spread over shards by
-- backend pid so that two transactions never wait on one row, bumped by a DEFERRED constraint
-- trigger (at commit, once per transaction and scope).

CREATE TABLE "schedule_versions" (
    "tenant_id" UUID NOT NULL,
    "scope" UUID NOT NULL,
    "shard" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "schedule_versions_pkey" PRIMARY KEY ("tenant_id", "scope", "shard")
);
ALTER TABLE "schedule_versions" ADD CONSTRAINT "schedule_versions_tenant_id_fkey"
  FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "schedule_versions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "schedule_versions" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "schedule_versions"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- The first definition of the trigger function (the triggers below need it to exist); the live
-- one is prisma/functions/schedule_bump.sql, re-applied after the migrations by db:migrate.
CREATE FUNCTION "schedule_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  t uuid;
  s uuid;
  done text;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  CASE TG_TABLE_NAME
    WHEN 'tenants' THEN t := r.id; s := r.id;
    WHEN 'blackouts' THEN t := r.tenant_id; s := r.tenant_id;
    WHEN 'services' THEN t := r.tenant_id; s := r.id;
    WHEN 'providers' THEN t := r.tenant_id; s := r.id;
    ELSE t := r.tenant_id; s := r.provider_id;
  END CASE;
  done := current_setting('slotwise.schedule_bumped', true);
  IF done IS NOT NULL AND position(s::text IN done) > 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO schedule_versions (tenant_id, scope, shard, version)
    SELECT t, s, pg_backend_pid() % 64, 1 WHERE EXISTS (SELECT 1 FROM tenants WHERE id = t)
    ON CONFLICT (tenant_id, scope, shard) DO UPDATE SET version = schedule_versions.version + 1;
  PERFORM set_config('slotwise.schedule_bumped', COALESCE(done, '') || s::text || ',', true);
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['services', 'providers', 'provider_services', 'availability_rules', 'date_overrides',
    'blackouts', 'external_busy']
  LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER schedule_changed AFTER INSERT OR UPDATE OR DELETE ON %I '
      'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION schedule_bump()', t);
  END LOOP;
END $$;
CREATE CONSTRAINT TRIGGER schedule_changed AFTER UPDATE OF time_zone ON "tenants"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION schedule_bump();

-- The booking path's functions now live in prisma/functions/ (one file each, re-applied by
-- db:migrate). Those whose arguments changed are dropped here; the files create them anew.
-- customer_find_or_create goes: which customer a booking is for is decided in the app
-- (domain/booking/customer-match.ts).
DROP FUNCTION "booking_create"(uuid, jsonb, jsonb, uuid[], uuid[], integer, jsonb, jsonb, jsonb);
DROP FUNCTION "availability_snapshot"(uuid, uuid, uuid, timestamptz, timestamptz, uuid, date, date, boolean);
DROP FUNCTION "customer_find_or_create"(uuid, text, text, text, text);
