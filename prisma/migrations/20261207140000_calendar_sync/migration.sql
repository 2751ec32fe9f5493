-- Calendar sync (docs/guides/calendar-sync.md, ADR 0013). The tables from init were never used;
-- they now hold one connection per staff member (provider) and calendar vendor, with its OAuth
-- tokens sealed by the keyed secrets port (never in clear), the calendars chosen as busy time and
-- the one that receives bookings. Per busy calendar, a sync state: the vendor's sync token and
-- the push channel (its token stored as a SHA-256 hash only). Per booking written out, a row that
-- is "dirty" until the calendar matches the booking: a worker killed mid-write leaves it dirty and
-- the scheduler queues it again, so no booking change is lost.

ALTER TABLE "calendar_connections"
  ADD COLUMN "account_email" TEXT,
  ADD COLUMN "scopes" TEXT[] NOT NULL DEFAULT '{}',
  ADD COLUMN "busy_calendar_ids" TEXT[] NOT NULL DEFAULT '{}',
  ADD COLUMN "booking_calendar_id" TEXT,
  ADD COLUMN "invite_customers" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "last_error" TEXT,
  ADD COLUMN "last_error_at" TIMESTAMPTZ(3),
  ADD COLUMN "broken_at" TIMESTAMPTZ(3),
  -- One sync of a connection at a time (push and poll may race): a lease, so a killed worker's ends.
  ADD COLUMN "sync_locked_until" TIMESTAMPTZ(3),
  ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "calendar_connections" ADD CONSTRAINT "calendar_connections_status_check"
  CHECK ("status" IN ('active', 'broken'));
CREATE UNIQUE INDEX "calendar_connections_provider_vendor_key"
  ON "calendar_connections"("tenant_id", "provider_id", "vendor");

CREATE TABLE "calendar_sync_states" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "calendar_id" TEXT NOT NULL,
    "sync_token" TEXT,
    "channel_id" TEXT,
    "channel_token_hash" TEXT,
    "resource_id" TEXT,
    "channel_expires_at" TIMESTAMPTZ(3),
    "last_synced_at" TIMESTAMPTZ(3),
    "last_full_sync_at" TIMESTAMPTZ(3),
    CONSTRAINT "calendar_sync_states_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "calendar_sync_states_tenant_id_id_key" ON "calendar_sync_states"("tenant_id", "id");
CREATE UNIQUE INDEX "calendar_sync_states_calendar_key" ON "calendar_sync_states"("tenant_id", "connection_id", "calendar_id");
CREATE UNIQUE INDEX "calendar_sync_states_channel_key" ON "calendar_sync_states"("tenant_id", "channel_id");
ALTER TABLE "calendar_sync_states" ADD CONSTRAINT "calendar_sync_states_connection_fkey"
  FOREIGN KEY ("tenant_id", "connection_id") REFERENCES "calendar_connections"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "calendar_booking_events" (
    "tenant_id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "connection_id" UUID,
    "calendar_id" TEXT,
    "event_id" TEXT NOT NULL,
    -- Bumped by every booking change; a write clears "dirty" only for the generation it read.
    "generation" INTEGER NOT NULL DEFAULT 1,
    "dirty" BOOLEAN NOT NULL DEFAULT true,
    "dirty_since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "written" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "calendar_booking_events_pkey" PRIMARY KEY ("tenant_id", "booking_id")
);
ALTER TABLE "calendar_booking_events" ADD CONSTRAINT "calendar_booking_events_booking_fkey"
  FOREIGN KEY ("tenant_id", "booking_id") REFERENCES "bookings"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "calendar_booking_events" ADD CONSTRAINT "calendar_booking_events_connection_fkey"
  FOREIGN KEY ("tenant_id", "connection_id") REFERENCES "calendar_connections"("tenant_id", "id") ON DELETE SET NULL ("connection_id") ON UPDATE CASCADE;
CREATE INDEX "calendar_booking_events_dirty_idx" ON "calendar_booking_events"("dirty_since") WHERE "dirty";

-- One busy row per vendor event: incremental sync upserts and deletes by it.
CREATE UNIQUE INDEX "external_busy_connection_external_key" ON "external_busy"("tenant_id", "connection_id", "external_id");

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['calendar_sync_states', 'calendar_booking_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO slotwise_app', t);
  END LOOP;
END $$;

-- The scheduler's cross-tenant reads (no tenant is known yet), as narrow SECURITY DEFINER
-- functions instead of a policy hole: connections due a poll (last sync before p_poll_before) or
-- a channel renewal (a busy calendar whose channel ends before p_renew_before, or has none) ...
CREATE FUNCTION "calendar_due_connections"(p_poll_before timestamptz, p_renew_before timestamptz, p_limit integer)
RETURNS TABLE (tenant_id uuid, connection_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.tenant_id, c.id FROM calendar_connections c
  WHERE c.status = 'active' AND (
    c.last_synced_at IS NULL OR c.last_synced_at < p_poll_before
    OR EXISTS (SELECT 1 FROM unnest(c.busy_calendar_ids) cal
               LEFT JOIN calendar_sync_states s ON s.tenant_id = c.tenant_id AND s.connection_id = c.id AND s.calendar_id = cal
               WHERE s.channel_expires_at IS NULL OR s.channel_expires_at < p_renew_before))
  ORDER BY c.last_synced_at NULLS FIRST LIMIT p_limit
$$;
GRANT EXECUTE ON FUNCTION "calendar_due_connections"(timestamptz, timestamptz, integer) TO slotwise_app;

-- ... and booking events still dirty (not written since the booking changed) and not leased.
CREATE FUNCTION "calendar_dirty_bookings"(p_dirty_before timestamptz, p_now timestamptz, p_limit integer)
RETURNS TABLE (tenant_id uuid, booking_id uuid, generation integer, attempts integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.tenant_id, e.booking_id, e.generation, e.attempts FROM calendar_booking_events e
  WHERE e.dirty AND e.dirty_since < p_dirty_before AND (e.locked_until IS NULL OR e.locked_until < p_now)
  ORDER BY e.dirty_since LIMIT p_limit
$$;
GRANT EXECUTE ON FUNCTION "calendar_dirty_bookings"(timestamptz, timestamptz, integer) TO slotwise_app;
