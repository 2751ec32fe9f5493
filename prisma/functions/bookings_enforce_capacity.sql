-- The capacity invariant of class sessions (trigger bookings_enforce_capacity, migration
-- *_booking_session_capacity): seats of one session share a session key, which lets them pass the
-- booking_participants_no_overlap exclusion constraint together; this trigger keeps a session from being
-- oversold. Under a transaction-scoped advisory lock on (tenant, provider, session key) it counts
-- the seats already held by active bookings of the session and rejects a row that would exceed
-- the service's capacity with SQLSTATE SW001 (classified in server/src/adapters/prisma/sql-errors.ts).
--
-- It is the only seat check in the database and the backstop, not the decision: the app offers
-- and books a seat only where the availability engine (server/src/domain/availability) counts one
-- free. The count runs after the lock is granted, at READ COMMITTED, so it sees every seat
-- committed by the previous holder. A transaction takes at most one such lock per booking row it
-- writes, and the booking writes write one row, so they cannot deadlock on them.
CREATE OR REPLACE FUNCTION "bookings_enforce_capacity"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_capacity integer;
  v_taken integer;
BEGIN
  IF NEW.status NOT IN ('pending', 'pending_payment', 'confirmed', 'checked_in') THEN
    RETURN NEW;
  END IF;
  -- An appointment is a session of its own (session key = id): one seat can never overflow it.
  IF NEW.session_key = NEW.id::text AND NEW.seats = 1 THEN
    RETURN NEW;
  END IF;
  -- Updates that neither join a session nor take more seats in it cannot overflow it either.
  IF TG_OP = 'UPDATE' AND OLD.status IN ('pending', 'pending_payment', 'confirmed', 'checked_in')
     AND OLD.tenant_id = NEW.tenant_id AND OLD.provider_id = NEW.provider_id
     AND OLD.service_id = NEW.service_id AND OLD.session_key = NEW.session_key AND NEW.seats <= OLD.seats THEN
    RETURN NEW;
  END IF;

  PERFORM booking_session_lock(NEW.tenant_id, NEW.provider_id, NEW.session_key);
  SELECT s.capacity INTO v_capacity FROM services s WHERE s.tenant_id = NEW.tenant_id AND s.id = NEW.service_id;
  SELECT COALESCE(SUM(b.seats), 0) INTO v_taken FROM bookings b
   WHERE b.tenant_id = NEW.tenant_id AND b.provider_id = NEW.provider_id AND b.session_key = NEW.session_key
     AND b.status IN ('pending', 'pending_payment', 'confirmed', 'checked_in') AND b.id <> NEW.id
     -- A seat of a class (bookings_class_session_idx holds only those): an appointment's key is
     -- its own id, so no other row can share it.
     AND b.session_key <> b.id::text
     -- An expired payment hold no longer counts (the sweeper cancels it later).
     AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now());
  IF v_taken + NEW.seats > COALESCE(v_capacity, 1) THEN
    RAISE EXCEPTION 'session_full: session % has % of % seats taken', NEW.session_key, v_taken, COALESCE(v_capacity, 1)
      USING ERRCODE = 'SW001';
  END IF;
  RETURN NEW;
END $$;
