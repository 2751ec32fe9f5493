import type { ErrorBody, ErrorCode, FieldIssue } from '@slotwise/contracts';
import type { ErrorRequestHandler, Response } from 'express';
import { RequestValidationError } from '@ts-rest/express';
import type { ZodError } from 'zod';
import type { Logger } from 'pino';
import { toAppError } from '../app/errors';

/** The single code → HTTP status table. Anything not here is a bug and becomes a 500. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 422,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  token_expired: 401,
  refresh_token_reused: 401,
  invalid_token: 400,
  payment_required: 402,
  card_declined: 402,
  invalid_signature: 400,
  forbidden: 403,
  insufficient_scope: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  email_taken: 409,
  slug_taken: 409,
  slot_unavailable: 409,
  invalid_transition: 409,
  idempotency_in_progress: 409,
  idempotency_key_reused: 422,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  calendar_auth_failed: 400,
};

export function errorBody(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
  requestId?: string,
): ErrorBody {
  return {
    error: { code, message, ...(details ? { details } : {}), ...(requestId ? { requestId } : {}) },
  };
}

export function sendError(
  res: Response,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
) {
  res
    .status(STATUS_BY_CODE[code])
    .json(errorBody(code, message, details, res.locals.requestId as string | undefined));
}

export function zodIssues(err: ZodError, prefix: string): FieldIssue[] {
  return err.issues.map((i) => ({ path: [prefix, ...i.path].join('.'), message: i.message }));
}

const RETRY_AFTER_SECONDS = 1;

/** Maps every error that reaches Express to the shared error shape; never leaks a stack. */
export function errorHandler(
  logger: Logger,
  isStoreUnavailable: (err: unknown) => boolean = () => false,
): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (res.headersSent) return;
    const known = toAppError(err);
    if (known) return sendError(res, known.code, known.message, known.details);
    if (err instanceof RequestValidationError) {
      if (err.pathParams)
        return sendError(
          res,
          'not_found',
          'No such resource: an identifier in the URL is malformed',
          { issues: zodIssues(err.pathParams, 'path') },
        );
      const issues = [
        ...(err.headers ? zodIssues(err.headers, 'headers') : []),
        ...(err.query ? zodIssues(err.query, 'query') : []),
        ...(err.body ? zodIssues(err.body, 'body') : []),
      ];
      return sendError(
        res,
        'validation_failed',
        issues
          .map((i) => `${i.path}: ${i.message}`)
          .join('; ')
          .slice(0, 500) || 'Invalid request',
        { issues },
      );
    }
    const e = err as { type?: string; status?: number; statusCode?: number };
    if (e.type === 'entity.parse.failed')
      return sendError(res, 'invalid_json', 'Request body is not valid JSON');
    if (e.type === 'entity.too.large')
      return sendError(res, 'payload_too_large', 'Request body is too large');
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
      return sendError(res, 'bad_request', 'Unsupported body encoding');
    if (e.type === 'request.aborted') return sendError(res, 'bad_request', 'Request aborted');
    const status = e.status ?? e.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendError(res, 'bad_request', 'Malformed request');
    // The database connection went away (the store's SQLSTATE table says so, passed in by the
    // composition root: adapters/postgres/sql-errors.ts): a retry shortly will find
    // a fresh one. A write that was in flight may or may not have committed; an Idempotency-Key
    // makes the retry safe.
    if (isStoreUnavailable(err)) {
      logger.warn({ err, requestId: res.locals.requestId }, 'database unavailable');
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return sendError(
        res,
        'service_unavailable',
        'The database is unavailable for a moment; retry shortly',
      );
    }
    logger.error({ err, requestId: res.locals.requestId }, 'unhandled error');
    return sendError(res, 'internal_error', 'Something went wrong on our side; it has been logged');
  };
}
