-- Keeps booking_participants in step with its booking (docs/decisions/0018-teams-and-resources.md):
-- a new booking holds its own provider (role 'primary'); a booking that moves, changes provider or
-- is cancelled moves or frees every participant with it (hosts and resources included), in the
-- same statement. The exclusion constraint booking_participants_no_overlap then refuses a provider
-- already held by an overlapping booking in any role: on insert as SW002 (the provider is taken),
-- on update as 23P01 (both classified slot_taken in sql-errors.ts). It is the only constraint that
-- keeps a provider out of overlapping bookings (docs/decisions/0025-one-provider-exclusion.md).
-- Resource rows are checked by booking_participants_enforce_capacity (SW013).
CREATE OR REPLACE FUNCTION "bookings_sync_participants"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_active boolean := NEW.status IN ('pending', 'pending_payment', 'confirmed', 'checked_in');
  v_inserted uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO booking_participants (tenant_id, booking_id, role, provider_id, occupied_start, occupied_end, session_key, active)
    VALUES (NEW.tenant_id, NEW.id, 'primary', NEW.provider_id, NEW.occupied_start, NEW.occupied_end, NEW.session_key, v_active)
    ON CONFLICT ON CONSTRAINT booking_participants_no_overlap DO NOTHING
    RETURNING id INTO v_inserted;
    -- An unpaid hold past its expiry that holds the provider (as its own or as a host) is
    -- cancelled here and the row tried once more: a lost expiry job must not block the slot.
    IF v_inserted IS NULL AND v_active
       AND booking_expire_holds(NEW.tenant_id, NEW.provider_id, NEW.occupied_start, NEW.occupied_end) > 0 THEN
      INSERT INTO booking_participants (tenant_id, booking_id, role, provider_id, occupied_start, occupied_end, session_key, active)
      VALUES (NEW.tenant_id, NEW.id, 'primary', NEW.provider_id, NEW.occupied_start, NEW.occupied_end, NEW.session_key, v_active)
      ON CONFLICT ON CONSTRAINT booking_participants_no_overlap DO NOTHING
      RETURNING id INTO v_inserted;
    END IF;
    IF v_inserted IS NULL THEN
      RAISE EXCEPTION 'slot_taken: the provider is held by an overlapping booking' USING ERRCODE = 'SW002';
    END IF;
    RETURN NULL;
  END IF;
  IF OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.provider_id = NEW.provider_id
     AND OLD.occupied_start = NEW.occupied_start AND OLD.occupied_end = NEW.occupied_end
     AND OLD.session_key = NEW.session_key
     AND (OLD.status IN ('pending', 'pending_payment', 'confirmed', 'checked_in')) = v_active THEN
    RETURN NULL;
  END IF;
  -- Resources in id order, so two moves of bookings sharing resources take their locks (the
  -- capacity trigger's) in one order.
  UPDATE booking_participants bp
     SET provider_id = CASE WHEN bp.role = 'primary' THEN NEW.provider_id ELSE bp.provider_id END,
         occupied_start = NEW.occupied_start, occupied_end = NEW.occupied_end,
         session_key = NEW.session_key, active = v_active
    FROM (SELECT x.id FROM booking_participants x
           WHERE x.tenant_id = NEW.tenant_id AND x.booking_id = NEW.id
           ORDER BY x.role, x.resource_id, x.provider_id FOR UPDATE) o
   WHERE bp.id = o.id;
  RETURN NULL;
END $$;
