import { isSlotwiseError, isValidationError, Slotwise, type SlotwiseOptions } from '@slotwise/sdk';

/** The apps are served by the API itself, so the SDK talks to the page's own origin. */
export function createSdk(options: Partial<SlotwiseOptions> = {}): Slotwise {
  return new Slotwise({
    baseUrl: window.location.origin,
    // Public pages have no credential; the admin sets its session token after login.
    anonymous: true,
    maxRetries: 1,
    timeoutMs: 20_000,
    ...options,
  });
}

export { isSlotwiseError, isValidationError };

/** The API's field issues, when the error is a 422 validation_failed. */
export function issuesOf(err: unknown): { path: string; message: string }[] {
  return isValidationError(err) ? err.issues : [];
}

export const errorCode = (err: unknown): string | undefined =>
  isSlotwiseError(err) ? err.code : undefined;
