import { e164, smsKeyword, type SmsKeyword } from '../../domain/messages/sms-keywords';
import type { MessageLog, MessageStatus } from '../../ports/message-log';
import type { SmsConsents } from '../../ports/messenger';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Twilio's MessageStatus values that change the log; queued/sending/accepted say nothing new. */
const TWILIO_STATUS: Record<string, MessageStatus> = {
  sent: 'sent',
  delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
};

/** Postmark's webhook record types we act on. */
const POSTMARK_STATUS: Record<string, MessageStatus> = {
  Delivery: 'delivered',
  Bounce: 'bounced',
  SpamComplaint: 'bounced',
};

/**
 * What providers tell us after the fact (their webhooks, authenticated by the HTTP layer): an
 * inbound text with a keyword (STOP, START), and delivery reports for the message log.
 */
export function providerReports(deps: { consents: SmsConsents; log: MessageLog }) {
  return {
    /** An inbound SMS. STOP ends texts to that number from every business; START renews them. */
    async smsInbound(input: { from: string; body: string }): Promise<{ keyword: SmsKeyword; changed: number }> {
      const keyword = smsKeyword(input.body);
      const phone = e164(input.from);
      if (!phone || (keyword !== 'opt_out' && keyword !== 'opt_in')) return { keyword, changed: 0 };
      return { keyword, changed: await deps.consents.setOptOut(phone, keyword === 'opt_out') };
    },

    /** Twilio's status callback for a message we sent (the tenant rides in the callback URL). */
    async smsStatus(input: { tenantId: string; sid: string; status: string; errorCode?: string }): Promise<boolean> {
      const status = TWILIO_STATUS[input.status];
      if (!status || !UUID_RE.test(input.tenantId) || !input.sid) return false;
      const error = status === 'failed' || status === 'undelivered' ? `Twilio ${input.errorCode || input.status}` : null;
      return deps.log.report(input.tenantId, 'sms', input.sid, status, error);
    },

    /** Postmark's delivery, bounce and spam-complaint webhooks (the tenant rides in the Metadata we sent). */
    async postmarkEvent(body: unknown): Promise<boolean> {
      if (!body || typeof body !== 'object') return false;
      const b = body as { RecordType?: unknown; MessageID?: unknown; Metadata?: { tenant?: unknown }; Description?: unknown; Details?: unknown; Type?: unknown };
      const status = typeof b.RecordType === 'string' ? POSTMARK_STATUS[b.RecordType] : undefined;
      const tenantId = b.Metadata?.tenant;
      if (!status || typeof b.MessageID !== 'string' || typeof tenantId !== 'string' || !UUID_RE.test(tenantId)) return false;
      const error =
        b.RecordType === 'Bounce'
          ? `Bounce${typeof b.Type === 'string' ? ` (${b.Type})` : ''}: ${typeof b.Description === 'string' ? b.Description : 'undeliverable'}`.slice(0, 500)
          : b.RecordType === 'SpamComplaint'
            ? 'The recipient marked it as spam'
            : null;
      return deps.log.report(tenantId, 'email', b.MessageID, status, error);
    },
  };
}
export type ProviderReports = ReturnType<typeof providerReports>;
