-- One provider's active bookings that can touch an availability window, in range order: the scan
-- both availability_snapshot (every column) and availability_snapshot_occupied (occupied ranges)
-- read, provider by provider. Bounded on both sides: an occupied range is at most 3 days (CHECK
-- bookings_occupied_at_most_3_days) and a buffer at most one, so an overlapping booking's occupied
-- start is in [p_scan_lo, p_hi) and its start before p_start_hi: one range of
-- bookings_availability_scan_idx, whatever the statistics (a scan of the tenant's every booking
-- was seen when they knew only past bookings). LANGUAGE sql and STABLE: inlined into the caller's
-- statement, as a parameterised scan per provider.
CREATE OR REPLACE FUNCTION "availability_provider_bookings"(
  p_tenant uuid, p_provider uuid, p_lo timestamptz, p_hi timestamptz, p_scan_lo timestamptz,
  p_start_hi timestamptz, p_exclude_booking uuid)
RETURNS TABLE (occupied_start timestamptz, occupied_end timestamptz, service_id uuid,
               start_at timestamptz, end_at timestamptz, bb integer, ba integer, seats integer)
LANGUAGE sql STABLE AS $$
  SELECT b.occupied_start, b.occupied_end, b.service_id, b.start_at, b.end_at,
         b.buffer_before_minutes, b.buffer_after_minutes, b.seats
  FROM bookings b
  WHERE b.tenant_id = p_tenant AND b.provider_id = p_provider
    AND b.occupied_start >= p_scan_lo AND b.occupied_start < p_hi
    AND b.start_at >= p_scan_lo AND b.start_at < p_start_hi
    AND b.occupied_end > p_lo
    AND b.status IN ('pending', 'pending_payment', 'confirmed', 'checked_in')
    -- A payment hold past its expiry frees its slot even before anything cancels it.
    AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
    AND (p_exclude_booking IS NULL OR b.id <> p_exclude_booking)
  ORDER BY b.occupied_start
$$;
