-- The bookings some of p_providers attend as hosts of team services (docs/decisions/0018) that can
-- touch an availability window: they hold the provider as its own bookings do. Read by both
-- availability_snapshot (every column) and availability_snapshot_occupied (occupied ranges), next
-- to availability_provider_bookings. LANGUAGE sql and STABLE: inlined into the caller's statement.
CREATE OR REPLACE FUNCTION "availability_host_bookings"(
  p_tenant uuid, p_providers uuid[], p_lo timestamptz, p_hi timestamptz, p_scan_lo timestamptz,
  p_exclude_booking uuid)
RETURNS TABLE (provider_id uuid, occupied_start timestamptz, occupied_end timestamptz, service_id uuid,
               start_at timestamptz, end_at timestamptz, bb integer, ba integer, seats integer)
LANGUAGE sql STABLE AS $$
  SELECT bp.provider_id, bp.occupied_start, bp.occupied_end, b.service_id, b.start_at, b.end_at,
         b.buffer_before_minutes, b.buffer_after_minutes, b.seats
  FROM booking_participants bp
  JOIN bookings b ON b.tenant_id = bp.tenant_id AND b.id = bp.booking_id
  WHERE bp.tenant_id = p_tenant AND bp.provider_id = ANY (p_providers) AND bp.active AND bp.role = 'host'
    AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
    AND bp.occupied_start >= p_scan_lo AND bp.occupied_start < p_hi
    AND bp.occupied_end > p_lo
    AND (p_exclude_booking IS NULL OR b.id <> p_exclude_booking)
$$;
