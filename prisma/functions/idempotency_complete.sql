-- Stores the response of a held idempotent request (docs/decisions/0008-idempotency-crash-safety.md)
-- in the transaction of its effect, fenced by the attempt's owner: it must change exactly one row,
-- else it raises and the effect's transaction cannot commit (the key was taken over or abandoned).
-- Raising instead of returning a count lets the caller send it and the COMMIT in one round trip
-- (`SELECT idempotency_complete(…); COMMIT`): after the error the COMMIT is skipped and the caller
-- rolls back. server/src/adapters/postgres/idempotent-commit.ts (poolHoldOpen).
--
-- enable_seqscan off: the row is found by its primary key, always. plpgsql keeps the UPDATE's
-- plan for the session, planned once when the table was small: a table analyzed near empty (a
-- fresh database, the benchmark's) got a sequential scan, kept while the table grew: every call
-- read the whole table (377 pages a call on average while it grew to 3,000 rows, 0.24 ms instead
-- of 0.013 ms; the GUC costs the call about 0.005 ms).
CREATE OR REPLACE FUNCTION "idempotency_complete"(
  p_scope text, p_key text, p_owner uuid, p_status integer, p_body json, p_sealed text)
RETURNS void LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  UPDATE idempotency_records
     SET response_status = p_status, response_body = p_body, response_sealed = p_sealed, locked_until = NULL
   WHERE scope = p_scope AND key = p_key AND owner = p_owner AND response_status IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'idempotency_lost: the key was taken over or abandoned before the response was stored'
      USING ERRCODE = 'SW016';
  END IF;
END $$;
