-- A replayed Idempotency-Key response must be the first response as it was sent. jsonb reorders
-- object keys (shortest first), json keeps the text, so replays come back in the same key order.
ALTER TABLE "idempotency_records" ALTER COLUMN "response_body" TYPE JSON USING "response_body"::json;
