-- Resources at locations (docs/decisions/0018-teams-and-resources.md, 0019-locations.md): the
-- teams work left resources.location_id without a foreign key; it now names a location of the
-- same tenant. A location a resource is at (even a deleted resource, like a deleted provider) is
-- never deleted (RESTRICT); it can be deactivated.
ALTER TABLE "resources" ADD CONSTRAINT "resources_location_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "locations"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "resources_tenant_id_location_id_idx" ON "resources"("tenant_id", "location_id") WHERE "location_id" IS NOT NULL;
