-- Keeps the report roll-ups exact with every booking write (docs/decisions/0017-report-rollups.md,
-- 0022): the old row's share is taken away and the new row's added, so a create, cancel, status
-- change, reschedule across days, move to another provider or service, price change or delete all
-- land. A create only queues its share in report_pending (one row, no roll-up row locked: the
-- booking write's hot path); report_fold adds it later and report reads add the queue until then.
-- Shares are sums, so a queued create and a later synchronous change land the same in any order;
-- a new booking holds no ledger money yet (the ledger's foreign key), so it queues no paid share.
-- A class seat also refreshes its session(s). A booking that changes provider or service takes
-- its ledger money along in report_money.
CREATE OR REPLACE FUNCTION "report_bookings_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
BEGIN
  -- The create of a booking that is no class seat only queues its row, which holds no zone (the
  -- fold applies it): no tenant read and no lock, so concurrent creates do not share-lock the one
  -- tenant row (a MultiXact and WAL per booking). Against a zone change it needs none: the row and
  -- its booking commit together, and report_rebuild empties the queue and reads the bookings in one
  -- statement, one snapshot, so it sees both (counts the booking, deletes the row) or neither (the
  -- row stays and is folded after the change, in the new zone; report_fold waits for it).
  IF TG_OP = 'INSERT' AND NEW.session_key = NEW.id::text THEN
    INSERT INTO report_pending (tenant_id, provider_id, service_id, status, currency, start_at, duration_ms, price_cents)
    VALUES (NEW.tenant_id, NEW.provider_id, NEW.service_id, NEW.status, NEW.currency, NEW.start_at,
            round(extract(epoch FROM NEW.end_at - NEW.start_at) * 1000)::bigint, NEW.price_cents);
    RETURN NULL;
  END IF;
  -- FOR SHARE where the zone is used (a class seat, an update, a delete): a change of the tenant's
  -- zone (which rebuilds the roll-ups) waits for this write to commit, and a write that comes after
  -- it waits and then reads the new zone.
  SELECT t.time_zone INTO v_zone FROM tenants t WHERE t.id = COALESCE(NEW.tenant_id, OLD.tenant_id) FOR SHARE;
  -- The tenant is being deleted (its bookings go by cascade): its roll-ups go with it.
  IF v_zone IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    -- A class seat: its time counts once per session (report_sessions), not per seat.
    INSERT INTO report_pending (tenant_id, provider_id, service_id, status, currency, start_at, duration_ms, price_cents)
    VALUES (NEW.tenant_id, NEW.provider_id, NEW.service_id, NEW.status, NEW.currency, NEW.start_at, 0, NEW.price_cents);
    PERFORM report_session_refresh(NEW.tenant_id, NEW.provider_id, NEW.session_key, v_zone);
    RETURN NULL;
  END IF;
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
