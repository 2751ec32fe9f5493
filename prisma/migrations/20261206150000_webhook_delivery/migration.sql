-- Outgoing webhooks (Standard Webhooks). The tables from init were never used; they now hold:
-- endpoints with their signing secrets encrypted at rest (AES-256-GCM, key from config) and an
-- optional previous secret that keeps signing until the rotation's overlap ends; deliveries with
-- the order they must keep (event_seq within order_key) and a lease (locked_until) so a worker
-- that dies mid-send leaves the row pending for another; and one row per attempt (the log).

ALTER TABLE "webhook_endpoints" DROP COLUMN "secret";
ALTER TABLE "webhook_endpoints"
  ADD COLUMN "secret_ciphertext" TEXT NOT NULL,
  ADD COLUMN "previous_secret_ciphertext" TEXT,
  ADD COLUMN "previous_secret_expires_at" TIMESTAMPTZ(3),
  ADD COLUMN "disabled_reason" TEXT,
  ADD COLUMN "failing_since" TIMESTAMPTZ(3);
UPDATE "webhook_endpoints" SET "events" = '{}' WHERE "events" IS NULL;
ALTER TABLE "webhook_endpoints" ALTER COLUMN "events" SET NOT NULL, ALTER COLUMN "events" SET DEFAULT '{}';
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_url_scheme" CHECK ("url" ~* '^https?://');

ALTER TABLE "webhook_deliveries"
  ADD COLUMN "event_seq" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "order_key" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "locked_until" TIMESTAMPTZ(3),
  ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_status_check"
  CHECK ("status" IN ('pending', 'succeeded', 'failed'));
CREATE UNIQUE INDEX "webhook_deliveries_tenant_id_id_key" ON "webhook_deliveries"("tenant_id", "id");
-- "Is an earlier delivery of the same booking still pending on this endpoint?"
CREATE INDEX "webhook_deliveries_order_idx" ON "webhook_deliveries"("tenant_id", "endpoint_id", "order_key", "event_seq", "event_id") WHERE "status" = 'pending';
-- The sweeper's scan for due work across tenants.
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"("next_attempt_at") WHERE "status" = 'pending';

CREATE TABLE "webhook_delivery_attempts" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "response_status" INTEGER,
    "response_excerpt" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    CONSTRAINT "webhook_delivery_attempts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_delivery_attempts_delivery_idx" ON "webhook_delivery_attempts"("tenant_id", "delivery_id", "attempt");
ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "webhook_delivery_attempts_delivery_fkey"
  FOREIGN KEY ("tenant_id", "delivery_id") REFERENCES "webhook_deliveries"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_delivery_attempts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_delivery_attempts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "webhook_delivery_attempts" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "webhook_delivery_attempts" TO slotwise_app;

-- The worker's sweep for deliveries whose job was lost (a worker killed mid-send, a queue
-- flushed): the only cross-tenant read of deliveries, so a narrow SECURITY DEFINER function
-- rather than a hole in the policy. It returns ids only; the work runs inside the tenant.
CREATE FUNCTION "webhook_stalled_deliveries"(p_due_before timestamptz, p_limit integer)
RETURNS TABLE (tenant_id uuid, id uuid, attempts integer, locked_until timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.tenant_id, d.id, d.attempts, d.locked_until
  FROM webhook_deliveries d JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
  WHERE d.status = 'pending' AND e.active AND d.next_attempt_at <= p_due_before
    AND (d.locked_until IS NULL OR d.locked_until <= p_due_before)
  ORDER BY d.next_attempt_at LIMIT p_limit
$$;
GRANT EXECUTE ON FUNCTION "webhook_stalled_deliveries"(timestamptz, integer) TO slotwise_app;
