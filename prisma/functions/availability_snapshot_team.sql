-- availability_snapshot's 'team' part (team services, docs/decisions/0018, and services with
-- resources): how many of the providers the mode requires are missing (inactive or deleted: the
-- service cannot take place), the resources and their allocations near the window as columns.
-- A function of its own, called only for such services, because a part of a statement costs its
-- executor set-up on every call whether it runs or not: in availability_snapshot it was a good
-- part of an appointment booking's read (issue #11). STABLE, so it reads in the calling
-- statement's snapshot (one consistent document) and under the tenant that statement set.
CREATE OR REPLACE FUNCTION "availability_snapshot_team"(
  p_tenant uuid, p_service uuid, p_lo timestamptz, p_hi timestamptz, p_scan_lo timestamptz,
  p_exclude_booking uuid)
RETURNS json LANGUAGE plpgsql STABLE
-- As availability_snapshot: the generic plan (by tenant and service through an index) is the one wanted.
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (
    WITH svc AS (
      SELECT participant_mode, host_provider_ids FROM services
      WHERE tenant_id = p_tenant AND id = p_service AND deleted_at IS NULL
    ),
    res AS (
      SELECT r.id, r.capacity, r.active AND r.deleted_at IS NULL AS usable, r.location_id,
             (row_number() OVER (ORDER BY r.id) - 1)::int AS idx
      FROM service_resources sr
      JOIN resources r ON r.tenant_id = sr.tenant_id AND r.id = sr.resource_id
      WHERE sr.tenant_id = p_tenant AND sr.service_id = p_service
    )
    SELECT json_build_object(
      'mode', svc.participant_mode,
      'missing', CASE svc.participant_mode
        -- Each provider by its key, as in availability_snapshot_providers (OFFSET 0 keeps the lookup
        -- a subquery planned on its own): joined plainly, the forced generic plan scanned the
        -- tenant's providers once per provider of the service, 500 × 500 rows (18 ms) for a
        -- 500-provider collective service; by key 0.5 ms.
        WHEN 'collective' THEN (
          SELECT count(*) FROM provider_services ps
          CROSS JOIN LATERAL (
            SELECT 1 FROM providers p
            WHERE p.tenant_id = p_tenant AND p.id = ps.provider_id AND (NOT p.active OR p.deleted_at IS NOT NULL)
            OFFSET 0) p
          WHERE ps.tenant_id = p_tenant AND ps.service_id = p_service)
        -- The hosts among the service's usable providers (availability_snapshot's prov).
        WHEN 'round_robin' THEN cardinality(svc.host_provider_ids) - (
          SELECT count(*) FROM provider_services ps
          CROSS JOIN LATERAL (
            SELECT 1 FROM providers p
            WHERE p.tenant_id = p_tenant AND p.id = ps.provider_id AND p.active AND p.deleted_at IS NULL
            OFFSET 0) p
          WHERE ps.tenant_id = p_tenant AND ps.service_id = p_service
            AND ps.provider_id = ANY (svc.host_provider_ids))
        ELSE 0 END,
      'resources', COALESCE((SELECT json_agg(json_build_array(res.id, res.capacity, res.usable, res.location_id) ORDER BY res.idx) FROM res), '[]'),
      'allocations', (
        SELECT json_build_object(
          'resource', COALESCE(array_agg(res.idx), '{}'),
          'start', COALESCE(array_agg(round(date_part('epoch', a.occupied_start) * 1000)), '{}'),
          'end', COALESCE(array_agg(round(date_part('epoch', a.occupied_end) * 1000)), '{}'),
          'session', COALESCE(array_agg(a.session_key), '{}'))
        FROM res
        JOIN booking_participants a ON a.tenant_id = p_tenant AND a.resource_id = res.id AND a.active AND a.role = 'resource'
          AND a.occupied_start >= p_scan_lo AND a.occupied_start < p_hi AND a.occupied_end > p_lo
        JOIN bookings b ON b.tenant_id = a.tenant_id AND b.id = a.booking_id
        WHERE NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
          AND (p_exclude_booking IS NULL OR b.id <> p_exclude_booking)))
    FROM svc
    WHERE svc.participant_mode <> 'single' OR EXISTS (SELECT 1 FROM res)
  );
END $$;
