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
export { ApiPromise, type WithLastResponse, type WithResponse } from './api-promise';
export { PagePromise, type Page } from './pagination';
export type { FetchLike } from './transport';
export type {
  CallOptions,
  Hooks,
  RequestEvent,
  RequestOptions,
  ResponseEvent,
  ResponseInfo,
} from './options';
export type { RouteSpec, RouteTable } from './route-table';
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
  API_VERSION,
  API_VERSIONS,
  ERROR_CODES,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_HEADERS,
  WEBHOOK_TOLERANCE_SECONDS,
  type ErrorCode,
} from './generated/constants';
export type * from './generated/types';
export type * from './generated/api';
export type { WebhookEventOf } from './webhook-types';
