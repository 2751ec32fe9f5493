import type { FieldIssue } from '@slotwise/contracts';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../app/errors';

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * API bodies are JSON. Anything else would reach the handler as `{}` (the JSON parser skips it),
 * so an all-optional PATCH sent as text/plain would "succeed" without changing anything.
 */
export function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    const chunked = req.headers['transfer-encoding'] !== undefined && req.headers['content-type'] !== undefined;
    if ((length > 0 || chunked) && !req.is(JSON_TYPES)) {
      return next(new AppError('bad_request', 'Send the request body as JSON with Content-Type: application/json'));
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
 * identifier (404), in the query or body as a validation failure (422).
 */
export function rejectNulCharacters(): RequestHandler {
  return (req: Request, _res, next) => {
    const inPath: FieldIssue[] = [];
    nulIssues(req.params, 'path', inPath);
    if (inPath.length) return next(new AppError('not_found', 'No such resource: the URL contains a NUL character', { issues: inPath }));
    const issues: FieldIssue[] = [];
    nulIssues(req.query, 'query', issues);
    nulIssues(req.body, 'body', issues);
    if (issues.length) return next(new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues }));
    next();
  };
}
