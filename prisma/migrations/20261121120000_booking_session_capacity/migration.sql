-- Capacity of class sessions, enforced in the database.
--
-- Seats of one class session share a session key (`<serviceId>:<startISO>`), which lets them pass
-- the bookings_no_overlap exclusion constraint together; nothing there stops a session from being
-- oversold. This trigger does: under a transaction-scoped advisory lock on (tenant, provider,
-- session key) it counts the seats already held by active bookings of the session and rejects a
-- row that would exceed the service's capacity with SQLSTATE SW001 ("session_full").
--
-- The use case takes the same lock (booking_session_lock) before it checks seats itself, so the
-- trigger is the backstop rather than the normal path. Both rely on READ COMMITTED: the count runs
-- after the lock is granted, so it sees every seat committed by the previous holder.

CREATE FUNCTION "booking_session_lock"(p_tenant_id uuid, p_provider_id uuid, p_session_key text)
RETURNS void LANGUAGE sql VOLATILE AS $$
  SELECT pg_advisory_xact_lock(hashtextextended(p_tenant_id::text || '/' || p_provider_id::text || '/' || p_session_key, 0))
$$;

CREATE FUNCTION "bookings_enforce_capacity"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_capacity integer;
  v_taken integer;
BEGIN
  IF NEW.status NOT IN ('pending', 'confirmed', 'checked_in') THEN
    RETURN NEW;
  END IF;
  -- An appointment is a session of its own (session key = id): one seat can never overflow it.
  IF NEW.session_key = NEW.id::text AND NEW.seats = 1 THEN
    RETURN NEW;
  END IF;
  -- Updates that neither join a session nor take more seats in it cannot overflow it either.
  IF TG_OP = 'UPDATE' AND OLD.status IN ('pending', 'confirmed', 'checked_in')
     AND OLD.tenant_id = NEW.tenant_id AND OLD.provider_id = NEW.provider_id
     AND OLD.service_id = NEW.service_id AND OLD.session_key = NEW.session_key AND NEW.seats <= OLD.seats THEN
    RETURN NEW;
  END IF;

  PERFORM booking_session_lock(NEW.tenant_id, NEW.provider_id, NEW.session_key);
  SELECT s.capacity INTO v_capacity FROM services s WHERE s.tenant_id = NEW.tenant_id AND s.id = NEW.service_id;
  SELECT COALESCE(SUM(b.seats), 0) INTO v_taken FROM bookings b
   WHERE b.tenant_id = NEW.tenant_id AND b.provider_id = NEW.provider_id AND b.session_key = NEW.session_key
     AND b.status IN ('pending', 'confirmed', 'checked_in') AND b.id <> NEW.id;
  IF v_taken + NEW.seats > COALESCE(v_capacity, 1) THEN
    RAISE EXCEPTION 'session_full: session % has % of % seats taken', NEW.session_key, v_taken, COALESCE(v_capacity, 1)
      USING ERRCODE = 'SW001';
  END IF;
  RETURN NEW;
END $$;

-- BEFORE triggers fire in name order: bookings_derive_occupied (which defaults the session key)
-- runs first.
CREATE TRIGGER "bookings_enforce_capacity" BEFORE INSERT OR UPDATE OF status, provider_id, service_id, session_key, seats
  ON "bookings" FOR EACH ROW EXECUTE FUNCTION "bookings_enforce_capacity"();

-- The seat count above, and the use case's own, look sessions up by key.
CREATE INDEX "bookings_active_session_idx" ON "bookings"("tenant_id", "provider_id", "session_key")
  WHERE "status" IN ('pending', 'confirmed', 'checked_in');
