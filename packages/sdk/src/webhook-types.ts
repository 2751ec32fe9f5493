import type { WebhookEvent } from './generated/types';

/** The event of one type: `WebhookEventOf<'booking.created'>`. */
export type WebhookEventOf<T extends WebhookEvent['type']> = Extract<WebhookEvent, { type: T }>;
