import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { IdempotencyStore, StoredResponse } from '../ports/idempotency';
import type { Principal } from '../app/principal';
import { clientIp } from './context';
import { sendError } from './error-mapper';

const KEY_RE = /^[\x21-\x7e]{1,255}$/;
const WAIT_MS = 10_000;

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function replay(res: Response, r: StoredResponse) {
  res.setHeader('Idempotent-Replayed', 'true');
  if (r.body === null || r.body === undefined) res.status(r.status).end();
  else res.status(r.status).json(r.body);
}

/**
 * Idempotency-Key on POST/PATCH: the first response is stored before it is sent; a replay gets it
 * back, a concurrent duplicate waits for it (or gets 409 after 10 s), a different body gets 422.
 * Runs after authentication so keys are scoped per caller.
 */
export function idempotency(store: IdempotencyStore): RequestHandler {
  return async (req, res, next) => {
    const key = req.header('idempotency-key');
    if (key === undefined || (req.method !== 'POST' && req.method !== 'PATCH')) return next();
    if (!KEY_RE.test(key)) return sendError(res, 'bad_request', 'Idempotency-Key must be 1–255 visible ASCII characters');
    const p = res.locals.principal as Principal | undefined;
    const scope = p ? `${p.tenantId}:${p.kind === 'user' ? p.userId : p.keyId}` : `anon:${clientIp(req)}`;
    const path = req.originalUrl.split('?')[0] ?? req.path;
    const hash = createHash('sha256')
      .update(JSON.stringify([req.method, path, canonical(req.body ?? null)]))
      .digest('hex');
    try {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const r = await store.begin(scope, key, hash, { method: req.method, path });
        if (r.kind === 'replay') return replay(res, r.response);
        if (r.kind === 'mismatch') {
          return sendError(res, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request; use a new key');
        }
        if (r.kind === 'started') break;
        if (Date.now() > deadline) return sendError(res, 'idempotency_in_progress', 'A request with this Idempotency-Key is still running; retry shortly');
        await sleep(50);
      }
    } catch (err) {
      return next(err);
    }

    // Store the response before it leaves, so a crash never lets a retry execute twice.
    const origJson = res.json.bind(res);
    const origEnd = res.end.bind(res) as (...a: unknown[]) => Response;
    let stored = false;
    const persist = (status: number, body: unknown, send: () => void) => {
      if (stored) return send();
      stored = true;
      const op = status >= 500 ? store.abandon(scope, key) : store.complete(scope, key, { status, body });
      op.then(send, (err) => {
        (req as { log?: { error: (o: object, m: string) => void } }).log?.error({ err }, 'idempotency store failed');
        send();
      });
    };
    res.json = (body: unknown) => {
      persist(res.statusCode, body, () => origJson(body));
      return res;
    };
    res.end = ((...args: unknown[]) => {
      if (stored) return origEnd(...args);
      persist(res.statusCode, null, () => origEnd(...args));
      return res;
    }) as typeof res.end;
    res.on('close', () => {
      if (!stored) store.abandon(scope, key).catch(() => undefined);
    });
    next();
  };
}
