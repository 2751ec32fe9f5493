-- Booking limits (docs/decisions/0016-slot-placement-and-booking-limits.md): per provider
-- (providers.booking_limits, all its bookings) and per service (services.booking_limits, that
-- service's bookings with the provider), at most N bookings or N booked minutes per day and per
-- ISO week in the provider's zone, and a minimum gap between the provider's bookings. A
-- provider's bookings are those it holds as their own provider and those it attends as a host of
-- a team booking (docs/decisions/0018-teams-and-resources.md): both count, both are checked.
--
-- Like the capacity trigger it is the backstop, not the decision: the engine hides slots a limit
-- forbids. Under a transaction-scoped advisory lock on (tenant, provider) it counts what is
-- committed (READ COMMITTED: the count runs after the lock is granted, so it sees every booking
-- of the previous holder) and refuses a row over a limit with SQLSTATE SW006 (classified in
-- server/src/adapters/postgres/sql-errors.ts: the provider is taken, the use case tries the next).
-- Counted: every status but cancelled (a no-show used the time). Bookings the staff place
-- outside availability on purpose are not limited. startOffsetMinutes only moves offered starts.

-- One provider's limits for one booking (p_booking excluded from what is already there). The
-- caller holds the provider's lock.
CREATE OR REPLACE FUNCTION "provider_limits_check"(
  p_tenant uuid, p_provider uuid, p_booking uuid, p_service uuid, p_start timestamptz,
  p_end timestamptz, p_occupied_start timestamptz, p_occupied_end timestamptz, p_session text)
RETURNS void LANGUAGE plpgsql AS $$
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
  v_minutes numeric := extract(epoch FROM p_end - p_start) / 60;
  v_gap integer;
  v_period text;
BEGIN
  SELECT p.time_zone, p.booking_limits - 'startOffsetMinutes' INTO v_zone, v_pl
    FROM providers p WHERE p.tenant_id = p_tenant AND p.id = p_provider;
  SELECT s.booking_limits - 'startOffsetMinutes' INTO v_sl
    FROM services s WHERE s.tenant_id = p_tenant AND s.id = p_service;
  IF COALESCE(v_pl, '{}') = '{}' AND COALESCE(v_sl, '{}') = '{}' THEN
    RETURN;
  END IF;

  v_day := (p_start AT TIME ZONE v_zone)::date;
  FOREACH v_period IN ARRAY ARRAY['Day', 'Week'] LOOP
    CONTINUE WHEN NOT (v_pl ?| ARRAY['bookingsPer' || v_period, 'minutesPer' || v_period]
                       OR v_sl ?| ARRAY['bookingsPer' || v_period, 'minutesPer' || v_period]);
    v_from := CASE v_period WHEN 'Day' THEN v_day ELSE date_trunc('week', v_day)::date END;
    v_to := v_from + CASE v_period WHEN 'Day' THEN 1 ELSE 7 END;
    v_lo := v_from::timestamp AT TIME ZONE v_zone;
    v_hi := v_to::timestamp AT TIME ZONE v_zone;
    SELECT count(*), COALESCE(sum(extract(epoch FROM b.end_at - b.start_at) / 60), 0),
           count(*) FILTER (WHERE b.service_id = p_service),
           COALESCE(sum(extract(epoch FROM b.end_at - b.start_at) / 60) FILTER (WHERE b.service_id = p_service), 0)
      INTO v_n, v_min, v_sn, v_smin
      FROM (
        SELECT b.service_id, b.start_at, b.end_at FROM bookings b
         WHERE b.tenant_id = p_tenant AND b.provider_id = p_provider AND b.status <> 'cancelled'
           AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
           AND b.start_at >= v_lo AND b.start_at < v_hi AND b.id <> p_booking
        UNION ALL
        -- Host rows start at most a day (the longest buffer) before their booking.
        SELECT b.service_id, b.start_at, b.end_at FROM booking_participants h
          JOIN bookings b ON b.tenant_id = h.tenant_id AND b.id = h.booking_id
         WHERE h.tenant_id = p_tenant AND h.provider_id = p_provider AND h.role = 'host'
           AND h.occupied_start >= v_lo - interval '1 day' AND h.occupied_start < v_hi
           AND b.status <> 'cancelled' AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
           AND b.start_at >= v_lo AND b.start_at < v_hi AND b.id <> p_booking
      ) b;
    IF v_n + 1 > COALESCE((v_pl->>('bookingsPer' || v_period))::int, 2147483647)
       OR v_min + v_minutes > COALESCE((v_pl->>('minutesPer' || v_period))::int, 2147483647)
       OR v_sn + 1 > COALESCE((v_sl->>('bookingsPer' || v_period))::int, 2147483647)
       OR v_smin + v_minutes > COALESCE((v_sl->>('minutesPer' || v_period))::int, 2147483647) THEN
      RAISE EXCEPTION 'limit_reached: the provider''s % limit is reached', lower(v_period) USING ERRCODE = 'SW006';
    END IF;
  END LOOP;

  v_gap := GREATEST(COALESCE((v_pl->>'minGapMinutes')::int, 0), COALESCE((v_sl->>'minGapMinutes')::int, 0));
  IF v_gap > 0 AND (EXISTS (
    SELECT 1 FROM bookings b
     WHERE b.tenant_id = p_tenant AND b.provider_id = p_provider
       AND b.status IN ('pending', 'pending_payment', 'confirmed', 'checked_in') AND b.id <> p_booking
       AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
       AND b.session_key IS DISTINCT FROM p_session
       -- An occupied range is at most 3 days long: the start is bounded on both sides, a range
       -- of bookings_availability_scan_idx (no index on occupied_end is needed).
       AND b.occupied_start >= p_occupied_start - make_interval(mins => v_gap) - interval '3 days'
       AND b.occupied_start < p_occupied_end + make_interval(mins => v_gap)
       AND b.occupied_end > p_occupied_start - make_interval(mins => v_gap)
  ) OR EXISTS (
    SELECT 1 FROM booking_participants h
      JOIN bookings b ON b.tenant_id = h.tenant_id AND b.id = h.booking_id
     WHERE h.tenant_id = p_tenant AND h.provider_id = p_provider AND h.role = 'host' AND h.active
       AND h.booking_id <> p_booking AND h.session_key IS DISTINCT FROM p_session
       AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
       AND h.occupied_start >= p_occupied_start - make_interval(mins => v_gap) - interval '3 days'
       AND h.occupied_start < p_occupied_end + make_interval(mins => v_gap)
       AND h.occupied_end > p_occupied_start - make_interval(mins => v_gap))) THEN
    RAISE EXCEPTION 'limit_reached: less than % minutes from another booking of the provider', v_gap USING ERRCODE = 'SW006';
  END IF;
END $$;

-- The booking's own provider. A team booking takes the locks of its hosts too, with its own, in
-- id order before any of them is checked: two bookings sharing limited providers then never
-- hold one lock each and wait for the other's (the host rows' trigger below takes them again,
-- which costs nothing). On insert the hosts are not written yet (booking_create inserts them
-- next), so it locks every provider that can be one (collective: the service's providers, round
-- robin: its hosts); on a move they are the booking's host rows.
CREATE OR REPLACE FUNCTION "bookings_enforce_limits"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_mode text;
  v_sl jsonb;
  v_hosts uuid[] := '{}';
  v_own boolean;
  v_limited boolean;
  v_id uuid;
BEGIN
  IF NEW.status = 'cancelled' OR NEW.outside_availability THEN
    RETURN NEW;
  END IF;
  -- Confirming, checking in, completing: the booking was already counted where it is.
  IF TG_OP = 'UPDATE' AND OLD.status <> 'cancelled' AND OLD.provider_id = NEW.provider_id
     AND OLD.service_id = NEW.service_id AND OLD.start_at = NEW.start_at AND OLD.end_at = NEW.end_at THEN
    RETURN NEW;
  END IF;
  -- The service and its own provider in one lookup: a one-provider booking where neither has a
  -- limit (most bookings) has nothing to lock or count, and returns here.
  SELECT s.participant_mode, s.booking_limits - 'startOffsetMinutes', s.host_provider_ids,
         COALESCE(p.booking_limits - 'startOffsetMinutes', '{}') <> '{}'
    INTO v_mode, v_sl, v_hosts, v_limited
    FROM services s LEFT JOIN providers p ON p.tenant_id = NEW.tenant_id AND p.id = NEW.provider_id
   WHERE s.tenant_id = NEW.tenant_id AND s.id = NEW.service_id;
  IF v_mode = 'single' AND NOT v_limited AND COALESCE(v_sl, '{}') = '{}' THEN
    RETURN NEW;
  END IF;
  IF v_mode = 'single' THEN
    v_hosts := '{}';
  ELSIF v_mode IN ('collective', 'round_robin') THEN
    IF TG_OP = 'UPDATE' THEN
      v_hosts := ARRAY(SELECT h.provider_id FROM booking_participants h
                        WHERE h.tenant_id = NEW.tenant_id AND h.booking_id = NEW.id AND h.role = 'host');
    ELSIF v_mode = 'collective' THEN
      v_hosts := ARRAY(SELECT ps.provider_id FROM provider_services ps
                        WHERE ps.tenant_id = NEW.tenant_id AND ps.service_id = NEW.service_id);
    END IF;
  END IF;

  v_own := false;
  FOR v_id IN
    SELECT p.id FROM providers p
     WHERE p.tenant_id = NEW.tenant_id AND p.id = ANY (v_hosts || NEW.provider_id)
       AND (COALESCE(v_sl, '{}') <> '{}' OR COALESCE(p.booking_limits - 'startOffsetMinutes', '{}') <> '{}')
     ORDER BY p.id
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('limits/' || NEW.tenant_id::text || '/' || v_id::text, 0));
    v_own := v_own OR v_id = NEW.provider_id;
  END LOOP;
  IF v_own THEN
    PERFORM provider_limits_check(NEW.tenant_id, NEW.provider_id, NEW.id, NEW.service_id, NEW.start_at,
      NEW.end_at, NEW.occupied_start, NEW.occupied_end, NEW.session_key);
  END IF;
  RETURN NEW;
END $$;

-- A host of a team booking (trigger booking_participants_enforce_limits: host rows that start
-- holding a provider, when written by booking_create after the booking row or moved with it by
-- bookings_sync_participants).
CREATE OR REPLACE FUNCTION "booking_participants_enforce_limits"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_b bookings%ROWTYPE;
BEGIN
  -- Confirming, checking in: the row was already counted where it is.
  IF TG_OP = 'UPDATE' AND OLD.active AND OLD.provider_id = NEW.provider_id
     AND OLD.occupied_start = NEW.occupied_start AND OLD.occupied_end = NEW.occupied_end THEN
    RETURN NEW;
  END IF;
  SELECT * INTO v_b FROM bookings b WHERE b.tenant_id = NEW.tenant_id AND b.id = NEW.booking_id;
  IF v_b.status = 'cancelled' OR v_b.outside_availability THEN
    RETURN NEW;
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM providers p, services s
     WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.provider_id AND s.tenant_id = NEW.tenant_id AND s.id = v_b.service_id
       AND (COALESCE(p.booking_limits - 'startOffsetMinutes', '{}') <> '{}' OR COALESCE(s.booking_limits - 'startOffsetMinutes', '{}') <> '{}')) THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('limits/' || NEW.tenant_id::text || '/' || NEW.provider_id::text, 0));
  PERFORM provider_limits_check(NEW.tenant_id, NEW.provider_id, NEW.booking_id, v_b.service_id, v_b.start_at,
    v_b.end_at, NEW.occupied_start, NEW.occupied_end, NEW.session_key);
  RETURN NEW;
END $$;
