export interface OutgoingEmail {
  tenantId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Which template produced it, for the admin's message log. */
  template: string;
  attachments?: { name: string; content: string; contentType: string }[];
  /**
   * Deterministic per delivery (outbox event + handler): the message log records it before the
   * provider is called, so a redelivered job never sends twice (ADR 0008).
   */
  deliveryKey: string;
  /** Secrets in the text (a manage link's token): sent, but replaced in the message log. */
  redact?: string[];
  /** The booking it is about, for the message log's per-booking history. */
  bookingId?: string;
}

/**
 * Sends an email and records it in the tenant's message log (email_messages). `sent: false`: this
 * delivery key was already recorded, nothing was sent again.
 */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ id: string | null; sent: boolean }>;
}
