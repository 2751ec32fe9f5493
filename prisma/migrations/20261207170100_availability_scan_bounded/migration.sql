-- The availability snapshot's booking scan, bounded on both sides (docs/performance.md,
-- "Availability"). It used to range over occupied_end > window start only, so every future
-- booking past the window was read and thrown away. An occupied range is at most 3 days long
-- (duration ≤ 1440 minutes, each buffer ≤ 1440), which the CHECK below now guarantees, so a
-- booking overlapping [lo, hi) starts in [lo − 3 days, hi): one index range, both ends fixed.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_occupied_at_most_3_days"
  CHECK ("occupied_end" - "occupied_start" <= interval '3 days');

CREATE INDEX "bookings_active_provider_occupied_start_idx"
  ON "bookings" ("tenant_id", "provider_id", "occupied_start")
  INCLUDE ("occupied_end")
  WHERE "status" IN ('pending', 'confirmed', 'checked_in');
