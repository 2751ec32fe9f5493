import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { IdempotencyStore, IdempotentAttempt, StoredResponse } from '../ports/idempotency';
import type { Principal } from '../app/principal';
import { routeMeta } from './authorize';
import { clientIp } from './context';
import { sendError } from './error-mapper';

const KEY_RE = /^[\x21-\x7e]{1,255}$/;
// Longer than the owner's lease (10 s), so a duplicate waiting on a crashed owner takes over.
// Counted from the duplicate's arrival here: every wait it makes (its claim, a deferred claim's
// wait in its write, the lookup after a refused one) fits in it, as the guide promises.
const WAIT_MS = 15_000;

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function replay(res: Response, r: StoredResponse) {
  res.setHeader('Idempotent-Replayed', 'true');
  if (r.body === null || r.body === undefined) res.status(r.status).end();
  else res.status(r.status).json(r.body);
}

const carriesSecrets = (req: Request) => (routeMeta(req).secrets?.length ?? 0) > 0;

/** A route whose metadata declares `secrets` is never cached, whether or not it is idempotent. */
export function noStoreForSecrets(): RequestHandler {
  return (req, res, next) => {
    if (carriesSecrets(req)) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * Idempotency-Key on POST/PATCH: the first response is stored before it is sent, in the same
 * transaction as the request's effect (ADR 0008); a replay gets it back, a concurrent duplicate
 * waits for it (or gets 409 after 15 s), a different body gets 422. Runs after authentication so
 * keys are scoped per caller. A route whose metadata declares `secrets` gets its stored response
 * sealed (and `noStoreForSecrets` marks every answer `Cache-Control: no-store`).
 */
export function idempotency(
  store: IdempotencyStore,
  opts: { deferClaim?: (req: Request) => boolean } = {},
): RequestHandler {
  return async (req, res, next) => {
    const sealed = carriesSecrets(req);
    const key = req.header('idempotency-key');
    if (key === undefined || (req.method !== 'POST' && req.method !== 'PATCH')) return next();
    if (!KEY_RE.test(key))
      return sendError(
        res,
        'bad_request',
        'Idempotency-Key must be 1–255 visible ASCII characters',
      );
    const p = res.locals.principal as Principal | undefined;
    const scope = p
      ? `${p.tenantId}:${p.kind === 'user' ? p.userId : p.keyId}`
      : `anon:${clientIp(req)}`;
    const path = req.originalUrl.split('?')[0] ?? req.path;
    const hash = createHash('sha256')
      .update(JSON.stringify([req.method, path, canonical(req.body ?? null)]))
      .digest('hex');
    const meta = { method: req.method, path };
    const until = Date.now() + WAIT_MS;
    /** Claims the key, or answers from its record (replay, mismatch, still running): null then. */
    const claim = async (): Promise<IdempotentAttempt | null> => {
      for (;;) {
        const r = await store.begin(scope, key, hash, meta, until);
        if (r.kind === 'replay') {
          replay(res, r.response);
          return null;
        }
        if (r.kind === 'mismatch') {
          sendError(
            res,
            'idempotency_key_reused',
            'This Idempotency-Key was used with a different request; use a new key',
          );
          return null;
        }
        if (r.kind === 'unreadable') {
          sendError(
            res,
            'idempotency_key_reused',
            'The response stored for this Idempotency-Key can no longer be read; use a new key',
          );
          return null;
        }
        if (r.kind === 'started') return r.attempt;
        if (Date.now() >= until) {
          sendError(
            res,
            'idempotency_in_progress',
            'A request with this Idempotency-Key is still running; retry shortly',
          );
          return null;
        }
        await sleep(50);
      }
    };
    let attempt: IdempotentAttempt;
    if (opts.deferClaim?.(req)) {
      // The route claims the key with its first write (ADR 0008 §6): nothing to wait for here.
      attempt = store.deferred(scope, key, hash, meta, until);
    } else {
      try {
        const started = await claim();
        if (!started) return;
        attempt = started;
      } catch (err) {
        return next(err);
      }
    }

    // Store the response before it leaves, with the effect: a crash never lets a retry execute twice.
    const origJson = res.json.bind(res);
    const origEnd = res.end.bind(res) as (...a: unknown[]) => Response;
    let stored = false;
    const log = (req as { log?: { error: (o: object, m: string) => void } }).log;
    const persist = (status: number, body: unknown, send: () => void) => {
      if (stored) return send();
      stored = true;
      if (attempt.taken()) return answerForOther();
      if (status >= 500) {
        attempt.abandon().then(send, (err: unknown) => {
          log?.error({ err }, 'idempotency abandon failed');
          send();
        });
        return;
      }
      attempt.complete({ status, body }, { sealed }).then(
        (ok) => (ok ? send() : attempt.taken() ? answerForOther() : lost()),
        (err: unknown) => {
          log?.error({ err }, 'idempotency store failed');
          lost();
        },
      );
    };
    // A deferred claim found the key another attempt's: this one committed nothing, and answers
    // as a duplicate does (the other's response, a mismatch, or still running once its 15 s, the
    // claim's wait included, are over). If the other
    // attempt vanished meanwhile there is no response of this one left to give: the retry runs.
    const answerForOther = () => {
      res.json = origJson;
      res.end = origEnd as typeof res.end;
      claim().then(
        (started) => started?.abandon().then(lost, lost),
        (err: unknown) => {
          log?.error({ err }, 'idempotency lookup failed');
          lost();
        },
      );
    };
    // Nothing was stored and the effect (if any) rolled back: the client's retry runs the request again.
    const lost = () =>
      sendError(
        res,
        'idempotency_in_progress',
        'This request could not be completed; retry it with the same Idempotency-Key',
      );
    res.json = (body: unknown) => {
      persist(res.statusCode, body, () => origJson(body));
      return res;
    };
    res.end = ((...args: unknown[]) => {
      if (stored) return origEnd(...args);
      persist(res.statusCode, null, () => origEnd(...args));
      return res;
    }) as typeof res.end;
    // A client that hangs up does not abandon the key: the request runs to its end and stores its
    // response, which the client's retry then replays.
    attempt.run(next);
  };
}
