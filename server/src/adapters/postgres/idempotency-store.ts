import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { IdempotencyStore, IdempotentAttempt, StoredResponse } from '../../ports/idempotency';
import type { Secrets } from '../../ports/secrets';
import { PendingCompletion, runWithCompletion, type CompletionWrite } from './idempotent-commit';

const TTL = "interval '24 hours'";
/**
 * The owner's lease, renewed every HEARTBEAT_MS while its request runs: a process that dies stops
 * blocking its key within LEASE (ADR 0008); a waiting duplicate (up to 15 s) then takes over.
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
    const completion = (response: StoredResponse, sealed: boolean): CompletionWrite => {
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
    };
  }

  return {
    async begin(scope, key, requestHash, meta) {
      const owner = randomUUID();
      const inserted = await pool.query(
        `INSERT INTO idempotency_records (scope, key, request_hash, method, path, owner, locked_until, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + ${LEASE}, now() + ${TTL})
         ON CONFLICT (scope, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path,
               owner = EXCLUDED.owner, response_status = NULL, response_body = NULL, response_sealed = NULL,
               locked_until = EXCLUDED.locked_until, created_at = now(), expires_at = EXCLUDED.expires_at
           WHERE idempotency_records.expires_at < now()
              OR (idempotency_records.response_status IS NULL AND idempotency_records.locked_until < now()
                  AND idempotency_records.request_hash = EXCLUDED.request_hash)
         RETURNING 1`,
        [scope, key, requestHash, meta.method, meta.path, owner],
      );
      if (inserted.rowCount === 1) return { kind: 'started', attempt: attempt(scope, key, owner) };
      const { rows } = await pool.query<Row>(
        'SELECT request_hash, response_status, response_body, response_sealed FROM idempotency_records WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      const r = rows[0];
      if (!r) return this.begin(scope, key, requestHash, meta);
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
