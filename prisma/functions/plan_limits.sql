-- The monthly booking cap of tenant plans (docs/guides/plans-and-billing.md).
--
-- tenant_month_start: the start of the tenant's current calendar month in its own time zone,
-- the one definition of "this month" for the cap and for the usage shown in settings.
--
-- bookings_enforce_plan_cap (trigger, migration *_tenant_plans): the cap is the tenant's plan's
-- monthly_bookings in plan_limits (no tenant_billing row: the free plan; no plan_limits row:
-- no cap, which is the state when PLANS_ENABLED=false). Under a transaction-scoped advisory lock
-- per tenant it counts the bookings created since the month started and rejects the row that
-- would pass the cap with SQLSTATE SW011 (classified in server/src/adapters/postgres/sql-errors.ts),
-- its DETAIL being "limit,usage". The count runs after the lock is granted, at READ COMMITTED, so
-- it sees every booking committed by the previous holder: concurrent requests cannot pass the cap.
-- Only inserts count; moving or cancelling an existing booking never touches the cap.
--
-- tenant_bookings_this_month: what counts against the cap (and the usage shown in settings).
-- An unpaid payment hold that expired (cancelled with cancel_reason 'payment_expired', or still
-- pending_payment past hold_expires_at because the sweep has not run yet) never became a booking
-- the business served, so it does not count: abandoned checkouts cannot use up a plan. A hold
-- still running counts (it may be paid), so concurrent paid checkouts cannot pass the cap either.
CREATE OR REPLACE FUNCTION "tenant_month_start"(p_tenant uuid) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', now() AT TIME ZONE t.time_zone) AT TIME ZONE t.time_zone
  FROM tenants t WHERE t.id = p_tenant
$$;

CREATE OR REPLACE FUNCTION "tenant_bookings_this_month"(p_tenant uuid) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT count(*)::integer FROM bookings b
   WHERE b.tenant_id = p_tenant AND b.created_at >= tenant_month_start(p_tenant)
     AND NOT (b.status = 'cancelled' AND b.cancel_reason IS NOT DISTINCT FROM 'payment_expired')
     AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= now())
$$;

CREATE OR REPLACE FUNCTION "bookings_enforce_plan_cap"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_limit integer;
  v_used integer;
BEGIN
  SELECT l.monthly_bookings INTO v_limit FROM plan_limits l
   WHERE l.plan = COALESCE((SELECT b.plan FROM tenant_billing b WHERE b.tenant_id = NEW.tenant_id), 'free');
  IF v_limit IS NULL THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('plan-cap:' || NEW.tenant_id::text, 0));
  v_used := tenant_bookings_this_month(NEW.tenant_id);
  IF v_used >= v_limit THEN
    RAISE EXCEPTION 'plan_limit: the plan''s monthly booking cap is reached'
      USING ERRCODE = 'SW011', DETAIL = v_limit::text || ',' || v_used::text;
  END IF;
  RETURN NEW;
END
$$;
