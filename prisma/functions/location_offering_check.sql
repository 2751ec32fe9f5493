-- The offering invariant of locations (migration *_locations, ADR 0019): a provider at a location
-- offers only services offered there (a service without service_locations rows is offered at
-- every location). Runs at commit (deferred constraint triggers on provider_services, providers
-- and service_locations) for the provider or service the changed row names, and refuses a
-- breach with SQLSTATE SW014 (server/src/adapters/postgres/sql-errors.ts).
--
-- It is the backstop, not the decision: the catalogue use cases check the same rule first and
-- answer 422 with the field at fault. Two transactions could each pass alone and break the rule
-- together (one narrows a service's locations while the other assigns it to a provider there), so
-- the check runs under a transaction-scoped advisory lock per tenant and, at READ COMMITTED,
-- reads after the lock is granted: it sees what the previous holder committed.
CREATE OR REPLACE FUNCTION "location_offering_check"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  v_provider uuid;
  v_service uuid;
  v_bad record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'providers' THEN
    v_provider := r.id;
  ELSIF TG_TABLE_NAME = 'provider_services' THEN
    v_provider := r.provider_id;
    v_service := r.service_id;
  ELSE
    v_service := r.service_id;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('slotwise.location_offering'), hashtext(r.tenant_id::text));
  SELECT p.name AS provider, s.name AS service INTO v_bad
  FROM provider_services ps
  JOIN providers p ON p.tenant_id = ps.tenant_id AND p.id = ps.provider_id
  JOIN services s ON s.tenant_id = ps.tenant_id AND s.id = ps.service_id
  WHERE ps.tenant_id = r.tenant_id
    AND (v_provider IS NULL OR ps.provider_id = v_provider)
    AND (v_service IS NULL OR ps.service_id = v_service)
    AND p.location_id IS NOT NULL AND p.deleted_at IS NULL AND s.deleted_at IS NULL
    AND EXISTS (SELECT 1 FROM service_locations sl WHERE sl.tenant_id = ps.tenant_id AND sl.service_id = ps.service_id)
    AND NOT EXISTS (SELECT 1 FROM service_locations sl
                    WHERE sl.tenant_id = ps.tenant_id AND sl.service_id = ps.service_id AND sl.location_id = p.location_id)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'service % is not offered at the location of provider %', v_bad.service, v_bad.provider
      USING ERRCODE = 'SW014';
  END IF;
  RETURN NULL;
END $$;
