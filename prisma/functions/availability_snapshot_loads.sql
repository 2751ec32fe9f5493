-- availability_snapshot's 'loads' part (booking limits, bookings_enforce_limits.sql): per
-- provider-local date, the provider's counted bookings (its own and those it attends as a host)
-- and minutes, and those of this service, a week and a day around the window; only for providers
-- (or a service) with a count limit. Null when there are none. p_providers: the document's
-- providers in its order (their index is their position). A function of its own, called only
-- when a count limit exists, for the reason given in availability_snapshot_team.sql; STABLE, so
-- it reads in the calling statement's snapshot.
CREATE OR REPLACE FUNCTION "availability_snapshot_loads"(
  p_tenant uuid, p_service uuid, p_from timestamptz, p_to timestamptz, p_exclude_booking uuid,
  p_providers uuid[])
RETURNS json LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (
    SELECT json_agg(json_build_array(l.idx, l.day, l.n, l.minutes, l.sn, l.sminutes))
    FROM (
      SELECT prov.idx, (b.start_at AT TIME ZONE prov.time_zone)::date AS day, count(*) AS n,
             sum(extract(epoch FROM b.end_at - b.start_at) / 60) AS minutes,
             count(*) FILTER (WHERE b.service_id = p_service) AS sn,
             COALESCE(sum(extract(epoch FROM b.end_at - b.start_at) / 60) FILTER (WHERE b.service_id = p_service), 0) AS sminutes
      FROM (
        SELECT p.id, p.time_zone, p.booking_limits, (u.n - 1)::int AS idx
        FROM unnest(p_providers) WITH ORDINALITY AS u(id, n)
        JOIN providers p ON p.tenant_id = p_tenant AND p.id = u.id
      ) prov
      CROSS JOIN (
        SELECT booking_limits FROM services WHERE tenant_id = p_tenant AND id = p_service AND deleted_at IS NULL
      ) svc
      -- The provider's own bookings and those it attends as a host (rows starting at most a
      -- day, the longest buffer, before their booking) count alike.
      JOIN LATERAL (
        SELECT b.service_id, b.start_at, b.end_at FROM bookings b
         WHERE b.tenant_id = p_tenant AND b.provider_id = prov.id AND b.status <> 'cancelled'
           AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
           AND b.start_at >= p_from - interval '9 days' AND b.start_at < p_to + interval '9 days'
           AND (p_exclude_booking IS NULL OR b.id <> p_exclude_booking)
        UNION ALL
        SELECT b.service_id, b.start_at, b.end_at FROM booking_participants h
          JOIN bookings b ON b.tenant_id = h.tenant_id AND b.id = h.booking_id
         WHERE h.tenant_id = p_tenant AND h.provider_id = prov.id AND h.role = 'host'
           AND h.occupied_start >= p_from - interval '10 days' AND h.occupied_start < p_to + interval '9 days'
           AND b.status <> 'cancelled' AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
           AND b.start_at >= p_from - interval '9 days' AND b.start_at < p_to + interval '9 days'
           AND (p_exclude_booking IS NULL OR b.id <> p_exclude_booking)
      ) b ON true
      WHERE (prov.booking_limits ?| ARRAY['bookingsPerDay', 'bookingsPerWeek', 'minutesPerDay', 'minutesPerWeek']
             OR svc.booking_limits ?| ARRAY['bookingsPerDay', 'bookingsPerWeek', 'minutesPerDay', 'minutesPerWeek'])
      GROUP BY prov.idx, 2) l
  );
END $$;
