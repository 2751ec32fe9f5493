-- Indexes for the availability loader (server/src/adapters/prisma/repositories/availability.ts).
--
-- It asks, per provider, for ranges that overlap a window: `occupied_end > window_start AND
-- occupied_start < window_end`. Leading with the END bound means the scan starts at the window
-- and only walks towards the future, which is bounded by the booking horizon, whereas past rows
-- pile up forever. Only active bookings block time, so the bookings index is partial.

CREATE INDEX "bookings_active_provider_occupied_end_idx"
  ON "bookings" ("tenant_id", "provider_id", "occupied_end")
  INCLUDE ("occupied_start")
  WHERE "status" IN ('pending', 'confirmed', 'checked_in');

CREATE INDEX "external_busy_tenant_id_provider_id_end_at_idx"
  ON "external_busy" ("tenant_id", "provider_id", "end_at");

-- Overrides are looked up by "ends on or after the window's first date" for a few providers.
CREATE INDEX "date_overrides_tenant_id_provider_id_end_date_idx"
  ON "date_overrides" ("tenant_id", "provider_id", "end_date");
