-- Adds one to the schedule version of the changed row's scope (table schedule_versions, migration
-- *_schedule_versions): the provider for provider rows and everything of one provider, the service
-- for services and their resources, the resource for resources, the tenant for blackouts and the
-- business's zone. Runs as a DEFERRED constraint
-- trigger, so at commit, and once per transaction and scope. booking_create compares the sum of
-- the tenant's, the service's and the provider's counters with what the snapshot read saw.
CREATE OR REPLACE FUNCTION "schedule_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
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
    WHEN 'resources' THEN t := r.tenant_id; s := r.id;
    WHEN 'service_resources' THEN t := r.tenant_id; s := r.service_id;
    ELSE t := r.tenant_id; s := r.provider_id; -- provider_services, availability_rules, date_overrides, external_busy
  END CASE;
  done := current_setting('slotwise.schedule_bumped', true);
  IF done IS NOT NULL AND position(s::text IN done) > 0 THEN
    RETURN NULL;
  END IF;
  -- Shard by backend: two transactions never wait on one counter row. (A tenant deleted in this
  -- transaction has no versions left to bump.)
  INSERT INTO schedule_versions (tenant_id, scope, shard, version)
    SELECT t, s, pg_backend_pid() % 64, 1 WHERE EXISTS (SELECT 1 FROM tenants WHERE id = t)
    ON CONFLICT (tenant_id, scope, shard) DO UPDATE SET version = schedule_versions.version + 1;
  PERFORM set_config('slotwise.schedule_bumped', COALESCE(done, '') || s::text || ',', true);
  RETURN NULL;
END $$;
