/** A text message to send; the SMS twin of ports/mailer.ts's OutgoingEmail. */
export interface OutgoingSms {
  tenantId: string;
  /** The booking it is about, for the per-booking history in the admin's message log. */
  bookingId?: string | null;
  /** E.164 (`+` and digits), as customers.phone stores it. */
  to: string;
  body: string;
  /** Which template produced it, for the message log. */
  template: string;
  /**
   * Deterministic per delivery: recorded before the provider is called, so a redelivered job
   * never texts twice (ADR 0008, ADR 0012).
   */
  deliveryKey: string;
  /** Secrets in the body (a manage link's token): sent, but replaced in the message log. */
  redact?: string[];
  /** The message-log id this one repeats (the admin's resend). */
  resendOf?: string;
}

/**
 * The SMS port: sends a text and records it in the tenant's message log (channel `sms`).
 * `sent: false`: this delivery key was already recorded, nothing was sent again. It does not
 * check consent: callers go through `smsSender` (jobs/sms-sender.ts), which does.
 */
export interface Messenger {
  send(sms: OutgoingSms): Promise<{ id: string | null; sent: boolean }>;
}

/** Why a number may not be texted. */
export type SmsRefusal = 'no_consent' | 'opted_out';

/** Consent per business and phone (sms_consents). */
export interface SmsConsents {
  /** Consent given at booking (idempotent; a later booking's consent does not undo a STOP). */
  record(tenantId: string, phone: string, bookingId: string | null): Promise<void>;
  /** null: consented and not opted out. */
  check(tenantId: string, phone: string): Promise<SmsRefusal | null>;
  /** STOP (true) / START (false) from a phone, for every business it consented to. Returns the consents changed. */
  setOptOut(phone: string, optedOut: boolean): Promise<number>;
}
