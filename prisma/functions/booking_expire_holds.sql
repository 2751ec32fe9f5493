-- Cancels the unpaid payment holds (pending_payment past hold_expires_at) holding one provider that
-- overlap [p_from, p_to): what booking_create calls when such a hold stands in its way, so a lost
-- expiry job can never block a slot. Writes the history row and the outbox event an expiry by the
-- job would (the job, when it runs later, finds the booking cancelled and only voids the intent).
-- Returns how many holds it cancelled. Runs in the caller's tenant transaction (RLS applies).
CREATE OR REPLACE FUNCTION "booking_expire_holds"(p_tenant uuid, p_provider uuid, p_from timestamptz, p_to timestamptz)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_count integer;
BEGIN
  WITH expired AS (
    UPDATE bookings b SET status = 'cancelled', cancel_reason = 'payment_expired', cancelled_at = now(),
           ics_sequence = b.ics_sequence + 1, updated_at = now()
    WHERE b.tenant_id = p_tenant AND b.status = 'pending_payment'
      AND b.hold_expires_at <= now() AND b.occupied_end > p_from AND b.occupied_start < p_to
      -- The provider in any role: its own bookings and the team bookings it attends as a host
      -- (booking_participants mirrors the former, docs/decisions/0018).
      AND b.id IN (SELECT bp.booking_id FROM booking_participants bp
                   WHERE bp.tenant_id = p_tenant AND bp.provider_id = p_provider AND bp.active
                     AND bp.occupied_end > p_from AND bp.occupied_start < p_to)
    RETURNING b.id, b.service_id, b.provider_id, b.start_at, b.end_at
  ), hist AS (
    INSERT INTO booking_events (id, tenant_id, booking_id, action, from_status, to_status, actor_type, actor_id, reason, data)
    SELECT gen_random_uuid(), p_tenant, e.id, 'cancel', 'pending_payment', 'cancelled', 'system', NULL,
           'payment_expired', '{"expired": true}'::jsonb
    FROM expired e
    RETURNING 1
  ), ev AS (
    INSERT INTO outbox_events (tenant_id, topic, payload)
    SELECT p_tenant, 'booking.payment_expired', jsonb_build_object('bookingId', e.id)
    FROM expired e
    RETURNING 1
  )
  SELECT count(*) INTO v_count FROM expired;
  RETURN v_count;
END $$;
