-- Folds up to p_limit of a tenant's queued booking creates (report_pending, ADR 0022) into the
-- report roll-ups and returns how many: the same shares report_booking_add adds, grouped by key,
-- deleted from the queue in the same statement. A row is folded once: concurrent folders skip
-- the rows another has locked (SKIP LOCKED), and a deleted row is gone for everyone at commit.
-- FOR SHARE on the tenant: a zone change (which rebuilds and empties the queue) waits for a fold
-- in flight, and a fold after it reads the new zone. Each table's rows are upserted in key order.
CREATE OR REPLACE FUNCTION "report_fold"(p_tenant uuid, p_limit integer DEFAULT 5000)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
  v_n integer;
BEGIN
  SELECT t.time_zone INTO v_zone FROM tenants t WHERE t.id = p_tenant FOR SHARE;
  IF v_zone IS NULL THEN
    -- The tenant is gone (its roll-ups went by cascade): nothing to fold its rows into.
    DELETE FROM report_pending WHERE tenant_id = p_tenant;
    RETURN 0;
  END IF;
  WITH gone AS (
    DELETE FROM report_pending q
     WHERE q.id IN (SELECT p.id FROM report_pending p WHERE p.tenant_id = p_tenant
                     ORDER BY p.id LIMIT p_limit FOR UPDATE SKIP LOCKED)
    RETURNING q.provider_id, q.service_id, q.status, q.currency, q.start_at AT TIME ZONE v_zone AS local,
              q.duration_ms, q.price_cents
  ), daily AS (
    INSERT INTO report_daily AS r (tenant_id, day, provider_id, service_id, status, currency, bookings, price_cents, duration_ms)
    SELECT p_tenant, local::date, provider_id, service_id, status, currency, count(*), sum(price_cents), sum(duration_ms)
      FROM gone GROUP BY 2, 3, 4, 5, 6 ORDER BY 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, day, provider_id, service_id, status, currency) DO UPDATE
      SET bookings = r.bookings + EXCLUDED.bookings,
          price_cents = r.price_cents + EXCLUDED.price_cents,
          duration_ms = r.duration_ms + EXCLUDED.duration_ms
  ), totals AS (
    INSERT INTO report_totals AS r (tenant_id, day, service_id, status, currency, bookings, price_cents)
    SELECT p_tenant, local::date, service_id, status, currency, count(*), sum(price_cents)
      FROM gone GROUP BY 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
    ON CONFLICT (tenant_id, day, service_id, status, currency) DO UPDATE
      SET bookings = r.bookings + EXCLUDED.bookings, price_cents = r.price_cents + EXCLUDED.price_cents
  ), hours AS (
    INSERT INTO report_hours AS r (tenant_id, day, provider_id, hour, bookings)
    SELECT p_tenant, local::date, provider_id, extract(hour FROM local)::smallint, count(*)
      FROM gone WHERE status <> 'cancelled' GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
    ON CONFLICT (tenant_id, day, provider_id, hour) DO UPDATE SET bookings = r.bookings + EXCLUDED.bookings
  ), total_hours AS (
    INSERT INTO report_total_hours AS r (tenant_id, day, hour, bookings)
    SELECT p_tenant, local::date, extract(hour FROM local)::smallint, count(*)
      FROM gone WHERE status <> 'cancelled' GROUP BY 2, 3 ORDER BY 2, 3
    ON CONFLICT (tenant_id, day, hour) DO UPDATE SET bookings = r.bookings + EXCLUDED.bookings
  ), provider_days AS (
    INSERT INTO report_provider_days AS r (tenant_id, day, provider_id, duration_ms)
    SELECT p_tenant, local::date, provider_id, sum(duration_ms)
      FROM gone WHERE status <> 'cancelled' AND duration_ms <> 0 GROUP BY 2, 3 ORDER BY 2, 3
    ON CONFLICT (tenant_id, day, provider_id) DO UPDATE SET duration_ms = r.duration_ms + EXCLUDED.duration_ms
  ), provider_months AS (
    INSERT INTO report_provider_months AS r (tenant_id, month, provider_id, duration_ms)
    SELECT p_tenant, date_trunc('month', local)::date, provider_id, sum(duration_ms)
      FROM gone WHERE status <> 'cancelled' AND duration_ms <> 0 GROUP BY 2, 3 ORDER BY 2, 3
    ON CONFLICT (tenant_id, month, provider_id) DO UPDATE SET duration_ms = r.duration_ms + EXCLUDED.duration_ms
  )
  SELECT count(*) INTO v_n FROM gone;
  RETURN v_n;
END $$;
