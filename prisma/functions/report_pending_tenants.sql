-- The report fold job's cross-tenant read (ADR 0022): tenants with queued booking creates in
-- report_pending. SECURITY DEFINER, so a narrow hole in the row-level policy; it returns tenant
-- ids only and the fold runs inside each tenant.
CREATE OR REPLACE FUNCTION "report_pending_tenants"(p_limit integer)
RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT p.tenant_id FROM report_pending p LIMIT p_limit
$$;
GRANT EXECUTE ON FUNCTION "report_pending_tenants"(integer) TO slotwise_app;
