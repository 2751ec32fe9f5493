import type { Messenger, SmsConsents, SmsRefusal } from '../../ports/messenger';

/**
 * What the message dispatch calls to text a customer: the SMS channel sender. It checks consent
 * and opt-out, then hands the text to the Messenger port, which records the delivery key before
 * calling the provider (exactly once per key, ADR 0008 / 0012).
 */
export interface SmsChannelMessage {
  tenantId: string;
  bookingId: string | null;
  /** E.164 (customers.phone). */
  to: string;
  body: string;
  /** Deterministic per delivery (e.g. `evt_<outbox id>:booking.booked:customer:+34…`, a reminder's send key). */
  key: string;
  template: string;
  redact?: string[];
  resendOf?: string;
}

export interface SmsChannelResult {
  /** The provider's message id (Twilio SID); null when nothing was sent now. */
  id: string | null;
  sent: boolean;
  /** Set when the number may not be texted: nothing was sent or recorded. */
  skipped?: SmsRefusal;
}

export function smsSender(deps: { messenger: Messenger; consents: SmsConsents }) {
  return {
    async send(m: SmsChannelMessage): Promise<SmsChannelResult> {
      const refusal = await deps.consents.check(m.tenantId, m.to);
      if (refusal) return { id: null, sent: false, skipped: refusal };
      return deps.messenger.send({
        tenantId: m.tenantId,
        bookingId: m.bookingId,
        to: m.to,
        body: m.body,
        template: m.template,
        deliveryKey: m.key,
        redact: m.redact,
        resendOf: m.resendOf,
      });
    },
  };
}
export type SmsSender = ReturnType<typeof smsSender>;
