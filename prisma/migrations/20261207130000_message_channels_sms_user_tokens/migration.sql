-- Issue 14 (points 4–6), ADR 0012.
--
-- 1. The message log (email_messages) becomes the log of every channel: one table, so the admin's
--    page, the per-booking history, the delivery-key claim (ADR 0008) and the provider status
--    webhooks work the same for an email and a text message. `subject` is '' for an SMS.
ALTER TABLE "email_messages" ADD COLUMN IF NOT EXISTS "channel" TEXT NOT NULL DEFAULT 'email';
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_channel_check" CHECK ("channel" IN ('email', 'sms'));
ALTER TABLE "email_messages" ADD COLUMN IF NOT EXISTS "booking_id" UUID;
ALTER TABLE "email_messages" ADD COLUMN IF NOT EXISTS "error" TEXT;
ALTER TABLE "email_messages" ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- A resend names the message it repeats.
ALTER TABLE "email_messages" ADD COLUMN "resend_of" UUID;
CREATE INDEX "email_messages_tenant_id_booking_id_created_at_idx" ON "email_messages"("tenant_id", "booking_id", "created_at");
-- Provider status webhooks find their message by the provider's id, inside the tenant they name.
CREATE INDEX "email_messages_tenant_id_external_id_idx" ON "email_messages"("tenant_id", "external_id");

-- 2. SMS consent, per business and phone number (E.164-ish, as customers.phone). Given at booking
--    (opt-in checkbox); `opted_out_at` is set by STOP (and cleared by START) from the inbound
--    webhook. Only consented, not opted-out numbers are ever texted.
CREATE TABLE "sms_consents" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "booking_id" UUID,
    "opted_in_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opted_out_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sms_consents_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sms_consents_tenant_id_phone_key" ON "sms_consents"("tenant_id", "phone");
ALTER TABLE "sms_consents" ADD CONSTRAINT "sms_consents_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "sms_consents" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sms_consents" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sms_consents" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "sms_consents" TO slotwise_app;

-- STOP arrives from a phone number to the deployment's sender number, not to one business: it
-- ends texts from every business that number consented to (Twilio itself blocks the sender
-- after STOP). The only cross-tenant write on consents, so a narrow SECURITY DEFINER function
-- rather than a hole in the policy. Returns the number of consents changed.
CREATE FUNCTION "sms_set_opt_out"(p_phone text, p_opted_out boolean)
RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH changed AS (
    UPDATE sms_consents
       SET opted_out_at = CASE WHEN p_opted_out THEN COALESCE(opted_out_at, now()) ELSE NULL END,
           updated_at = now()
     WHERE phone = p_phone
    RETURNING 1)
  SELECT count(*)::integer FROM changed
$$;
GRANT EXECUTE ON FUNCTION "sms_set_opt_out"(text, boolean) TO slotwise_app;

-- 3. Single-use tokens for business users: password reset and email verification. Only the
--    SHA-256 of the token is stored; 30 minutes of life. tenant_id is the business the email was
--    logged under (the user's first membership). Tenant-owned with row-level security like every
--    table; the two lookups made before a tenant is known (a presented token, the per-user hourly
--    count) are narrow SECURITY DEFINER functions, like auth_api_key.
CREATE TABLE "user_tokens" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    -- The address a token was sent to: a reset or verification proves only that one.
    "email" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "user_tokens_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "user_tokens_purpose_check" CHECK ("purpose" IN ('password_reset', 'email_verification'))
);
CREATE UNIQUE INDEX "user_tokens_token_hash_key" ON "user_tokens"("token_hash");
CREATE UNIQUE INDEX "user_tokens_tenant_id_id_key" ON "user_tokens"("tenant_id", "id");
CREATE INDEX "user_tokens_user_id_purpose_idx" ON "user_tokens"("user_id", "purpose");
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "user_tokens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "user_tokens" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "user_tokens" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "user_tokens" TO slotwise_app;

-- Spends a live token (unused, unexpired, of that purpose) and, with it, the user's other live
-- tokens of that purpose (one reset retires every reset link). Returns the token's tenant, user
-- and address, or no row.
CREATE FUNCTION "account_token_spend"(p_hash text, p_purpose text, p_now timestamptz)
RETURNS TABLE (tenant_id uuid, user_id uuid, email text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
DECLARE
  r record;
BEGIN
  UPDATE user_tokens t SET used_at = p_now
   WHERE t.token_hash = p_hash AND t.purpose = p_purpose AND t.used_at IS NULL AND t.expires_at > p_now
  RETURNING t.tenant_id, t.user_id, t.email INTO r;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  UPDATE user_tokens t SET used_at = p_now WHERE t.user_id = r.user_id AND t.purpose = p_purpose AND t.used_at IS NULL;
  RETURN QUERY SELECT r.tenant_id, r.user_id, r.email;
END $$;
GRANT EXECUTE ON FUNCTION "account_token_spend"(text, text, timestamptz) TO slotwise_app;

-- Tokens of a purpose a user was sent since a moment, whatever business logged them (the hourly limit).
CREATE FUNCTION "account_tokens_since"(p_user uuid, p_purpose text, p_since timestamptz)
RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT count(*)::integer FROM user_tokens WHERE user_id = p_user AND purpose = p_purpose AND created_at >= p_since
$$;
GRANT EXECUTE ON FUNCTION "account_tokens_since"(uuid, text, timestamptz) TO slotwise_app;

ALTER TABLE "users" ADD COLUMN "email_verified_at" TIMESTAMPTZ(3);

-- A password reset ends every session (refresh-token family) of the user.
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_revoke_reason_check";
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_revoke_reason_check"
    CHECK ("revoke_reason" IS NULL OR "revoke_reason" IN ('logout', 'refresh_token_reused', 'password_reset'));
