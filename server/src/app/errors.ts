import type { ErrorCode, FieldIssue } from '@slotwise/contracts';
import { StoreRefusal, type RefusalReason } from '../ports/errors';

/**
 * The one error type use cases throw. Its code decides the HTTP status (see http/error-mapper),
 * so a use case never thinks in HTTP.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown> & { issues?: FieldIssue[] },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('forbidden', message);
export const validationFailed = (issues: FieldIssue[], message = 'Some fields are invalid') =>
  new AppError('validation_failed', message, { issues });

/** What a store's refusal means for the caller: the one place port errors become API errors. */
const REFUSAL_CODES: Record<RefusalReason, ErrorCode> = {
  slot_taken: 'slot_unavailable',
  duplicate: 'conflict',
  contention: 'conflict',
  invalid_cursor: 'bad_request',
  bad_input: 'bad_request',
};

/** An AppError as is, a port's StoreRefusal mapped to its AppError, anything else undefined (a bug). */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof StoreRefusal) return new AppError(REFUSAL_CODES[err.reason], err.message, err.details);
  return undefined;
}
