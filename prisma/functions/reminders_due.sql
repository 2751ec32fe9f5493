-- The reminder sweep's cross-tenant read (server/src/adapters/prisma/reminder-store.ts): ids of
-- scheduled reminders due by p_now, oldest first. SECURITY DEFINER, so a narrow hole in the
-- row-level policy; it returns ids only and the send runs inside the tenant.
CREATE OR REPLACE FUNCTION "reminders_due"(p_now timestamptz, p_limit integer)
RETURNS TABLE (tenant_id uuid, id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.tenant_id, r.id FROM reminders r
  WHERE r.status = 'scheduled' AND r.due_at <= p_now
  ORDER BY r.due_at LIMIT p_limit
$$;
GRANT EXECUTE ON FUNCTION "reminders_due"(timestamptz, integer) TO slotwise_app;
