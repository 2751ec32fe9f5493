-- Claims an Idempotency-Key for one attempt (docs/decisions/0008-idempotency-crash-safety.md): a
-- new key, one whose record expired (24 h), or one whose owner's lease ran out with the same
-- request (a crashed owner: the retry takes over). Returns whether this attempt owns the key now;
-- otherwise the caller reads the record (a replay, another body, or still running).
--
-- Two callers: the idempotency store's begin, committed on its own before the request runs
-- (p_raise false), and a request whose claim is deferred to its first held transaction (the
-- public booking write, ADR 0008 §6), which sends it in one message with its write (p_raise true):
-- a refused claim then raises SW015 so the write after it in that message does not run, and the
-- transaction rolls back. An uncommitted claim of a concurrent duplicate makes the INSERT wait for
-- that transaction; at most p_wait (the lock_timeout, SQLSTATE 55P03), the wait a duplicate gets.
CREATE OR REPLACE FUNCTION "idempotency_claim"(
  p_scope text, p_key text, p_hash text, p_method text, p_path text, p_owner uuid, p_raise boolean,
  p_wait text DEFAULT NULL)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_lock_timeout text;
  v_claimed boolean;
  v_set text;
BEGIN
  IF p_wait IS NOT NULL THEN
    -- Assignments, not PERFORM: plpgsql evaluates them as simple expressions, without a query
    -- through the executor (the deferred claim sits on the booking write's path).
    v_lock_timeout := current_setting('lock_timeout');
    v_set := set_config('lock_timeout', p_wait, true);
  END IF;
  INSERT INTO idempotency_records (scope, key, request_hash, method, path, owner, locked_until, expires_at)
  VALUES (p_scope, p_key, p_hash, p_method, p_path, p_owner, now() + interval '10 seconds', now() + interval '24 hours')
  ON CONFLICT (scope, key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path,
        owner = EXCLUDED.owner, response_status = NULL, response_body = NULL, response_sealed = NULL,
        locked_until = EXCLUDED.locked_until, created_at = now(), expires_at = EXCLUDED.expires_at
    WHERE idempotency_records.expires_at < now()
       OR (idempotency_records.response_status IS NULL AND idempotency_records.locked_until < now()
           AND idempotency_records.request_hash = EXCLUDED.request_hash);
  v_claimed := FOUND;
  IF p_wait IS NOT NULL THEN
    v_set := set_config('lock_timeout', v_lock_timeout, true);
  END IF;
  IF v_claimed THEN
    RETURN true;
  END IF;
  IF p_raise THEN
    RAISE EXCEPTION 'idempotency_taken: the key belongs to another attempt' USING ERRCODE = 'SW015';
  END IF;
  RETURN false;
END $$;
