import type pg from 'pg';
import type { IdempotencyStore } from '../../ports/idempotency';

const TTL = "interval '24 hours'";
// A first request that crashed mid-way stops blocking its key after this long.
const LOCK = "interval '60 seconds'";

/** Plain SQL on the pool: the table is a system table outside any tenant transaction. */
export function pgIdempotencyStore(pool: pg.Pool): IdempotencyStore {
  return {
    async begin(scope, key, requestHash, meta) {
      const inserted = await pool.query(
        `INSERT INTO idempotency_records (scope, key, request_hash, method, path, locked_until, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + ${LOCK}, now() + ${TTL})
         ON CONFLICT (scope, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, method = EXCLUDED.method, path = EXCLUDED.path,
               response_status = NULL, response_body = NULL, locked_until = EXCLUDED.locked_until,
               created_at = now(), expires_at = EXCLUDED.expires_at
           WHERE idempotency_records.expires_at < now()
              OR (idempotency_records.response_status IS NULL AND idempotency_records.locked_until < now()
                  AND idempotency_records.request_hash = EXCLUDED.request_hash)
         RETURNING 1`,
        [scope, key, requestHash, meta.method, meta.path],
      );
      if (inserted.rowCount === 1) return { kind: 'started' };
      const { rows } = await pool.query<{ request_hash: string; response_status: number | null; response_body: unknown }>(
        'SELECT request_hash, response_status, response_body FROM idempotency_records WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      const r = rows[0];
      if (!r) return this.begin(scope, key, requestHash, meta);
      if (r.request_hash !== requestHash) return { kind: 'mismatch' };
      if (r.response_status === null) return { kind: 'in_progress' };
      return { kind: 'replay', response: { status: r.response_status, body: r.response_body } };
    },
    async complete(scope, key, response) {
      await pool.query(
        'UPDATE idempotency_records SET response_status = $3, response_body = $4::json, locked_until = NULL WHERE scope = $1 AND key = $2',
        [scope, key, response.status, JSON.stringify(response.body ?? null)],
      );
    },
    async abandon(scope, key) {
      await pool.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND response_status IS NULL', [scope, key]);
    },
  };
}
