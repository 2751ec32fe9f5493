import type { ErrorCode, FieldIssue } from '@slotwise/contracts';

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
