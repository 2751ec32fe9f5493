-- Payments (docs/decisions/0009-payments-ledger.md, docs/guides/payments.md).
--
-- bookings.hold_expires_at: a pending_payment booking holds its slot until then. The exclusion
-- constraint cannot look at the clock, so an expired hold still occupies its range until something
-- cancels it: the expiry job, the sweeper, or booking_create itself (it cancels expired holds that
-- stand in its way and tries again). Availability ignores expired holds on read.
ALTER TABLE "bookings" ADD COLUMN "hold_expires_at" TIMESTAMPTZ(3);
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_hold_check"
  CHECK ("status" <> 'pending_payment' OR "hold_expires_at" IS NOT NULL);

ALTER TABLE "bookings" DROP CONSTRAINT "bookings_no_overlap";
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist (
  "tenant_id" WITH =,
  "provider_id" WITH =,
  tstzrange("occupied_start", "occupied_end", '[)') WITH &&,
  "session_key" WITH <>
) WHERE ("status" IN ('pending', 'pending_payment', 'confirmed', 'checked_in'));
DROP INDEX "bookings_active_session_idx";
CREATE INDEX "bookings_active_session_idx" ON "bookings"("tenant_id", "provider_id", "session_key")
  WHERE "status" IN ('pending', 'pending_payment', 'confirmed', 'checked_in');
DROP INDEX "bookings_active_provider_occupied_end_idx";
CREATE INDEX "bookings_active_provider_occupied_end_idx"
  ON "bookings" ("tenant_id", "provider_id", "occupied_end")
  INCLUDE ("occupied_start")
  WHERE "status" IN ('pending', 'pending_payment', 'confirmed', 'checked_in');
-- The hold sweeper's scan across tenants.
CREATE INDEX "bookings_payment_hold_idx" ON "bookings"("hold_expires_at") WHERE "status" = 'pending_payment';

-- A service's payment policy (mode, deposit, cancellation tiers, no-show fee), validated by the
-- contracts and the domain (domain/payments/policy.ts). NULL: no payment taken (legacy `deposit`
-- stays informational).
ALTER TABLE "services" ADD COLUMN "payment_policy" JSONB;

-- The tenant's payment settings: its publishable key. The connected account (destination charges) is
-- stripe_connect_accounts (20261207110000_tenant_plans), written by Connect onboarding.
-- Tenant-owned (RLS).
CREATE TABLE "tenant_payment_settings" (
    "tenant_id" UUID NOT NULL,
    "publishable_key" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tenant_payment_settings_pkey" PRIMARY KEY ("tenant_id")
);
ALTER TABLE "tenant_payment_settings" ADD CONSTRAINT "tenant_payment_settings_tenant_fkey"
  FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;

-- The payment side of one booking: mutable state (which intent, its status), never amounts of
-- money moved, which only the ledger holds.
CREATE TABLE "booking_payments" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "gateway" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "amount_due_minor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "intent_kind" TEXT,
    "intent_id" TEXT,
    "capture_method" TEXT,
    "customer_ref" TEXT,
    "payment_method_ref" TEXT,
    "connect_account" TEXT,
    "application_fee_bps" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "booking_payments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "booking_payments_amount_check" CHECK ("amount_due_minor" >= 0),
    CONSTRAINT "booking_payments_mode_check" CHECK ("mode" IN ('full', 'fixed_deposit', 'percent_deposit', 'card_on_file')),
    CONSTRAINT "booking_payments_intent_kind_check" CHECK ("intent_kind" IS NULL OR "intent_kind" IN ('payment', 'setup'))
);
CREATE UNIQUE INDEX "booking_payments_tenant_id_booking_id_key" ON "booking_payments"("tenant_id", "booking_id");
CREATE UNIQUE INDEX "booking_payments_tenant_id_id_key" ON "booking_payments"("tenant_id", "id");
CREATE INDEX "booking_payments_intent_idx" ON "booking_payments"("tenant_id", "intent_id");
ALTER TABLE "booking_payments" ADD CONSTRAINT "booking_payments_booking_fkey"
  FOREIGN KEY ("tenant_id", "booking_id") REFERENCES "bookings"("tenant_id", "id") ON DELETE CASCADE;

-- The append-only money ledger. Every operation the gateway is asked to do is written first as a
-- 'pending' row whose idempotency key is the operation key (deterministic, also the key sent to
-- Stripe), then its outcome as a 'succeeded' or 'failed' row: a retry after a crash finds the
-- pending row and repeats the call with the same key, so Stripe never moves the money twice.
-- Movements the customer starts (paying in the booking app) are written as 'succeeded' rows keyed
-- by the gateway object, so a duplicate webhook cannot count them twice.
CREATE TABLE "payment_ledger" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "entry" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "operation_key" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "gateway" TEXT NOT NULL,
    "gateway_ref" TEXT,
    "reason" TEXT,
    "actor" TEXT NOT NULL DEFAULT 'system',
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payment_ledger_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_ledger_entry_check" CHECK ("entry" IN ('authorized', 'captured', 'released', 'refunded', 'fee', 'dispute')),
    CONSTRAINT "payment_ledger_phase_check" CHECK ("phase" IN ('pending', 'succeeded', 'failed')),
    CONSTRAINT "payment_ledger_amount_check" CHECK ("amount_minor" >= 0),
    CONSTRAINT "payment_ledger_key_check" CHECK ("idempotency_key" = "operation_key" || ':' || "phase")
);
CREATE UNIQUE INDEX "payment_ledger_tenant_id_idempotency_key_key" ON "payment_ledger"("tenant_id", "idempotency_key");
-- One outcome per operation: never both succeeded and failed.
CREATE UNIQUE INDEX "payment_ledger_outcome_key" ON "payment_ledger"("tenant_id", "operation_key") WHERE "phase" <> 'pending';
CREATE UNIQUE INDEX "payment_ledger_tenant_id_id_key" ON "payment_ledger"("tenant_id", "id");
CREATE INDEX "payment_ledger_booking_idx" ON "payment_ledger"("tenant_id", "booking_id", "created_at");
CREATE INDEX "payment_ledger_created_idx" ON "payment_ledger"("tenant_id", "created_at");
ALTER TABLE "payment_ledger" ADD CONSTRAINT "payment_ledger_booking_fkey"
  FOREIGN KEY ("tenant_id", "booking_id") REFERENCES "bookings"("tenant_id", "id") ON DELETE RESTRICT;

CREATE FUNCTION "payment_ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payment_ledger is append-only' USING ERRCODE = 'SW010';
END $$;
CREATE TRIGGER "payment_ledger_append_only" BEFORE UPDATE OR DELETE ON "payment_ledger"
  FOR EACH ROW EXECUTE FUNCTION "payment_ledger_append_only"();
CREATE TRIGGER "payment_ledger_no_truncate" BEFORE TRUNCATE ON "payment_ledger"
  FOR EACH STATEMENT EXECUTE FUNCTION "payment_ledger_append_only"();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_payment_settings', 'booking_payments', 'payment_ledger']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON "tenant_payment_settings", "booking_payments" TO slotwise_app;
-- The application role may only read and append.
REVOKE UPDATE, DELETE, TRUNCATE ON "payment_ledger" FROM slotwise_app;
GRANT SELECT, INSERT ON "payment_ledger" TO slotwise_app;

-- Stripe events already handled (deduplicated on the event id). Arrives before any tenant is
-- known, like idempotency_records: a system table without tenant_id.
CREATE TABLE "stripe_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "account" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);
GRANT SELECT, INSERT, UPDATE ON "stripe_events" TO slotwise_app;

-- The sweeper's cross-tenant read of holds past their expiry: ids only, the work runs in the tenant.
CREATE FUNCTION "payment_expired_holds"(p_now timestamptz, p_limit integer)
RETURNS TABLE (tenant_id uuid, booking_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT b.tenant_id, b.id FROM bookings b
  WHERE b.status = 'pending_payment' AND b.hold_expires_at <= p_now
  ORDER BY b.hold_expires_at LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION "payment_expired_holds"(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "payment_expired_holds"(timestamptz, integer) TO slotwise_app;

-- Operations written as pending whose outcome never came (a crash between the row and the call):
-- the reconciler repeats them with the same idempotency key.
CREATE FUNCTION "payment_unfinished_operations"(p_before timestamptz, p_limit integer)
RETURNS TABLE (tenant_id uuid, booking_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT l.tenant_id, l.booking_id FROM payment_ledger l
  WHERE l.phase = 'pending' AND l.created_at <= p_before
    AND NOT EXISTS (SELECT 1 FROM payment_ledger o WHERE o.tenant_id = l.tenant_id
                    AND o.operation_key = l.operation_key AND o.phase <> 'pending')
  LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION "payment_unfinished_operations"(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "payment_unfinished_operations"(timestamptz, integer) TO slotwise_app;
