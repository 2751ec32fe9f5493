-- availability_snapshot takes a 12th argument, p_public (the public slot search: the tenant's data
-- version in the document, appointments' bookings as occupied ranges; ADR 0023). With a default,
-- a second overload would make every 11-argument call ambiguous: the old one is dropped here and
-- prisma/functions/availability_snapshot.sql creates the new one (db:migrate applies the function
-- files after the migrations; on a new database the function does not exist yet here).
DROP FUNCTION IF EXISTS "availability_snapshot"(uuid, uuid, uuid, timestamptz, timestamptz, uuid, date, date, boolean, text, text);
