-- Serialises seat accounting of one class session: the capacity trigger
-- (bookings_enforce_capacity.sql) takes it before it counts the session's seats.
CREATE OR REPLACE FUNCTION "booking_session_lock"(p_tenant_id uuid, p_provider_id uuid, p_session_key text)
RETURNS void LANGUAGE sql VOLATILE AS $$
  SELECT pg_advisory_xact_lock(hashtextextended(p_tenant_id::text || '/' || p_provider_id::text || '/' || p_session_key, 0))
$$;
