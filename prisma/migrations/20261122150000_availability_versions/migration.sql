-- A per-tenant version of everything availability depends on, so API processes can cache
-- computed slots and still never serve a stale answer (server/src/app/availability/slot-cache.ts).
--
-- Every committed change to the catalogue, schedules, bookings, busy time or the tenant row adds
-- one to the tenant's version. Readers take SUM(version): counters only grow and a snapshot sees
-- a superset of what an earlier one saw, so two equal sums mean the same committed changes.
--
-- Contention: booking writes of one tenant must not queue on a single counter row, so the count
-- is spread over shards chosen by backend pid (one connection never holds two transactions).
-- The bump is a DEFERRED constraint trigger: it runs at commit, after every other statement of
-- the transaction, so a transaction never holds a shard row while it waits on anything else
-- (no deadlock with the booking constraints), and it runs once per transaction and tenant.

CREATE TABLE "availability_versions" (
    "tenant_id" UUID NOT NULL,
    "shard" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "availability_versions_pkey" PRIMARY KEY ("tenant_id", "shard")
);
ALTER TABLE "availability_versions" ADD CONSTRAINT "availability_versions_tenant_id_fkey"
  FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "availability_versions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "availability_versions" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "availability_versions"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

CREATE FUNCTION "availability_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t uuid;
  done text;
BEGIN
  IF TG_TABLE_NAME = 'tenants' THEN
    t := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    t := OLD.tenant_id;
  ELSE
    t := NEW.tenant_id;
  END IF;
  done := current_setting('slotwise.availability_bumped', true);
  IF done IS NOT NULL AND position(t::text IN done) > 0 THEN
    RETURN NULL;
  END IF;
  -- (A tenant deleted in this transaction has no versions left to bump.)
  INSERT INTO availability_versions (tenant_id, shard, version)
    SELECT t, pg_backend_pid() % 64, 1 WHERE EXISTS (SELECT 1 FROM tenants WHERE id = t)
    ON CONFLICT (tenant_id, shard) DO UPDATE SET version = availability_versions.version + 1;
  PERFORM set_config('slotwise.availability_bumped', COALESCE(done, '') || t::text || ',', true);
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['services', 'providers', 'provider_services', 'availability_rules', 'date_overrides',
    'blackouts', 'bookings', 'external_busy']
  LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER availability_changed AFTER INSERT OR UPDATE OR DELETE ON %I '
      'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION availability_bump()', t);
  END LOOP;
END $$;
-- The business zone decides blackout days and the default viewer zone.
CREATE CONSTRAINT TRIGGER availability_changed AFTER UPDATE OF time_zone ON "tenants"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION availability_bump();
