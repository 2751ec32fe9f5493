-- Keeps the money roll-ups exact with every ledger insert (the ledger is append-only, so inserts
-- are its only change): a succeeded capture, fee or refund adds to report_money on the movement's
-- local day (tenant zone), under the booking's provider and service, and to report_total_money
-- (business-wide), and to the paid amount of the booking's report_daily and report_totals rows. Authorisations, releases, disputes and pending or failed
-- outcomes move no collected money.
CREATE OR REPLACE FUNCTION "report_ledger_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
  b bookings;
  v_signed bigint := CASE WHEN NEW.entry = 'refunded' THEN -NEW.amount_minor ELSE NEW.amount_minor END;
BEGIN
  IF NEW.phase <> 'succeeded' OR NEW.entry NOT IN ('captured', 'fee', 'refunded') THEN RETURN NULL; END IF;
  -- FOR SHARE on the booking: a concurrent change of its status, day or provider either commits
  -- first (and this reads the new row) or waits for this insert (and its trigger then counts this
  -- row in the booking's paid amount); without it the money could land on a row the booking left.
  -- Booking first, then tenant: the order the booking trigger locks them in.
  SELECT * INTO b FROM bookings WHERE tenant_id = NEW.tenant_id AND id = NEW.booking_id FOR SHARE;
  SELECT t.time_zone INTO v_zone FROM tenants t WHERE t.id = NEW.tenant_id FOR SHARE;
  INSERT INTO report_money AS r (tenant_id, day, provider_id, service_id, currency, captured_cents, fee_cents, refunded_cents)
  VALUES (NEW.tenant_id, (NEW.created_at AT TIME ZONE v_zone)::date, b.provider_id, b.service_id, NEW.currency,
          CASE WHEN NEW.entry = 'captured' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.entry = 'fee' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.entry = 'refunded' THEN NEW.amount_minor ELSE 0 END)
  ON CONFLICT (tenant_id, day, provider_id, service_id, currency) DO UPDATE
    SET captured_cents = r.captured_cents + EXCLUDED.captured_cents,
        fee_cents = r.fee_cents + EXCLUDED.fee_cents,
        refunded_cents = r.refunded_cents + EXCLUDED.refunded_cents;
  INSERT INTO report_total_money AS r (tenant_id, day, currency, captured_cents, fee_cents, refunded_cents)
  VALUES (NEW.tenant_id, (NEW.created_at AT TIME ZONE v_zone)::date, NEW.currency,
          CASE WHEN NEW.entry = 'captured' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.entry = 'fee' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.entry = 'refunded' THEN NEW.amount_minor ELSE 0 END)
  ON CONFLICT (tenant_id, day, currency) DO UPDATE
    SET captured_cents = r.captured_cents + EXCLUDED.captured_cents,
        fee_cents = r.fee_cents + EXCLUDED.fee_cents,
        refunded_cents = r.refunded_cents + EXCLUDED.refunded_cents;
  -- Upserts, not updates: a booking whose create is still queued (report_pending) has no row yet;
  -- the fold adds its count to the row this creates.
  INSERT INTO report_totals AS r (tenant_id, day, service_id, status, currency, paid_cents)
  VALUES (b.tenant_id, (b.start_at AT TIME ZONE v_zone)::date, b.service_id, b.status, b.currency, v_signed)
  ON CONFLICT (tenant_id, day, service_id, status, currency) DO UPDATE SET paid_cents = r.paid_cents + EXCLUDED.paid_cents;
  INSERT INTO report_daily AS r (tenant_id, day, provider_id, service_id, status, currency, paid_cents)
  VALUES (b.tenant_id, (b.start_at AT TIME ZONE v_zone)::date, b.provider_id, b.service_id, b.status, b.currency, v_signed)
  ON CONFLICT (tenant_id, day, provider_id, service_id, status, currency) DO UPDATE SET paid_cents = r.paid_cents + EXCLUDED.paid_cents;
  RETURN NULL;
END $$;
