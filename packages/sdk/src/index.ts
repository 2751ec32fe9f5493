export { Slotwise, type SlotwiseOptions } from './client';
export {
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  isApiError,
  isAuthenticationError,
  isConflictError,
  isConnectionError,
  isInvalidRequestError,
  isNotFoundError,
  isPermissionError,
  isRateLimitError,
  isSlotwiseError,
  isTimeoutError,
  isValidationError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  SlotwiseError,
  TimeoutError,
  ValidationError,
} from './errors';
export { PagePromise } from './pagination';
export type { FetchLike } from './transport';
export type { CallOptions, Page, RouteArgs, RouteMethod, RouteResult, RouterClient } from './types';
export { SDK_VERSION } from './version';
export {
  verifyAndParse,
  verifyWebhook,
  WebhookVerificationError,
  type VerifyWebhookOptions,
  type WebhookFailure,
  type WebhookHeaders,
} from './webhooks';
export {
  contract,
  ERROR_CODES,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_HEADERS,
  WEBHOOK_TOLERANCE_SECONDS,
  type Contract,
  type ErrorCode,
  type FieldIssue,
  type WebhookEvent,
  type WebhookEventOf,
  type WebhookEventType,
} from '@slotwise/contracts';
