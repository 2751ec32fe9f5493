-- availability_snapshot's bookings for an appointment's public read ("occupied": true, ADR 0023):
-- each booking as its occupied range in ms from p_base, provider by provider off the index by
-- position in p_providers (the document's provider order; a NULL stands for a provider whose
-- bookings are not wanted here), and the bookings those providers attend as hosts of team services. A function of its own so that the 'occupied' half of a split
-- read (ADR 0024) is a small statement: a part of a statement costs its executor set-up on every
-- call, run or not. STABLE: it reads in the calling statement's snapshot, under its tenant.
CREATE OR REPLACE FUNCTION "availability_snapshot_occupied"(
  p_tenant uuid, p_providers uuid[], p_lo timestamptz, p_hi timestamptz, p_scan_lo timestamptz,
  p_start_hi timestamptz, p_base float8, p_exclude_booking uuid)
RETURNS json LANGUAGE plpgsql STABLE
-- As availability_snapshot: the generic plan (by tenant and provider through an index) is the one wanted.
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (
    SELECT json_build_object('occupied', true, 'provider', array_agg(o.n), 'start', array_agg(o.s), 'end', array_agg(o.e))
    FROM (
      SELECT (u.n - 1)::int AS n,
             (round(date_part('epoch', b.occupied_start) * 1000) - p_base)::bigint AS s,
             (round(date_part('epoch', b.occupied_end) * 1000) - p_base)::bigint AS e
      FROM unnest(p_providers) WITH ORDINALITY AS u(pid, n)
      -- In range order (availability_provider_bookings.sql): the engine then merges instead of
      -- sorting (sortAscending, ranges.ts; correct in any order).
      CROSS JOIN LATERAL availability_provider_bookings(
        p_tenant, u.pid, p_lo, p_hi, p_scan_lo, p_start_hi, p_exclude_booking) b
      UNION ALL
      SELECT array_position(p_providers, h.provider_id) - 1,
             (round(date_part('epoch', h.occupied_start) * 1000) - p_base)::bigint,
             (round(date_part('epoch', h.occupied_end) * 1000) - p_base)::bigint
      FROM availability_host_bookings(p_tenant, p_providers, p_lo, p_hi, p_scan_lo, p_exclude_booking) h
    ) o
    HAVING count(*) > 0);
END $$;
