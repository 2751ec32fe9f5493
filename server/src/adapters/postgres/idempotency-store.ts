import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { IdempotencyStore, IdempotentAttempt, StoredResponse } from '../../ports/idempotency';
import type { Secrets } from '../../ports/secrets';
import {
  commitInOneMessage,
  isClaimRefused,
  PendingCompletion,
  runWithCompletion,
  type CompletionWrite,
  type Statement,
} from './idempotent-commit';
import { sqlConditionOf } from './sql-errors';

/**
 * The owner's lease (10 s in idempotency_claim.sql), renewed every HEARTBEAT_MS while its request
 * runs: a process that dies stops blocking its key within the lease (ADR 0008); a waiting
 * duplicate (up to 15 s) then takes over.
 */
const LEASE = "interval '10 seconds'";
const HEARTBEAT_MS = 3_000;
const MAX_HOLD_MS = 10 * 60_000;

interface Row {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  response_sealed: string | null;
}

/**
 * Plain SQL on the pool: the table is a system table outside any tenant transaction. The response
 * itself is written by the effect's transaction when there is one (idempotent-commit.ts).
 */
export function pgIdempotencyStore(pool: pg.Pool, secrets: Secrets): IdempotencyStore {
  function attempt(scope: string, key: string, owner: string): IdempotentAttempt {
    const pending = new PendingCompletion();
    const started = Date.now();
    const heartbeat = setInterval(() => {
      // A request that never answers (a bug) must not hold its key for ever.
      if (Date.now() - started > MAX_HOLD_MS) return clearInterval(heartbeat);
      pool
        .query(
          `UPDATE idempotency_records SET locked_until = now() + ${LEASE}
           WHERE scope = $1 AND key = $2 AND owner = $3 AND response_status IS NULL`,
          [scope, key, owner],
        )
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    const release = () => pool.query(
      'DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND owner = $3 AND response_status IS NULL',
      [scope, key, owner],
    );
    const completion = (response: StoredResponse, sealed: boolean) => completionWrite(scope, key, owner, response, sealed);
    return {
      run: (fn) => runWithCompletion(pending, fn),
      async complete(response, { sealed }) {
        clearInterval(heartbeat);
        pending.settled = true;
        let write: CompletionWrite;
        try {
          write = completion(response, sealed);
        } catch (err) {
          // The response cannot be stored: its effect must not commit without it.
          if (pending.held) await pending.held.finish(null);
          await release();
          throw err;
        }
        const stored = pending.held
          ? await pending.held.finish(write)
          : ((await pool.query(write.text, write.values)).rowCount ?? 0) === 1;
        if (!stored) await release();
        return stored;
      },
      async abandon() {
        clearInterval(heartbeat);
        pending.settled = true;
        if (pending.held) await pending.held.finish(null);
        await release();
      },
      taken: () => false,
    };
  }

  const completionWrite = (scope: string, key: string, owner: string, response: StoredResponse, sealed: boolean): CompletionWrite => {
    const json = JSON.stringify(response.body ?? null);
    return {
      // Fenced by owner: an attempt that lost its key to a takeover stores nothing (and its
      // effect rolls back with this statement's failure).
      text: `UPDATE idempotency_records SET response_status = $4, response_body = $5::json, response_sealed = $6, locked_until = NULL
             WHERE scope = $1 AND key = $2 AND owner = $3 AND response_status IS NULL`,
      values: [scope, key, owner, response.status, sealed ? null : json, sealed ? secrets.seal(json) : null],
      checked: 'SELECT idempotency_complete($1::text, $2::text, $3::uuid, $4::integer, $5::json, $6::text)',
    };
  };

  /**
   * Either claim (begin's, or a deferred one in its write's transaction) may find the record
   * locked by another attempt's open transaction (its deferred claim, or its completion) and wait
   * for it: only until `until`, as its lock_timeout (SQLSTATE 55P03 then). At least 1 ms: a
   * lock_timeout of 0 would mean no limit.
   */
  const claimStatement = (scope: string, key: string, hash: string, meta: { method: string; path: string }, owner: string, deferred: boolean, until: number): Statement => ({
    text: 'SELECT idempotency_claim($1::text, $2::text, $3::text, $4::text, $5::text, $6::uuid, $7::boolean, $8::text) AS claimed',
    values: [scope, key, hash, meta.method, meta.path, owner, deferred, `${Math.max(1, Math.ceil(until - Date.now()))}ms`],
  });

  /**
   * No heartbeat and no lease to free: until its first held transaction commits, the claim is
   * that transaction's own uncommitted row (a crash rolls both back; a duplicate's claim waits
   * for it), and before that nothing is stored.
   */
  function deferredAttempt(scope: string, key: string, hash: string, meta: { method: string; path: string }, until: number): IdempotentAttempt {
    const owner = randomUUID();
    const pending = new PendingCompletion();
    pending.claim = () => claimStatement(scope, key, hash, meta, owner, true, until);
    return {
      run: (fn) => runWithCompletion(pending, fn),
      async complete(response, { sealed }) {
        pending.settled = true;
        if (pending.taken) return false;
        let write: CompletionWrite;
        try {
          write = completionWrite(scope, key, owner, response, sealed);
        } catch (err) {
          if (pending.held) await pending.held.finish(null);
          throw err;
        }
        if (pending.held) return pending.held.finish(write);
        // No effect was held (an answer without a write, e.g. 409): claim and store in one go.
        try {
          await commitInOneMessage(pool, [pending.claim!(), { text: write.checked, values: write.values }]);
          return true;
        } catch (err) {
          if (!isClaimRefused(err)) throw err;
          pending.taken = true;
          return false;
        }
      },
      async abandon() {
        pending.settled = true;
        if (pending.held) await pending.held.finish(null);
      },
      taken: () => pending.taken,
    };
  }

  return {
    deferred: deferredAttempt,
    async begin(scope, key, requestHash, meta, until) {
      const owner = randomUUID();
      let claimed: boolean;
      try {
        const { rows } = await pool.query<{ claimed: boolean }>(claimStatement(scope, key, requestHash, meta, owner, false, until));
        claimed = rows[0]?.claimed === true;
      } catch (err) {
        // Another attempt's open transaction still held the record (its deferred claim with its
        // write, or its completion) when this duplicate's time ran out: that attempt is running.
        if (sqlConditionOf(err) === 'lockNotAvailable') return { kind: 'in_progress' };
        throw err;
      }
      if (claimed) return { kind: 'started', attempt: attempt(scope, key, owner) };
      const { rows } = await pool.query<Row>(
        'SELECT request_hash, response_status, response_body, response_sealed FROM idempotency_records WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      const r = rows[0];
      if (!r) return this.begin(scope, key, requestHash, meta, until);
      if (r.request_hash !== requestHash) return { kind: 'mismatch' };
      if (r.response_status === null) return { kind: 'in_progress' };
      if (r.response_sealed === null) return { kind: 'replay', response: { status: r.response_status, body: r.response_body } };
      try {
        return { kind: 'replay', response: { status: r.response_status, body: JSON.parse(secrets.open(r.response_sealed)) as unknown } };
      } catch {
        return { kind: 'unreadable' };
      }
    },
  };
}
