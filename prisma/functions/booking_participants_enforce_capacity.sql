-- A resource's capacity (docs/decisions/0018-teams-and-resources.md): at no instant may more
-- sessions hold a resource than resources.capacity. Seats of one class session share a session
-- key and hold the resource once. Under a transaction-scoped advisory lock per (tenant, resource)
-- it counts what is committed (READ COMMITTED after the lock: it sees the previous holder's row)
-- and refuses with SQLSTATE SW013 (classified slot_taken in server/src/adapters/postgres/sql-errors.ts).
--
-- The most sessions at once inside the new range is reached at its start or at the start of one
-- of the overlapping allocations, so only those instants are counted. Like the capacity trigger
-- of class seats it is the backstop: the engine offers only slots with room left.
CREATE OR REPLACE FUNCTION "booking_participants_enforce_capacity"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_capacity integer;
  v_peak integer;
BEGIN
  -- Moving a booking's rows onto themselves (same range, same session) cannot overfill anything.
  IF TG_OP = 'UPDATE' AND OLD.active AND OLD.resource_id = NEW.resource_id
     AND OLD.occupied_start <= NEW.occupied_start AND OLD.occupied_end >= NEW.occupied_end
     AND OLD.session_key = NEW.session_key THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('resource/' || NEW.tenant_id::text || '/' || NEW.resource_id::text, 0));
  SELECT r.capacity INTO v_capacity FROM resources r WHERE r.tenant_id = NEW.tenant_id AND r.id = NEW.resource_id;
  WITH other AS (
    SELECT a.occupied_start, a.occupied_end, a.session_key
      FROM booking_participants a
      JOIN bookings b ON b.tenant_id = a.tenant_id AND b.id = a.booking_id
     WHERE a.tenant_id = NEW.tenant_id AND a.resource_id = NEW.resource_id AND a.active AND a.role = 'resource'
       AND a.id <> NEW.id AND a.session_key <> NEW.session_key
       -- An unpaid hold past its expiry no longer holds anything (the sweeper cancels it later).
       AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
       AND a.occupied_start >= NEW.occupied_start - interval '3 days' AND a.occupied_start < NEW.occupied_end
       AND a.occupied_end > NEW.occupied_start
  ), points AS (
    SELECT NEW.occupied_start AS t
    UNION SELECT o.occupied_start FROM other o WHERE o.occupied_start > NEW.occupied_start
  )
  SELECT COALESCE(max((SELECT count(DISTINCT o.session_key) FROM other o
                        WHERE o.occupied_start <= p.t AND o.occupied_end > p.t)), 0)
    INTO v_peak FROM points p;
  IF v_peak + 1 > COALESCE(v_capacity, 1) THEN
    RAISE EXCEPTION 'resource_full: resource % has % of % places taken', NEW.resource_id, v_peak, COALESCE(v_capacity, 1)
      USING ERRCODE = 'SW013';
  END IF;
  RETURN NEW;
END $$;
