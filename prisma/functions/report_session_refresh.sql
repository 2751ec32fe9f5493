-- Recomputes one class session's row in report_sessions from its seats: a class counts once in
-- its provider's booked time (its longest seat that is not cancelled), however many seats it has.
-- Under the session's advisory lock (the one the capacity trigger takes), so two seats written
-- at once cannot both see themselves as the first. No seat left that is not cancelled: no row.
CREATE OR REPLACE FUNCTION "report_session_refresh"(p_tenant uuid, p_provider uuid, p_session_key text, p_zone text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_day date;
  v_service uuid;
  v_ms bigint;
BEGIN
  PERFORM booking_session_lock(p_tenant, p_provider, p_session_key);
  SELECT (min(b.start_at) AT TIME ZONE p_zone)::date,
         (array_agg(b.service_id ORDER BY b.start_at, b.id))[1],
         max(round(extract(epoch FROM b.end_at - b.start_at) * 1000))::bigint
    INTO v_day, v_service, v_ms
    FROM bookings b
   WHERE b.tenant_id = p_tenant AND b.provider_id = p_provider AND b.session_key = p_session_key
     AND b.session_key <> b.id::text AND b.status <> 'cancelled';
  IF v_ms IS NULL THEN
    DELETE FROM report_sessions
     WHERE tenant_id = p_tenant AND provider_id = p_provider AND session_key = p_session_key;
  ELSE
    INSERT INTO report_sessions AS r (tenant_id, provider_id, session_key, day, service_id, duration_ms)
    VALUES (p_tenant, p_provider, p_session_key, v_day, v_service, v_ms)
    ON CONFLICT (tenant_id, provider_id, session_key) DO UPDATE
      SET day = EXCLUDED.day, service_id = EXCLUDED.service_id, duration_ms = EXCLUDED.duration_ms;
  END IF;
END $$;
