export interface OutgoingEmail {
  tenantId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Which template produced it, for the admin's message log. */
  template: string;
  attachments?: { name: string; content: string; contentType: string }[];
}

/** Sends an email and records it in the tenant's message log (email_messages). */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ id: string | null }>;
}
