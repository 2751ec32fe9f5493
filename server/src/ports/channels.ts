import type { Channel } from '../domain/messages/reminders';

/** One message on one channel; the channel's sender records it in the message log first. */
export interface OutgoingMessage {
  tenantId: string;
  channel: Channel;
  to: string;
  /** Which template produced it (the message log's `template`). */
  template: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { name: string; content: string; contentType: string }[];
  /** Deterministic per message: recorded before the provider is called, never sent twice (ADR 0008). */
  deliveryKey: string;
  bookingId?: string;
  /** Secrets in the text (a manage link's token): sent, but replaced in the message log. */
  redact?: string[];
}

export type ChannelSender = (m: OutgoingMessage) => Promise<{ id: string | null; sent: boolean }>;

/**
 * The dispatch table (ADR 0011): messages and reminders go out through the sender of their
 * channel. Email is always there (Postmark or the local log); SMS plugs in when configured.
 */
export type Channels = { email: ChannelSender } & Partial<
  Record<Exclude<Channel, 'email'>, ChannelSender>
>;
