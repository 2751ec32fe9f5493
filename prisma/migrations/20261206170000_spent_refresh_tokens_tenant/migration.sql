-- spent_refresh_tokens carries its session's tenant_id, and its foreign key includes it, like every
-- other child of a tenant table (docs/guides/scaling.md, "Past one PostgreSQL": every constraint
-- checkable inside one tenant). Like sessions it is read before the tenant is known (a presented
-- refresh token), so it stays outside row-level security, as sessions does.
ALTER TABLE "spent_refresh_tokens" ADD COLUMN "tenant_id" UUID;
UPDATE "spent_refresh_tokens" t SET "tenant_id" = s."tenant_id" FROM "sessions" s WHERE s."id" = t."session_id";
ALTER TABLE "spent_refresh_tokens" ALTER COLUMN "tenant_id" SET NOT NULL;

CREATE UNIQUE INDEX "sessions_tenant_id_id_key" ON "sessions"("tenant_id", "id");
ALTER TABLE "spent_refresh_tokens" DROP CONSTRAINT "spent_refresh_tokens_session_id_fkey";
ALTER TABLE "spent_refresh_tokens" ADD CONSTRAINT "spent_refresh_tokens_session_id_fkey"
    FOREIGN KEY ("tenant_id", "session_id") REFERENCES "sessions"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
