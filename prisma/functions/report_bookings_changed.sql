-- Keeps the report roll-ups exact with every booking write, in the writing transaction
-- (docs/decisions/0017-report-rollups.md): the old row's share is taken away and the new row's
-- added, so a create, cancel, status change, reschedule across days, move to another provider or
-- service, price change or delete all land. A class seat also refreshes its session(s). A booking
-- that changes provider or service takes its ledger money along in report_money.
CREATE OR REPLACE FUNCTION "report_bookings_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
BEGIN
  -- FOR SHARE: a change of the tenant's zone (which rebuilds the roll-ups) waits for this write
  -- to commit, and a write that comes after it waits and then reads the new zone.
  SELECT t.time_zone INTO v_zone FROM tenants t WHERE t.id = COALESCE(NEW.tenant_id, OLD.tenant_id) FOR SHARE;
  -- The tenant is being deleted (its bookings go by cascade): its roll-ups go with it.
  IF v_zone IS NULL THEN RETURN NULL; END IF;
  -- Earlier day first: two writers moving bookings in opposite directions lock the shared
  -- business-wide rows in the same order, so they queue instead of deadlocking.
  IF TG_OP = 'UPDATE' AND NEW.start_at < OLD.start_at THEN
    PERFORM report_booking_add(NEW, v_zone, 1);
    PERFORM report_booking_add(OLD, v_zone, -1);
  ELSE
    IF TG_OP <> 'INSERT' THEN PERFORM report_booking_add(OLD, v_zone, -1); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM report_booking_add(NEW, v_zone, 1); END IF;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.session_key <> OLD.id::text THEN
    PERFORM report_session_refresh(OLD.tenant_id, OLD.provider_id, OLD.session_key, v_zone);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.session_key <> NEW.id::text
     AND (TG_OP = 'INSERT' OR (NEW.provider_id, NEW.session_key) IS DISTINCT FROM (OLD.provider_id, OLD.session_key)
          OR OLD.session_key = OLD.id::text) THEN
    PERFORM report_session_refresh(NEW.tenant_id, NEW.provider_id, NEW.session_key, v_zone);
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.provider_id, NEW.service_id) IS DISTINCT FROM (OLD.provider_id, OLD.service_id) THEN
    PERFORM report_money_of_booking(OLD.tenant_id, OLD.id, OLD.provider_id, OLD.service_id, v_zone, -1);
    PERFORM report_money_of_booking(NEW.tenant_id, NEW.id, NEW.provider_id, NEW.service_id, v_zone, 1);
  END IF;
  RETURN NULL;
END $$;
