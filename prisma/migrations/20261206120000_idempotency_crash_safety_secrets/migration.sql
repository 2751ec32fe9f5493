-- Idempotency that survives a crash, no secret at rest, exactly-once emails
-- (docs/decisions/0008-idempotency-crash-safety.md).

-- The attempt that owns a running key: its response is only stored (inside the effect's
-- transaction) while it still owns the row, so a takeover after a lost lease cannot double an effect.
ALTER TABLE "idempotency_records" ADD COLUMN "owner" UUID;
-- Responses of routes that return a secret: AES-256-GCM sealed (response_body stays NULL).
ALTER TABLE "idempotency_records" ADD COLUMN "response_sealed" TEXT;
-- Replays stored in clear before sealing existed: a secret shown once must not sit there.
DELETE FROM "idempotency_records"
 WHERE "response_body"::text ~ '"(secret|manageToken|manageUrl|refreshToken|accessToken|tokens)"';

-- Manage links no longer travel in outbox payloads (the sender re-derives them).
UPDATE "outbox_events" SET "payload" = "payload" - 'manageUrl' WHERE "payload" ? 'manageUrl';

-- The message log: one row per delivery key, recorded before the provider is called.
ALTER TABLE "email_messages" ADD COLUMN "delivery_key" TEXT;
CREATE UNIQUE INDEX "email_messages_tenant_id_delivery_key_key" ON "email_messages"("tenant_id", "delivery_key");

-- Manage links already in the log are redacted like new ones. The table forces row-level
-- security on its owner too, so lift it for this one statement.
ALTER TABLE "email_messages" NO FORCE ROW LEVEL SECURITY;
UPDATE "email_messages"
   SET "text_body" = regexp_replace("text_body", '/manage/[A-Za-z0-9_-]+', '/manage/[redacted]', 'g'),
       "html_body" = regexp_replace("html_body", '/manage/[A-Za-z0-9_-]+', '/manage/[redacted]', 'g')
 WHERE "text_body" ~ '/manage/[A-Za-z0-9_-]+' OR "html_body" ~ '/manage/[A-Za-z0-9_-]+';
ALTER TABLE "email_messages" FORCE ROW LEVEL SECURITY;
