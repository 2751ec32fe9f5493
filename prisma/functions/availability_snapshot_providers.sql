-- The providers an availability_snapshot document is about, in the engine's order (the
-- document's 'providers', and every provider index in it): the service's active providers, or
-- only p_provider for a one-provider service. One definition for both statements of a split
-- public read (ADR 0024), whose halves are joined only when they list the same providers.
-- LANGUAGE sql and STABLE: inlined into the calling statement (its snapshot, its plan).
CREATE OR REPLACE FUNCTION "availability_snapshot_providers"(p_tenant uuid, p_service uuid, p_provider uuid)
RETURNS TABLE (id uuid, time_zone text, sort_order integer, booking_limits jsonb, location_id uuid,
               host boolean, idx integer)
LANGUAGE sql STABLE AS $$
  WITH svc AS (
    SELECT participant_mode, host_provider_ids FROM services
    WHERE tenant_id = p_tenant AND id = p_service AND deleted_at IS NULL
  )
  SELECT p.id, p.time_zone, p.sort_order, p.booking_limits, p.location_id,
         COALESCE(p.id = ANY (CAST((SELECT host_provider_ids FROM svc) AS uuid[])), false),
         (row_number() OVER (ORDER BY p.sort_order, p.id) - 1)::int
  FROM provider_services ps
  -- Each provider by its key (OFFSET 0 keeps the lookup a subquery planned on its own). Joined
  -- plainly, the generic plan (the callers force it) estimated one provider per tenant and
  -- scanned the tenant's providers once per provider of the service with the join as a filter:
  -- 500 × 500 rows, ~28 ms of a 500-provider read (docs/performance.md, "Availability").
  CROSS JOIN LATERAL (
    SELECT p.id, p.time_zone, p.sort_order, p.booking_limits, p.location_id FROM providers p
    WHERE p.tenant_id = p_tenant AND p.id = ps.provider_id AND p.active AND p.deleted_at IS NULL
    OFFSET 0) p
  WHERE ps.tenant_id = p_tenant AND ps.service_id = p_service
    AND (p_provider IS NULL OR ps.provider_id = p_provider OR EXISTS (SELECT 1 FROM svc WHERE participant_mode <> 'single'))
    AND EXISTS (SELECT 1 FROM svc)
$$;
