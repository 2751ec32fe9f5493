-- Adds (p_sign = 1) or takes away (p_sign = -1) one booking's share of the daily report roll-ups
-- (docs/decisions/0017-report-rollups.md): its (local day, provider, service, status, currency)
-- row in report_daily and report_totals (the same without the provider) and, unless cancelled,
-- its local start hour in report_hours and report_total_hours and its time in
-- report_provider_days and report_provider_months. A class seat (session_key other than its id) adds no time here: its
-- session's time is in report_sessions, once per class. Days and hours are in the tenant's zone.
CREATE OR REPLACE FUNCTION "report_booking_add"(b bookings, p_zone text, p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_local timestamp := b.start_at AT TIME ZONE p_zone;
  v_paid bigint;
BEGIN
  -- Net money the ledger holds for this booking (captures and fees less refunds): what is already
  -- paid towards it, so the report can show what an upcoming booking still has to bring in.
  SELECT COALESCE(sum(CASE WHEN l.entry = 'refunded' THEN -l.amount_minor ELSE l.amount_minor END), 0)
    INTO v_paid FROM payment_ledger l
   WHERE l.tenant_id = b.tenant_id AND l.booking_id = b.id AND l.phase = 'succeeded'
     AND l.entry IN ('captured', 'fee', 'refunded');
  INSERT INTO report_daily AS r (tenant_id, day, provider_id, service_id, status, currency,
                                 bookings, price_cents, duration_ms, paid_cents)
  VALUES (b.tenant_id, v_local::date, b.provider_id, b.service_id, b.status, b.currency,
          p_sign, p_sign * b.price_cents::bigint,
          CASE WHEN b.session_key = b.id::text
               THEN p_sign * round(extract(epoch FROM b.end_at - b.start_at) * 1000)::bigint ELSE 0 END,
          p_sign * v_paid)
  ON CONFLICT (tenant_id, day, provider_id, service_id, status, currency) DO UPDATE
    SET bookings = r.bookings + EXCLUDED.bookings,
        price_cents = r.price_cents + EXCLUDED.price_cents,
        duration_ms = r.duration_ms + EXCLUDED.duration_ms,
        paid_cents = r.paid_cents + EXCLUDED.paid_cents;
  -- The business-wide rows the unfiltered summary reads (no provider in the key: a year is a few
  -- thousand rows however many providers there are).
  INSERT INTO report_totals AS r (tenant_id, day, service_id, status, currency, bookings, price_cents, paid_cents)
  VALUES (b.tenant_id, v_local::date, b.service_id, b.status, b.currency, p_sign, p_sign * b.price_cents::bigint, p_sign * v_paid)
  ON CONFLICT (tenant_id, day, service_id, status, currency) DO UPDATE
    SET bookings = r.bookings + EXCLUDED.bookings,
        price_cents = r.price_cents + EXCLUDED.price_cents,
        paid_cents = r.paid_cents + EXCLUDED.paid_cents;
  IF b.status <> 'cancelled' THEN
    INSERT INTO report_hours AS r (tenant_id, day, provider_id, hour, bookings)
    VALUES (b.tenant_id, v_local::date, b.provider_id, extract(hour FROM v_local)::smallint, p_sign)
    ON CONFLICT (tenant_id, day, provider_id, hour) DO UPDATE SET bookings = r.bookings + EXCLUDED.bookings;
    INSERT INTO report_total_hours AS r (tenant_id, day, hour, bookings)
    VALUES (b.tenant_id, v_local::date, extract(hour FROM v_local)::smallint, p_sign)
    ON CONFLICT (tenant_id, day, hour) DO UPDATE SET bookings = r.bookings + EXCLUDED.bookings;
    IF b.session_key = b.id::text THEN
      INSERT INTO report_provider_days AS r (tenant_id, day, provider_id, duration_ms)
      VALUES (b.tenant_id, v_local::date, b.provider_id, p_sign * round(extract(epoch FROM b.end_at - b.start_at) * 1000)::bigint)
      ON CONFLICT (tenant_id, day, provider_id) DO UPDATE SET duration_ms = r.duration_ms + EXCLUDED.duration_ms;
      -- The same per month: a year of utilisation reads twelve rows a provider, not 365.
      INSERT INTO report_provider_months AS r (tenant_id, month, provider_id, duration_ms)
      VALUES (b.tenant_id, date_trunc('month', v_local)::date, b.provider_id,
              p_sign * round(extract(epoch FROM b.end_at - b.start_at) * 1000)::bigint)
      ON CONFLICT (tenant_id, month, provider_id) DO UPDATE SET duration_ms = r.duration_ms + EXCLUDED.duration_ms;
    END IF;
  END IF;
END $$;
