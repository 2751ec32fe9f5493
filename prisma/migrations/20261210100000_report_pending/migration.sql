-- Booking inserts queue their report share instead of upserting the roll-ups in the writing
-- transaction (docs/decisions/0022-report-rollups-off-the-booking-write.md): one row per new
-- booking, folded into the report_* tables by report_fold (a background job) and added to the
-- roll-ups by every report read until then, so a report is exact after any write.
CREATE TABLE "report_pending" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "start_at" TIMESTAMPTZ(3) NOT NULL,
    -- The appointment's time; 0 for a class seat (its session's time is in report_sessions).
    "duration_ms" BIGINT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    CONSTRAINT "report_pending_pkey" PRIMARY KEY ("id")
);
-- No foreign key to tenants: its check would cost each booking insert a lookup the trigger's own
-- tenant read already makes; report_fold discards the rows of a tenant that no longer exists.
CREATE INDEX "report_pending_tenant_idx" ON "report_pending"("tenant_id", "id");

ALTER TABLE "report_pending" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "report_pending" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "report_pending"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, DELETE ON "report_pending" TO slotwise_app;
GRANT USAGE ON SEQUENCE "report_pending_id_seq" TO slotwise_app;
