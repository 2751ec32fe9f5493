-- Refresh-token reuse detection (OAuth 2.0 Security BCP, RFC 9700 §4.14.2). A session is one token
-- family: sessions.token_hash is its one live refresh token. Rotating it records the spent token's
-- hash here, so a spent token presented again is recognised as stolen or replayed and revokes the
-- whole family. Only SHA-256 hashes are stored, never a token. Rows go with their session.
CREATE TABLE "spent_refresh_tokens" (
    "token_hash" TEXT NOT NULL,
    "session_id" UUID NOT NULL,
    "spent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spent_refresh_tokens_pkey" PRIMARY KEY ("token_hash")
);
CREATE INDEX "spent_refresh_tokens_session_id_idx" ON "spent_refresh_tokens"("session_id");
ALTER TABLE "spent_refresh_tokens" ADD CONSTRAINT "spent_refresh_tokens_session_id_fkey"
    FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Why a session ended: 'logout' or 'refresh_token_reused' (an operator's audit trail).
ALTER TABLE "sessions" ADD COLUMN "revoke_reason" TEXT;
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_revoke_reason_check"
    CHECK ("revoke_reason" IS NULL OR "revoke_reason" IN ('logout', 'refresh_token_reused'));

GRANT SELECT, INSERT, UPDATE, DELETE ON "spent_refresh_tokens" TO slotwise_app;
