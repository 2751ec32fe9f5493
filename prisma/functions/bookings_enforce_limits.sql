-- Booking limits (docs/decisions/0016-slot-placement-and-booking-limits.md): per provider
-- (providers.booking_limits, all its bookings) and per service (services.booking_limits, that
-- service's bookings with the provider), at most N bookings or N booked minutes per day and per
-- ISO week in the provider's zone, and a minimum gap between the provider's bookings.
--
-- Like the capacity trigger it is the backstop, not the decision: the engine hides slots a limit
-- forbids. Under a transaction-scoped advisory lock on (tenant, provider) it counts what is
-- committed (READ COMMITTED: the count runs after the lock is granted, so it sees every booking
-- of the previous holder) and refuses a row over a limit with SQLSTATE SW006 (classified in
-- server/src/adapters/postgres/sql-errors.ts: the provider is taken, the use case tries the next).
-- Counted: every status but cancelled (a no-show used the time). Bookings the staff place
-- outside availability on purpose are not limited. startOffsetMinutes only moves offered starts.
CREATE OR REPLACE FUNCTION "bookings_enforce_limits"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
  v_pl jsonb;
  v_sl jsonb;
  v_day date;
  v_from date;
  v_to date;
  v_lo timestamptz;
  v_hi timestamptz;
  v_n integer;
  v_min numeric;
  v_sn integer;
  v_smin numeric;
  v_minutes numeric := extract(epoch FROM NEW.end_at - NEW.start_at) / 60;
  v_gap integer;
  v_period text;
BEGIN
  IF NEW.status = 'cancelled' OR NEW.outside_availability THEN
    RETURN NEW;
  END IF;
  -- Confirming, checking in, completing: the booking was already counted where it is.
  IF TG_OP = 'UPDATE' AND OLD.status <> 'cancelled' AND OLD.provider_id = NEW.provider_id
     AND OLD.service_id = NEW.service_id AND OLD.start_at = NEW.start_at AND OLD.end_at = NEW.end_at THEN
    RETURN NEW;
  END IF;
  SELECT p.time_zone, p.booking_limits - 'startOffsetMinutes' INTO v_zone, v_pl
    FROM providers p WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.provider_id;
  SELECT s.booking_limits - 'startOffsetMinutes' INTO v_sl
    FROM services s WHERE s.tenant_id = NEW.tenant_id AND s.id = NEW.service_id;
  IF COALESCE(v_pl, '{}') = '{}' AND COALESCE(v_sl, '{}') = '{}' THEN
    RETURN NEW;
  END IF;

  PERFORM pg_advisory_xact_lock(hashtextextended('limits/' || NEW.tenant_id::text || '/' || NEW.provider_id::text, 0));
  v_day := (NEW.start_at AT TIME ZONE v_zone)::date;
  FOREACH v_period IN ARRAY ARRAY['Day', 'Week'] LOOP
    CONTINUE WHEN NOT (v_pl ?| ARRAY['bookingsPer' || v_period, 'minutesPer' || v_period]
                       OR v_sl ?| ARRAY['bookingsPer' || v_period, 'minutesPer' || v_period]);
    v_from := CASE v_period WHEN 'Day' THEN v_day ELSE date_trunc('week', v_day)::date END;
    v_to := v_from + CASE v_period WHEN 'Day' THEN 1 ELSE 7 END;
    v_lo := v_from::timestamp AT TIME ZONE v_zone;
    v_hi := v_to::timestamp AT TIME ZONE v_zone;
    SELECT count(*), COALESCE(sum(extract(epoch FROM b.end_at - b.start_at) / 60), 0),
           count(*) FILTER (WHERE b.service_id = NEW.service_id),
           COALESCE(sum(extract(epoch FROM b.end_at - b.start_at) / 60) FILTER (WHERE b.service_id = NEW.service_id), 0)
      INTO v_n, v_min, v_sn, v_smin
      FROM bookings b
     WHERE b.tenant_id = NEW.tenant_id AND b.provider_id = NEW.provider_id AND b.status <> 'cancelled'
       AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
       AND b.start_at >= v_lo AND b.start_at < v_hi AND b.id <> NEW.id;
    IF v_n + 1 > COALESCE((v_pl->>('bookingsPer' || v_period))::int, 2147483647)
       OR v_min + v_minutes > COALESCE((v_pl->>('minutesPer' || v_period))::int, 2147483647)
       OR v_sn + 1 > COALESCE((v_sl->>('bookingsPer' || v_period))::int, 2147483647)
       OR v_smin + v_minutes > COALESCE((v_sl->>('minutesPer' || v_period))::int, 2147483647) THEN
      RAISE EXCEPTION 'limit_reached: the provider''s % limit is reached', lower(v_period) USING ERRCODE = 'SW006';
    END IF;
  END LOOP;

  v_gap := GREATEST(COALESCE((v_pl->>'minGapMinutes')::int, 0), COALESCE((v_sl->>'minGapMinutes')::int, 0));
  IF v_gap > 0 AND EXISTS (
    SELECT 1 FROM bookings b
     WHERE b.tenant_id = NEW.tenant_id AND b.provider_id = NEW.provider_id
       AND b.status IN ('pending', 'pending_payment', 'confirmed', 'checked_in') AND b.id <> NEW.id
       AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
       AND b.session_key IS DISTINCT FROM NEW.session_key
       AND b.occupied_start < NEW.occupied_end + make_interval(mins => v_gap)
       AND b.occupied_end > NEW.occupied_start - make_interval(mins => v_gap)) THEN
    RAISE EXCEPTION 'limit_reached: less than % minutes from another booking of the provider', v_gap USING ERRCODE = 'SW006';
  END IF;
  RETURN NEW;
END $$;
