-- Adds (p_sign = 1) or takes away (-1) a booking's ledger money in report_money under the given
-- provider and service, per local day of each movement: what moves when a booking changes hands
-- (report_money is keyed by the booking's provider and service, so a provider filter applies).
CREATE OR REPLACE FUNCTION "report_money_of_booking"(p_tenant uuid, p_booking uuid, p_provider uuid,
                                                     p_service uuid, p_zone text, p_sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_money AS r (tenant_id, day, provider_id, service_id, currency, captured_cents, fee_cents, refunded_cents)
  SELECT p_tenant, (l.created_at AT TIME ZONE p_zone)::date, p_provider, p_service, l.currency,
         p_sign * COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'captured'), 0),
         p_sign * COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'fee'), 0),
         p_sign * COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'refunded'), 0)
    FROM payment_ledger l
   WHERE l.tenant_id = p_tenant AND l.booking_id = p_booking AND l.phase = 'succeeded'
     AND l.entry IN ('captured', 'fee', 'refunded')
   GROUP BY 2, 5
  ON CONFLICT (tenant_id, day, provider_id, service_id, currency) DO UPDATE
    SET captured_cents = r.captured_cents + EXCLUDED.captured_cents,
        fee_cents = r.fee_cents + EXCLUDED.fee_cents,
        refunded_cents = r.refunded_cents + EXCLUDED.refunded_cents
$$;
