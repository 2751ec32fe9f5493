import type { FieldIssue } from '@slotwise/contracts';
import express, { type Request, type RequestHandler } from 'express';
import { parse as parseQueryString } from 'qs';
import { AppError } from '../app/errors';

/** Deepest nesting a JSON body may have; the deepest body the contracts take is 4 levels. */
export const MAX_JSON_DEPTH = 32;
/** Most object keys a JSON body may have, all levels together (a full week of hours has ~800). */
export const MAX_JSON_KEYS = 2_000;
/** Most keys plus array items, all levels together (a 100 kB body of ids holds ~2,500). */
export const MAX_JSON_ENTRIES = 10_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Measures nesting depth and entry count on the raw bytes, before JSON.parse builds anything, so
 * no later walk over the body (idempotency hashing, NUL checks, zod) meets a pathological shape.
 * UTF-8 only: every structural byte is ASCII, and multi-byte sequences never contain one.
 */
export function checkJsonShape(buf: Buffer): void {
  let depth = 0;
  let keys = 0;
  let entries = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new AppError(
          'payload_too_large',
          `Request body nests deeper than ${MAX_JSON_DEPTH} levels`,
          { maxDepth: MAX_JSON_DEPTH },
        );
      }
    } else if (b === 0x7d || b === 0x5d) depth--;
    else if (b === 0x3a && ++keys > MAX_JSON_KEYS) {
      throw new AppError('payload_too_large', `Request body has more than ${MAX_JSON_KEYS} keys`, {
        maxKeys: MAX_JSON_KEYS,
      });
    } else if ((b === 0x2c || b === 0x3a) && ++entries > MAX_JSON_ENTRIES) {
      throw new AppError(
        'payload_too_large',
        `Request body has more than ${MAX_JSON_ENTRIES} keys and array items`,
        { maxEntries: MAX_JSON_ENTRIES },
      );
    }
  }
}

/**
 * express.json with the shape bounded while parsing (see checkJsonShape). JSON is UTF-8
 * (RFC 8259); other utf-* charsets body-parser would decode are refused so the byte scan holds.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    strict: true,
    type: ['application/json', 'application/*+json'],
    verify: (_req, _res, buf, encoding) => {
      if (encoding.toLowerCase() !== 'utf-8' && encoding.toLowerCase() !== 'utf8') {
        throw new AppError('bad_request', 'Unsupported body encoding: send JSON as UTF-8');
      }
      checkJsonShape(buf);
    },
  });
}

/**
 * Query strings through qs (ts-rest clients send arrays as `a[0]=x`), with tighter limits than
 * Express's defaults: the contracts' queries are flat, so one level of brackets is all they need.
 */
export function parseQuery(query: string): Record<string, unknown> {
  return parseQueryString(query, {
    depth: 1,
    arrayLimit: 20,
    parameterLimit: 100,
    allowPrototypes: false,
  });
}

/**
 * Express 4 ignores the promise an async middleware returns, so a rejection would be unhandled
 * (and the request would hang). Every middleware of the API chain goes through this: a throw or
 * a rejection reaches next(err), and so the error mapper.
 */
export function catchRejections(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    try {
      const result: unknown = handler(req, res, next);
      if (result && typeof (result as Promise<unknown>).then === 'function')
        (result as Promise<unknown>).then(undefined, next);
    } catch (err) {
      next(err);
    }
  };
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * API bodies are JSON. Anything else would reach the handler as `{}` (the JSON parser skips it),
 * so an all-optional PATCH sent as text/plain would "succeed" without changing anything.
 */
export function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    const chunked =
      req.headers['transfer-encoding'] !== undefined && req.headers['content-type'] !== undefined;
    if ((length > 0 || chunked) && !req.is(JSON_TYPES)) {
      return next(
        new AppError(
          'bad_request',
          'Send the request body as JSON with Content-Type: application/json',
        ),
      );
    }
    next();
  };
}

const MAX_ISSUES = 20;

function nulIssues(value: unknown, path: string, out: FieldIssue[], depth = 0): void {
  if (out.length >= MAX_ISSUES || depth > 64) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ path, message: 'Must not contain NUL characters' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulIssues(v, `${path}.${i}`, out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push({ path, message: 'Keys must not contain NUL characters' });
      nulIssues(v, `${path}.${k}`, out, depth + 1);
    }
  }
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere would surface as a database error (500)
 * deep in a use case. Rejected here once, for every route: in the path like any malformed
 * identifier (404), in the query as a malformed request (400), in the body as a validation failure (422).
 */
export function rejectNulCharacters(): RequestHandler {
  return (req: Request, _res, next) => {
    const inPath: FieldIssue[] = [];
    nulIssues(req.params, 'path', inPath);
    if (inPath.length)
      return next(
        new AppError('not_found', 'No such resource: the URL contains a NUL character', {
          issues: inPath,
        }),
      );
    // A query string is malformed text for every route, including those that take no query, so
    // it is a 400 like unreadable JSON; a body is only sent where a contract validates it (422).
    const inQuery: FieldIssue[] = [];
    nulIssues(req.query, 'query', inQuery);
    if (inQuery.length)
      return next(
        new AppError('bad_request', 'The query string contains a NUL character', {
          issues: inQuery,
        }),
      );
    const issues: FieldIssue[] = [];
    nulIssues(req.body, 'body', issues);
    if (issues.length)
      return next(
        new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
          issues,
        }),
      );
    next();
  };
}
