-- availability_snapshot takes a 13th argument, p_part (the halves of a split public read; ADR
-- 0024). As in 20261210110000: with a default, a second overload would make every shorter call
-- ambiguous, so the 12-argument function is dropped here and
-- prisma/functions/availability_snapshot.sql creates the new one.
DROP FUNCTION IF EXISTS "availability_snapshot"(uuid, uuid, uuid, timestamptz, timestamptz, uuid, date, date, boolean, text, text, boolean);
