import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { isTransactionExpired, sqlConditionOf } from './sql-errors';

/**
 * Crash-safe Idempotency-Key (docs/decisions/0008-idempotency-crash-safety.md): the first
 * transaction of an idempotent request that succeeds is not committed when its work is done but
 * kept open until the response is known; the response row is then written in that transaction,
 * fenced by the attempt's owner id, and both commit together. A process that dies before the
 * commit leaves neither; one that dies after it leaves both, and the retry replays.
 *
 * The request's pending completion travels with the request through AsyncLocalStorage from the
 * idempotency middleware to the adapters that open transactions (unit of work, booking store), so
 * no use case knows about it.
 */

/** The fenced UPDATE that stores the response; it must change exactly one row. */
export interface CompletionWrite {
  text: string;
  values: unknown[];
  /**
   * The same write as a call that raises unless it changed exactly one row
   * (prisma/functions/idempotency_complete.sql), with the same values: it can share a round trip
   * with the COMMIT.
   */
  checked: string;
}

/** A statement with its parameters, as pg takes it. */
export interface Statement {
  text: string;
  values: unknown[];
}

interface Held {
  tenantId: string | null;
  /** Runs more work of the same request on the held transaction (a later unit of work). */
  join: (<T>(work: (conn: unknown) => Promise<T>) => Promise<T>) | null;
  /** Commits with the response (or rolls back with null); true once the response is durable. */
  finish(write: CompletionWrite | null): Promise<boolean>;
}

export class PendingCompletion {
  held: Held | null = null;
  /** The middleware has the response: transactions from now on commit as usual. */
  settled = false;
  /**
   * A claim of the key deferred to the request's first held transaction (ADR 0008 §6): that
   * transaction runs it before its work (poolHoldOpen: in the same message), so the key and the
   * effect commit together and nothing was committed for the key before. Null once held. Built
   * when sent, because its wait on another running attempt is what is left of the request's 15 s.
   */
  claim: (() => Statement) | null = null;
  /**
   * The deferred claim did not hold (isClaimRefused): nothing of this request committed, and it
   * answers as a duplicate does.
   */
  taken = false;
}

/**
 * A deferred claim that did not hold: refused (SW015), waited past its lock_timeout on a running
 * duplicate, or granted too late: its wait (what is left of the request's 15 s) ends about when the
 * Prisma transaction carrying it may expire (15 s from its start), so a claim granted near the end
 * can leave that transaction expired before its work (the claim rolled back with it).
 */
export const isClaimRefused = (err: unknown) => {
  const c = sqlConditionOf(err);
  return c === 'idempotencyTaken' || c === 'lockNotAvailable' || isTransactionExpired(err);
};

const context = new AsyncLocalStorage<PendingCompletion>();

export const runWithCompletion = (p: PendingCompletion, fn: () => void) => context.run(p, fn);

/** The current request's completion, while no response is known yet. */
export function pendingCompletion(): PendingCompletion | undefined {
  const p = context.getStore();
  return p && !p.settled ? p : undefined;
}

class CompletionLost extends Error {
  constructor() {
    super('The idempotency key was taken over or abandoned before the response was stored');
  }
}
class ResponseAbandoned extends Error {
  constructor() {
    super('The request failed after its effect; rolled back');
  }
}

/**
 * Runs `work` in a transaction (`transaction(body)` commits when body resolves) and hands its
 * result back as soon as it is done, while the transaction waits for `finish` from the
 * middleware. Work that fails rolls back and rethrows as usual; the next transaction may claim.
 */
export function holdOpen<C, T>(
  p: PendingCompletion,
  opts: {
    tenantId: string | null;
    transaction: (body: (conn: C) => Promise<void>) => Promise<void>;
    exec: (conn: C, w: CompletionWrite) => Promise<number>;
    /** Runs the deferred claim before the work; absent when the work sends it itself (poolHoldOpen). */
    claim?: (conn: C, s: Statement) => Promise<unknown>;
    savepoint?: (conn: C, name: 'begin' | 'release' | 'rollback') => Promise<unknown>;
  },
  work: (conn: C) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let handedOut = false;
    let signal!: (w: CompletionWrite | null) => void;
    const response = new Promise<CompletionWrite | null>((r) => (signal = r));
    let queue: Promise<unknown> = Promise.resolve();
    const outcome: Promise<boolean> = opts
      .transaction(async (conn) => {
        // A retry of the transaction (serialization failure at commit) cannot redo handed-out work.
        if (handedOut) throw new CompletionLost();
        if (p.claim && opts.claim) await opts.claim(conn, p.claim());
        const result = await work(conn);
        p.claim = null;
        const sp = opts.savepoint;
        p.held = {
          tenantId: opts.tenantId,
          join: sp
            ? <U>(more: (conn: unknown) => Promise<U>) => {
                // One statement stream per connection: joined work runs one at a time, each in a
                // savepoint so a failure undoes only itself, as its own transaction would have.
                const run = queue.then(async () => {
                  await sp(conn, 'begin');
                  try {
                    const r = await more(conn);
                    await sp(conn, 'release');
                    return r;
                  } catch (err) {
                    await sp(conn, 'rollback');
                    throw err;
                  }
                });
                queue = run.catch(() => undefined);
                return run;
              }
            : null,
          finish: (w) => {
            signal(w);
            return outcome;
          },
        };
        handedOut = true;
        resolve(result);
        const write = await response;
        await queue;
        if (!write) throw new ResponseAbandoned();
        if ((await opts.exec(conn, write)) !== 1) throw new CompletionLost();
      })
      .then(
        () => true,
        (err: unknown) => {
          if (!handedOut && p.claim && isClaimRefused(err)) p.taken = true;
          if (!handedOut) reject(err);
          return false;
        },
      );
  });
}

/**
 * The request's first write held open on one pooled connection, committed with the response. For
 * a write no later work of the request joins: plain `pg` costs a fraction of the CPU of a Prisma
 * interactive transaction (about 1.5 ms per booking, docs/performance.md "Booking"), but nothing
 * can join it (`join` is null).
 *
 * Two round trips instead of four: `BEGIN; <the write>` and `SELECT idempotency_complete(…);
 * COMMIT`, each one simple-protocol string (the simple protocol runs several statements per
 * message; it takes no parameters, so the values are inlined as escaped literals). A write or a
 * completion that fails aborts the transaction, the rest of its string is skipped, and ROLLBACK
 * follows, as `poolTransaction` does.
 */
export function poolHoldOpen<R extends pg.QueryResultRow>(
  p: PendingCompletion,
  pool: pg.Pool,
  write: Statement,
): Promise<R[]> {
  return holdOpen<pg.PoolClient, R[]>(
    p,
    {
      tenantId: null,
      transaction: (body) => pooledOpenTransaction(pool, body),
      exec: async (c, w) => {
        await c.query(`${inline(w.checked, w.values)}; COMMIT`);
        return 1;
      },
    },
    async (c) => {
      const s = p.claim?.();
      const claim = s ? `${inline(s.text, s.values)}; ` : '';
      const results = (await c.query<R>(`BEGIN; ${claim}${inline(write.text, write.values)}`)) as unknown as pg.QueryResult<R>[];
      return results[results.length - 1]!.rows;
    },
  );
}

/**
 * Statements in one transaction sent as one message (`BEGIN; …; COMMIT`): all or nothing, one
 * round trip. A failing statement skips the rest of the message, COMMIT included; ROLLBACK follows.
 */
export async function commitInOneMessage(pool: pg.Pool, statements: Statement[]): Promise<void> {
  await pooledOpenTransaction(pool, async (c) => {
    await c.query(`BEGIN; ${statements.map((s) => inline(s.text, s.values)).join('; ')}; COMMIT`);
  });
}

/**
 * Runs `body` on one pooled connection whose statements begin and commit the transaction
 * themselves (poolHoldOpen); rolls back if body fails. A connection whose ROLLBACK fails is
 * released as broken.
 */
async function pooledOpenTransaction(pool: pg.Pool, body: (c: pg.PoolClient) => Promise<void>): Promise<void> {
  const c = await pool.connect();
  let broken: Error | undefined;
  try {
    await body(c);
  } catch (err) {
    await c.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    c.release(broken);
  }
}

/**
 * `$n` replaced by the literal of values[n-1]: strings escaped by pg (quotes doubled, backslashes
 * in an E'' literal), finite numbers and booleans as written, null as NULL. Any other value is a
 * programming error, refused rather than guessed.
 */
export function inline(text: string, values: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = values[Number(n) - 1];
    if (v === null || v === undefined) return 'NULL';
    // A NUL would end the simple-protocol message inside the literal and desynchronise the
    // connection; requests never carry one (request-guards refuse it), so this is a programming error.
    if (typeof v === 'string' && v.includes('\u0000')) throw new TypeError('Cannot inline a string holding NUL');
    if (typeof v === 'string') return literal(v);
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
    throw new TypeError(`Cannot inline a parameter of type ${typeof v}`);
  });
}

/**
 * pg.escapeLiteral's output (quotes doubled; with a backslash, backslashes doubled in an E''
 * literal), by native replace instead of its character loop: the booking's JSON is kilobytes.
 */
function literal(v: string): string {
  const quoted = v.replace(/'/g, "''");
  return v.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}
