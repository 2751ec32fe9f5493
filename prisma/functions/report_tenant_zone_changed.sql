-- A tenant's time zone moves every local day its reports are in: its roll-ups are rebuilt from
-- the base tables in the same transaction as the change (a rare, owner-made change; the cost is
-- one pass over the tenant's bookings and ledger).
CREATE OR REPLACE FUNCTION "report_tenant_zone_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rebuild(NEW.id);
  RETURN NULL;
END $$;
