import type { Page, PageRequest } from './records';

export type MessageChannel = 'email' | 'sms';
/**
 * `recorded`: the embedded default's local transports (nothing left the machine); `sending`: claimed,
 * provider not answered yet; `needs_review`: a crash left it unknown (ADR 0008); `sent`: the
 * provider accepted it; `delivered` / `bounced` / `failed` / `undelivered`: the provider's later word.
 */
export type MessageStatus = 'recorded' | 'sending' | 'needs_review' | 'sent' | 'delivered' | 'bounced' | 'failed' | 'undelivered';

/** One row of the message log, every channel (email_messages). */
export interface MessageRecord {
  id: string;
  channel: MessageChannel;
  template: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  transport: string;
  status: MessageStatus;
  externalId: string | null;
  error: string | null;
  bookingId: string | null;
  resendOf: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MessageFilter extends PageRequest {
  channel?: MessageChannel;
  status?: MessageStatus;
  template?: string;
  bookingId?: string;
  /** Part of the recipient's address or number. */
  to?: string;
}

/** The admin's view of the log, and the provider status webhooks' way in. */
export interface MessageLog {
  list(tenantId: string, filter: MessageFilter): Promise<Page<MessageRecord>>;
  get(tenantId: string, id: string): Promise<MessageRecord | null>;
  /** The message recorded under a delivery key. */
  findByKey(tenantId: string, deliveryKey: string): Promise<MessageRecord | null>;
  /** How many times a message was resent (the next resend's key counts from it). */
  countResends(tenantId: string, id: string): Promise<number>;
  /**
   * A provider's delivery report: sets the status (and error) of the tenant's message with that
   * provider id. A report never moves a message back (delivered stays delivered if a late `sent`
   * arrives). false: no such message.
   */
  report(tenantId: string, channel: MessageChannel, externalId: string, status: MessageStatus, error: string | null): Promise<boolean>;
}
