-- Recomputes one tenant's report roll-ups from the base tables (bookings, payment_ledger): what a
-- change of the tenant's time zone runs (every local day moves), what the migration ran once to
-- fill them, and the reference the consistency test compares the trigger-kept rows against. The
-- tenant's queued creates (report_pending) are in the bookings it reads, so it empties the queue
-- in the same statement as it reads them: a create queues without locking the tenant
-- (report_bookings_changed), and one that commits between two statements would be both counted
-- and left queued. One snapshot sees a create's booking and its row together or neither. The
-- tenant row's lock (the zone change's UPDATE's or this function's) holds off the writers that
-- read the zone (class seats, updates, deletes, ledger rows) and the fold.
CREATE OR REPLACE FUNCTION "report_rebuild"(p_tenant uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
BEGIN
  SELECT time_zone INTO v_zone FROM tenants WHERE id = p_tenant FOR NO KEY UPDATE;
  DELETE FROM report_daily WHERE tenant_id = p_tenant;
  DELETE FROM report_hours WHERE tenant_id = p_tenant;
  DELETE FROM report_sessions WHERE tenant_id = p_tenant;
  DELETE FROM report_money WHERE tenant_id = p_tenant;
  DELETE FROM report_totals WHERE tenant_id = p_tenant;
  DELETE FROM report_total_hours WHERE tenant_id = p_tenant;
  DELETE FROM report_total_money WHERE tenant_id = p_tenant;
  DELETE FROM report_provider_days WHERE tenant_id = p_tenant;
  DELETE FROM report_provider_months WHERE tenant_id = p_tenant;
  IF v_zone IS NULL THEN
    DELETE FROM report_pending WHERE tenant_id = p_tenant;
    RETURN;
  END IF;

  WITH queued AS (
    DELETE FROM report_pending WHERE tenant_id = p_tenant
  ), daily AS (
    INSERT INTO report_daily (tenant_id, day, provider_id, service_id, status, currency, bookings, price_cents, duration_ms, paid_cents)
    SELECT b.tenant_id, (b.start_at AT TIME ZONE v_zone)::date, b.provider_id, b.service_id, b.status, b.currency,
           count(*), sum(b.price_cents),
           COALESCE(sum(round(extract(epoch FROM b.end_at - b.start_at) * 1000)) FILTER (WHERE b.session_key = b.id::text), 0),
           COALESCE(sum(p.paid), 0)
      FROM bookings b
      LEFT JOIN (
        SELECT l.booking_id, sum(CASE WHEN l.entry = 'refunded' THEN -l.amount_minor ELSE l.amount_minor END) AS paid
          FROM payment_ledger l
         WHERE l.tenant_id = p_tenant AND l.phase = 'succeeded' AND l.entry IN ('captured', 'fee', 'refunded')
         GROUP BY l.booking_id
      ) p ON p.booking_id = b.id
     WHERE b.tenant_id = p_tenant
     GROUP BY 1, 2, 3, 4, 5, 6
  )
  INSERT INTO report_hours (tenant_id, day, provider_id, hour, bookings)
  SELECT b.tenant_id, (b.start_at AT TIME ZONE v_zone)::date, b.provider_id,
         extract(hour FROM b.start_at AT TIME ZONE v_zone)::smallint, count(*)
    FROM bookings b
   WHERE b.tenant_id = p_tenant AND b.status <> 'cancelled'
   GROUP BY 1, 2, 3, 4;

  INSERT INTO report_sessions (tenant_id, provider_id, session_key, day, service_id, duration_ms)
  SELECT b.tenant_id, b.provider_id, b.session_key, (min(b.start_at) AT TIME ZONE v_zone)::date,
         (array_agg(b.service_id ORDER BY b.start_at, b.id))[1],
         max(round(extract(epoch FROM b.end_at - b.start_at) * 1000))
    FROM bookings b
   WHERE b.tenant_id = p_tenant AND b.session_key <> b.id::text AND b.status <> 'cancelled'
   GROUP BY 1, 2, 3;

  INSERT INTO report_money (tenant_id, day, provider_id, service_id, currency, captured_cents, fee_cents, refunded_cents)
  SELECT l.tenant_id, (l.created_at AT TIME ZONE v_zone)::date, b.provider_id, b.service_id, l.currency,
         COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'captured'), 0),
         COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'fee'), 0),
         COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'refunded'), 0)
    FROM payment_ledger l
    JOIN bookings b ON b.tenant_id = l.tenant_id AND b.id = l.booking_id
   WHERE l.tenant_id = p_tenant AND l.phase = 'succeeded' AND l.entry IN ('captured', 'fee', 'refunded')
   GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO report_totals (tenant_id, day, service_id, status, currency, bookings, price_cents, paid_cents)
  SELECT tenant_id, day, service_id, status, currency, sum(bookings), sum(price_cents), sum(paid_cents)
    FROM report_daily WHERE tenant_id = p_tenant GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO report_total_hours (tenant_id, day, hour, bookings)
  SELECT tenant_id, day, hour, sum(bookings) FROM report_hours WHERE tenant_id = p_tenant GROUP BY 1, 2, 3;
  INSERT INTO report_total_money (tenant_id, day, currency, captured_cents, fee_cents, refunded_cents)
  SELECT tenant_id, day, currency, sum(captured_cents), sum(fee_cents), sum(refunded_cents)
    FROM report_money WHERE tenant_id = p_tenant GROUP BY 1, 2, 3;
  INSERT INTO report_provider_days (tenant_id, day, provider_id, duration_ms)
  SELECT tenant_id, day, provider_id, sum(duration_ms) FILTER (WHERE status <> 'cancelled')
    FROM report_daily WHERE tenant_id = p_tenant GROUP BY 1, 2, 3
  HAVING sum(duration_ms) FILTER (WHERE status <> 'cancelled') IS NOT NULL;
  INSERT INTO report_provider_months (tenant_id, month, provider_id, duration_ms)
  SELECT tenant_id, date_trunc('month', day)::date, provider_id, sum(duration_ms)
    FROM report_provider_days WHERE tenant_id = p_tenant GROUP BY 1, 2, 3;
END $$;
